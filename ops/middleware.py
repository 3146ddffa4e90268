"""Request middleware of the operations layer.

- `HealthCheckMiddleware` (first in the stack) answers `/health/live` and `/health/ready` before
  host validation, the TLS redirect, sessions and the audit context: a probe from the proxy host
  or an orchestrator reaches it over plain HTTP on 127.0.0.1.
- `RequestLogMiddleware` (inside the audit context) writes one JSON line per request — method,
  route pattern, view name, status, duration, and the trace context — never the path's query
  string, a form value or a header; and answers with a W3C `traceresponse` header.
- `UnavailableMiddleware` turns an unavailable key store, audit store or database into the 503
  page (config.errors), logged by exception type only.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from config.errors import is_unavailable, service_unavailable

request_logger = logging.getLogger("zorgveilig.request")
logger = logging.getLogger("zorgveilig.ops")

HEALTH_PREFIX = "/health/"


class HealthCheckMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith(HEALTH_PREFIX):
            from ops import health

            return health.respond(request)
        return self.get_response(request)


def _route(request: HttpRequest) -> tuple[str, str]:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "", ""
    return str(match.route or ""), str(match.view_name or "")


class RequestLogMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from audit.context import current

        started = time.perf_counter()
        response = self.get_response(request)
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        ctx = current()
        if ctx is not None:
            response["traceresponse"] = f"00-{ctx.trace_id}-{ctx.span_id}-01"
        route, view = _route(request)
        request_logger.info(
            "request", extra={"method": request.method, "route": route, "view": view,
                              "status": response.status_code, "duration_ms": duration_ms,
                              "db": getattr(request, "database_route", None)},
        )
        return response


class UnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_unavailable(exception):
            return None
        logger.error("a store the request needs is unavailable; answered 503", exc_info=exception)
        return service_unavailable()


def _wal_cookie_name() -> str:
    from django.conf import settings

    return "__Host-zv_wal" if settings.SESSION_COOKIE_SECURE else "zv_wal"


WAL_COOKIE_SECONDS = 300


class ReplicaMiddleware:
    """Decides per request whether reads may use the streaming replica (config/replica.py)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from config import replica

        if not replica.configured():
            return self.get_response(request)
        if request.method in ("GET", "HEAD"):
            usable = replica.replica_usable(replica.parse_lsn(request.COOKIES.get(_wal_cookie_name())))
            request.database_route = "replica" if usable else "primary"  # type: ignore[attr-defined]
            with replica.reads_from_replica(usable):
                return self.get_response(request)
        request.database_route = "primary"  # type: ignore[attr-defined]
        response = self.get_response(request)
        if response.status_code < 500:
            # Read-your-writes: this user's next reads wait for the replica to reach this position.
            from django.conf import settings

            response.set_cookie(_wal_cookie_name(), replica.format_lsn(replica.primary_lsn()),
                                max_age=WAL_COOKIE_SECONDS, secure=settings.SESSION_COOKIE_SECURE, httponly=True,
                                samesite="Lax")
        return response
