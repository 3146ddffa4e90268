"""Request context, fail-closed 503 and the `access_denied` event for every 403.

One middleware (placed right after SessionMiddleware, so CSRF refusals are seen too):
- binds the audit context of the request: request id, W3C trace context (trace id from a valid
  `traceparent` header, or a new one; a new span id), client address, user agent, acting user;
- turns an AuditWriteError raised by a view into a 503 page rendered without the request and
  without any view data: the view called record() before rendering, so nothing was shown;
- records `access_denied` for every 403 response (PermissionDenied, CSRF, explicit 403), unless
  the view already recorded a more specific denial in this request (404s for existing objects:
  casework/refusals.py);
- answers 429 when the user was refused too often (RefusalLimitExceeded, audit/refusals.py).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader

from audit import context as audit_context
from audit.errors import AuditWriteError, RefusalLimitExceeded

logger = logging.getLogger("audit")

REQUEST_ID_HEADER = "X-Request-ID"


def audit_unavailable_response() -> HttpResponse:
    """The 503 page: no request context, so not even the user's name is rendered."""
    response = HttpResponse(loader.get_template("503.html").render({}, None), status=503)
    response["Retry-After"] = "60"
    return response


def refusal_limit_response(request: HttpRequest, exc: RefusalLimitExceeded) -> HttpResponse:
    """429: too many refusals for this user in the current window (nothing more is recorded)."""
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse(
            {"type": "about:blank", "title": "Too Many Requests", "status": 429,
             "detail": "Te veel geweigerde verzoeken. Probeer het later opnieuw."},
            status=429, content_type="application/problem+json")
    else:
        response = HttpResponse(loader.get_template("429.html").render({}, None), status=429)
    response["Retry-After"] = str(exc.retry_after)
    return response


def _record_denied(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    from audit.actions import Action, Outcome
    from audit.activities import INFORMATION_SECURITY
    from audit.services import record

    match = getattr(request, "resolver_match", None)
    kwargs = match.kwargs if match is not None else {}
    case_id = str(kwargs.get("case_id", "") or "")
    try:
        record(
            action=Action.ACCESS_DENIED,
            outcome=Outcome.DENIED,
            processing_activity=INFORMATION_SECURITY,
            object_type=f"view:{match.view_name}"[:100] if match is not None else "url",
            object_id=request.path[:100] if _opaque_path(request.path) else "",
            case_id=case_id if _opaque_path(case_id) else "",
        )
    except AuditWriteError:
        return audit_unavailable_response()
    except RefusalLimitExceeded as exc:
        return refusal_limit_response(request, exc)
    return response


def _opaque_path(value: str) -> bool:
    from audit.services import OPAQUE_ID

    return bool(value) and bool(OPAQUE_ID.match(value))


class AuditMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        context = audit_context.context_for_request(request)
        with audit_context.bound(context):
            response = self.get_response(request)
            if response.status_code == 403 and not context.denied_recorded:
                response = _record_denied(request, response)
        response[REQUEST_ID_HEADER] = context.request_id
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, AuditWriteError):
            return audit_unavailable_response()
        if isinstance(exception, RefusalLimitExceeded):
            return refusal_limit_response(request, exception)
        return None
