"""What every response under /api/ carries, whoever produced it (docs/adr/0010-api-rules.md).

- `API-Version: <major.minor.patch>` (Logius /core/version-header), on successes and errors alike.
- `Cache-Control: no-store` unless the view chose otherwise (personal data is never cached).
- A body larger than DATA_UPLOAD_MAX_MEMORY_SIZE answers 413 before anything reads it.
- Errors as problem details: DRF views already answer `application/problem+json`
  (casework/api/errors.py); an error produced outside them — the URL resolver's 404 (also for the
  trailing-slash form of a path, which is never redirected), a 500 page, the two-factor
  middleware's 401, the 503 page of an unavailable database — is replaced by a problem with the
  same status and headers (`Retry-After`, `Allow`, `WWW-Authenticate`). The HTML page's text is
  dropped, so nothing of an exception leaves the server.

- CORS for the origins in `API_CORS_ALLOWED_ORIGINS` (from the environment): a preflight from
  such an origin is answered here, before any login check; other responses get
  `Access-Control-Allow-Origin` with that origin. Other origins get no CORS headers (the browser
  refuses). The published OpenAPI document sets `*` itself (casework/api/views/docs.py).

Installed near the top of MIDDLEWARE, so it sees the responses of the middleware below it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from casework.api.problems import is_problem, problem_response

PREFIX = "/api/"
KEPT_HEADERS = ("Retry-After", "Allow", "WWW-Authenticate")
CORS_METHODS = "GET, POST, PATCH, DELETE, OPTIONS"
CORS_HEADERS = "Authorization, Content-Type"


def api_version() -> str:
    return str(settings.SPECTACULAR_SETTINGS["VERSION"])


def _detail(request: HttpRequest, status: int) -> str:
    if status == 404:
        path = request.path_info
        if path.endswith("/") and path.rstrip("/") and _resolves(path.rstrip("/")):
            return _("Paths of this API do not end with a slash: use %(path)s.") % {"path": path.rstrip("/")}
        return _("There is no resource at this path.")
    if status == 401:
        return _("Log in with two factors, or send a valid token as `Authorization: Token ...`.")
    if status == 403:
        return _("You do not have permission to do this.")
    if status == 503:
        return _("The service is temporarily unavailable. Try again later.")
    if status >= 500:
        return _("Something went wrong on our side. The error has been logged.")
    return _("The request could not be handled.")


def _resolves(path: str) -> bool:
    try:
        resolve(path)
    except Resolver404:
        return False
    return True


class ApiMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path_info.startswith(PREFIX):
            return self.get_response(request)
        origin = request.headers.get("Origin", "")
        allowed = bool(origin) and origin in settings.API_CORS_ALLOWED_ORIGINS
        if _too_large(request):  # before anything reads the body (Django would answer a plain 400)
            response = problem_response(request, 413, detail=_("The request body is too large."), code="too_large")
        elif allowed and request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = CORS_METHODS
            response["Access-Control-Allow-Headers"] = CORS_HEADERS
            response["Access-Control-Max-Age"] = "600"
        else:
            response = self.get_response(request)
        if allowed and "Access-Control-Allow-Origin" not in response:
            response["Access-Control-Allow-Origin"] = origin
            response["Access-Control-Expose-Headers"] = "API-Version, Location, Retry-After"
            response["Vary"] = ", ".join(filter(None, [response.get("Vary", ""), "Origin"]))
        if response.status_code >= 400 and not is_problem(response):
            replaced = problem_response(request, response.status_code,
                                        detail=_detail(request, response.status_code),
                                        code=_code(response.status_code))
            for name in KEPT_HEADERS:
                if name in response:
                    replaced[name] = response[name]
            if response.status_code == 401 and "WWW-Authenticate" not in replaced:
                replaced["WWW-Authenticate"] = "Token"
            replaced.cookies = response.cookies  # e.g. the ended session of a half-finished login
            response = replaced
        response["API-Version"] = api_version()
        if "Cache-Control" not in response:
            response["Cache-Control"] = "no-store"
        return response


def _too_large(request: HttpRequest) -> bool:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    length = request.META.get("CONTENT_LENGTH") or "0"
    return limit is not None and length.isdigit() and int(length) > limit


def _code(status: int) -> str:
    return {401: "not_authenticated", 403: "permission_denied", 404: "not_found", 405: "method_not_allowed",
            503: "unavailable"}.get(status, "error" if status >= 500 else "invalid")
