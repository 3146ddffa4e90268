"""Structured logs: one JSON object per line, with the request's trace context, never personal data.

Every line carries time (UTC), level, logger and message, and — inside a request or a command —
`request_id`, `trace_id`, `span_id`, `parent_span_id` (W3C / OpenTelemetry names) and `user_id`
(an opaque employee id). Fields passed with `extra=` are kept only when their name is in
`EXTRA_FIELDS`: a stray `extra={"bsn": ...}` never reaches the log. Exceptions are logged as
their type and the stack (file, line, function), never the exception text, which can quote a
row, a form value or a query parameter (pitfall 6).

Kept free of model imports: `settings.LOGGING` loads this module before apps are ready.
"""

from __future__ import annotations

import json
import logging
import traceback
from datetime import UTC, datetime
from types import TracebackType
from typing import Any

# Fields a log call may add with `extra=`; everything else is dropped by the formatter.
EXTRA_FIELDS = frozenset({
    "method", "route", "view", "status", "duration_ms", "db", "bytes",
    "command", "outcome", "schedule", "exit_code", "exc_type", "count", "alias", "check", "path",
})
CONTEXT_FIELDS = ("request_id", "trace_id", "span_id", "parent_span_id", "user_id")


def _context_fields() -> dict[str, str]:
    """Trace context of the current request or command (audit.context), if any."""
    try:
        from audit.context import current
    except Exception:  # noqa: BLE001 - logging must never fail because the app is half loaded
        return {}
    ctx = current()
    if ctx is None:
        return {}
    fields = {"request_id": ctx.request_id, "trace_id": ctx.trace_id, "span_id": ctx.span_id,
              "parent_span_id": ctx.parent_span_id}
    user_id = ""
    request = ctx.request
    if request is not None:
        # Only a user the request already loaded: logging must not query the database.
        user = request.__dict__.get("_cached_user")
        if user is not None and getattr(user, "is_authenticated", False):
            user_id = str(user.pk)
    elif ctx.actor is not None:
        user_id = str(getattr(ctx.actor, "pk", "") or "")
    fields["user_id"] = user_id
    return fields


def exception_fields(exc_info: tuple[type[BaseException], BaseException, TracebackType | None]) -> dict[str, Any]:
    """The exception's type and stack, without its message or any local variable."""
    exc_type, _exc, tb = exc_info
    frames = [f"{frame.filename}:{frame.lineno} in {frame.name}" for frame in traceback.extract_tb(tb)]
    return {"exc_type": f"{exc_type.__module__}.{exc_type.__qualname__}", "stack": frames[-20:]}


class JsonFormatter(logging.Formatter):
    """`{"time": ..., "level": ..., "logger": ..., "message": ..., ...}` on one line."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds").replace(
                "+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        context = getattr(record, "trace_context", None)
        entry.update(context if isinstance(context, dict) else _context_fields())
        for name in EXTRA_FIELDS:
            value = record.__dict__.get(name)
            if value is not None:
                entry[name] = value
        if record.exc_info and record.exc_info[0] is not None:
            entry.update(exception_fields(record.exc_info))  # type: ignore[arg-type]
        return json.dumps(entry, ensure_ascii=False, default=str)


def logging_config(*, level: str, json_lines: bool) -> dict[str, Any]:
    """`settings.LOGGING`: everything to stderr, as JSON lines (production) or plain text."""
    formatter = "json" if json_lines else "plain"
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "json": {"()": "ops.logging.JsonFormatter"},
            "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        },
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": formatter}},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "axes": {"level": "WARNING"},
            # Django's request logger names the path (never the query string) of 4xx/5xx answers.
            "django.request": {"level": "WARNING"},
            "django.server": {"level": "WARNING"},
        },
    }
