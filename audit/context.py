"""Who and where an event comes from: the request (or command) context of the current thread.

The middleware binds a context per request; management commands bind one per run. `record()`
reads it, so callers never pass request ids, trace ids, client addresses or user agents by hand.
A context variable (not a thread local) keeps concurrent requests apart under ASGI too.
"""

from __future__ import annotations

import contextlib
import dataclasses
import re
import secrets
import uuid
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.http import HttpRequest

USER_AGENT_MAX = 512
# W3C Trace Context: version-traceid-parentid-flags, lower-case hex; all-zero ids are invalid.
TRACEPARENT = re.compile(r"^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$")


@dataclass
class AuditContext:
    request_id: str
    trace_id: str
    span_id: str
    parent_span_id: str = ""
    client_address: str = ""
    user_agent: str = ""
    request: HttpRequest | None = None
    # The acting user outside a request (a command run with --actor).
    actor: Any = None
    # Set by record() when this context already wrote an access_denied event.
    denied_recorded: bool = field(default=False)

    def acting_user(self) -> Any:
        if self.request is not None:
            user = getattr(self.request, "user", None)
            if user is not None and user.is_authenticated:
                return user
            return None
        return self.actor


_current: ContextVar[AuditContext | None] = ContextVar("audit_context", default=None)


def new_trace_id() -> str:
    return secrets.token_hex(16)


def new_span_id() -> str:
    return secrets.token_hex(8)


def parse_traceparent(header: str | None) -> tuple[str, str] | None:
    """(trace id, parent span id) from a valid `traceparent` header, else None."""
    if not header:
        return None
    match = TRACEPARENT.match(header.strip().lower())
    if not match:
        return None
    version, trace_id, parent_id, _flags = match.groups()
    if version == "ff" or set(trace_id) == {"0"} or set(parent_id) == {"0"}:
        return None
    return trace_id, parent_id


def client_address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or the proxy-appended X-Forwarded-For entry.

    Behind PROXY_COUNT trusted proxies (the setting django-axes reads too) the address the
    outermost trusted proxy saw is the PROXY_COUNT-th entry from the right; anything further left
    is client-controlled and ignored.
    """
    proxies = getattr(settings, "AXES_IPWARE_PROXY_COUNT", None) or 0
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies][:64]
    return str(request.META.get("REMOTE_ADDR", ""))[:64]


def _opentelemetry_span() -> tuple[str, str] | None:
    """(trace id, span id) of the active OpenTelemetry span, when the optional instrumentation runs."""
    try:
        from opentelemetry import trace
    except ImportError:
        return None
    span_context = trace.get_current_span().get_span_context()
    if not span_context.is_valid:
        return None
    return f"{span_context.trace_id:032x}", f"{span_context.span_id:016x}"


def context_for_request(request: HttpRequest) -> AuditContext:
    parsed = parse_traceparent(request.META.get("HTTP_TRACEPARENT"))
    trace_id, parent_span_id = parsed if parsed else (new_trace_id(), "")
    span_id = new_span_id()
    otel = _opentelemetry_span()
    if otel is not None:  # the request's OpenTelemetry span (which continued the same traceparent)
        trace_id, span_id = otel
    return AuditContext(
        request_id=uuid.uuid4().hex,
        trace_id=trace_id,
        span_id=span_id,
        parent_span_id=parent_span_id,
        client_address=client_address(request),
        user_agent=str(request.META.get("HTTP_USER_AGENT", ""))[:USER_AGENT_MAX],
        request=request,
    )


def current() -> AuditContext | None:
    return _current.get()


def outgoing_span() -> tuple[AuditContext, str]:
    """A new span under the current request's trace (or a new trace outside one) for a call to another
    system, and the W3C `traceparent` header value that names it."""
    outer = current()
    span_id = new_span_id()
    if outer is not None:
        span = dataclasses.replace(outer, span_id=span_id, parent_span_id=outer.span_id)
    else:
        span = AuditContext(request_id="", trace_id=new_trace_id(), span_id=span_id)
    return span, f"00-{span.trace_id}-{span_id}-01"


@contextlib.contextmanager
def bound(context: AuditContext) -> Iterator[AuditContext]:
    token = _current.set(context)
    try:
        yield context
    finally:
        _current.reset(token)


@contextlib.contextmanager
def command_context(name: str, *, actor: Any = None) -> Iterator[AuditContext]:
    """Bind a context for a management command run (one trace per run)."""
    context = AuditContext(
        request_id=uuid.uuid4().hex,
        trace_id=new_trace_id(),
        span_id=new_span_id(),
        user_agent=f"manage.py {name}"[:USER_AGENT_MAX],
        actor=actor,
    )
    with bound(context):
        yield context
