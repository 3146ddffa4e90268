"""Every exception a view raises becomes a problem details response (casework/api/problems.py),
so views stay free of try/except.

- `StaleEdit` (someone changed the case since the client read its version) → 409, code `stale`.
- `IllegalTransition` and any other Django `ValidationError` → 400 with `errors` (field errors
  point at the field, others at the body as a whole) and the error's code.
- DRF's input errors (serializer validation, unparseable JSON) → 400 with `errors`;
  `InvalidQuery` → 400 with `errors` in the query.
- Everything else DRF knows (401, 403 — `casework.access.require` has recorded the
  `access_denied` event —, 404 with the API's own Dutch detail, 405, 406, 415, 429) keeps its status and headers
  (`WWW-Authenticate`, `Allow`, `Retry-After`).

Anything else is a 500: Django's handler renders it and casework/api/middleware.py turns that
page into a problem too (no exception text leaves the server).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from casework.api.problems import PROBLEM_JSON, InvalidQuery, django_errors, drf_errors, problem
from casework.api.replay import IDEMPOTENCY_HEADER, InvalidIdempotencyKey
from casework.workflow import StaleEdit


def _problem(context: dict[str, Any], status: int, *, detail: str, code: str = "",
             errors: list[dict[str, Any]] | None = None, headers: Any = None) -> Response:
    request = context.get("request")
    body = problem(status, detail=detail, instance=request.path if request is not None else "", code=code,
                   errors=errors)
    return Response(body, status=status, headers=headers, content_type=PROBLEM_JSON)


def _first_code(error: ValidationError) -> str:
    """The code of the first error that has one (a service names the rule it applied)."""
    items = ([item for items in error.error_dict.values() for item in items] if hasattr(error, "error_dict")
             else error.error_list)
    return next((item.code for item in items if item.code), "invalid")


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, ValidationError):  # from a service (Django's, not DRF's)
        errors = list(django_errors(exc))
        if hasattr(exc, "error_dict"):
            detail = _("The request has invalid input: see errors.")
        else:
            detail = " ".join(error["detail"] for error in errors)
        status = 409 if isinstance(exc, StaleEdit) else 400
        return _problem(context, status, detail=detail, code=_first_code(exc),
                        errors=errors if status == 400 else None)
    if isinstance(exc, InvalidQuery):
        return _problem(context, 400, detail=str(exc.detail), code=exc.default_code, errors=exc.errors)
    if isinstance(exc, exceptions.ValidationError):
        return _problem(context, 400, detail=_("The request has invalid input: see errors."), code="invalid",
                        errors=list(drf_errors(exc.detail)))
    if isinstance(exc, InvalidIdempotencyKey):
        return _problem(context, 400, detail=str(exc.detail), code=exc.default_code,
                        errors=[{"in": "header", "location": IDEMPOTENCY_HEADER, "code": exc.default_code,
                                 "detail": str(exc.detail)}])
    if isinstance(exc, exceptions.ParseError):
        return _problem(context, 400, detail=str(exc.detail), code="parse_error",
                        errors=[{"in": "body", "code": "parse_error", "detail": str(exc.detail)}])
    if isinstance(exc, Http404):  # Django's own text is English and names the model ("No Case matches ...")
        exc = exceptions.NotFound(_("Not found: the path, or an id in the request, names nothing you may see."))
    response = drf_exception_handler(exc, context)  # PermissionDenied becomes DRF's too
    if response is None:
        return None
    detail = response.data.get("detail", "") if isinstance(response.data, dict) else ""
    code = getattr(detail, "code", "") or getattr(exc, "default_code", "")
    headers = {name: value for name, value in response.items() if name != "Content-Type"}
    return _problem(context, response.status_code, detail=str(detail), code=code, headers=headers)
