"""Optional OpenTelemetry instrumentation (the `otel` extra), off unless OTEL_ENABLED=true.

Without it, the audit context (audit/context.py) already accepts a W3C `traceparent`, generates
one otherwise, and puts `trace_id`, `span_id` and `parent_span_id` on every audit event and log
line; responses carry a `traceresponse` header. With it, Django's requests become OpenTelemetry
spans and the audit context takes their ids, so audit events, log lines and spans share one trace.
No exporter is configured here: the standard OTEL_* variables of the SDK (e.g.
OTEL_TRACES_EXPORTER with the exporter package installed) decide where spans go, if anywhere.
"""

from __future__ import annotations

import logging
import os

logger = logging.getLogger("zorgveilig.ops")
_configured = False


def enabled() -> bool:
    return os.environ.get("OTEL_ENABLED", "").strip().lower() in {"1", "true", "yes", "on"}


def configure() -> bool:
    """Instrument Django once per process; False when disabled or the extra is not installed."""
    global _configured
    if _configured or not enabled():
        return _configured
    try:
        from opentelemetry import trace
        from opentelemetry.instrumentation.django import DjangoInstrumentor
        from opentelemetry.sdk.trace import TracerProvider
    except ImportError:
        logger.warning("OTEL_ENABLED is set but the otel extra is not installed; tracing stays off")
        return False
    if not isinstance(trace.get_tracer_provider(), TracerProvider):
        trace.set_tracer_provider(TracerProvider())
    DjangoInstrumentor().instrument()
    _configured = True
    return True
