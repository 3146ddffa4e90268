"""Error pages that leak nothing: no path, no exception text, no object names.

A request that fails because the audit store, the key store or a database is unavailable (down,
locked past the busy timeout, slower than the statement timeout) is answered with the 503 page,
wherever in the stack the error was raised: fail closed, and say it is temporary.
"""

import sys

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader

from audit.errors import AuditWriteError
from encryption.exceptions import KeyStoreUnavailable

UNAVAILABLE = (AuditWriteError, KeyStoreUnavailable, OperationalError)
RETRY_AFTER_SECONDS = 60


def _render(template: str, status: int, request: HttpRequest | None = None) -> HttpResponse:
    body = loader.get_template(template).render({}, request)
    return HttpResponse(body, status=status)


def is_unavailable(exc: BaseException | None) -> bool:
    return isinstance(exc, UNAVAILABLE)


def service_unavailable() -> HttpResponse:
    """The 503 page, rendered without the request: not even the user's name appears."""
    response = _render("503.html", 503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render("400.html", 400, request)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render("403.html", 403, request)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render("404.html", 404, request)


def server_error(request: HttpRequest) -> HttpResponse:
    # Django calls this while handling the exception, so sys.exc_info() names it.
    if is_unavailable(sys.exc_info()[1]):
        return service_unavailable()
    # No request context: a failing context processor must not break the error page itself.
    return _render("500.html", 500)
