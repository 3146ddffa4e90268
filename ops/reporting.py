"""Optional error reporting with Sentry (the `sentry` extra), off unless SENTRY_DSN is set.

What leaves the process is cut down to what explains an error without personal data
(`before_send`): no request body, cookies, query string or local variables; headers only from an
allowlist; no user beyond the opaque id; breadcrumbs without messages; exception types and stack
frames, never exception values (they can quote a row, a form value or a query parameter).
"""

from __future__ import annotations

import os
from typing import Any

HEADER_ALLOWLIST = frozenset({"content-type", "content-length", "user-agent", "x-request-id", "traceparent",
                              "accept", "accept-language", "host"})
_configured = False


def _scrub_frames(exception: dict[str, Any]) -> None:
    exception.pop("value", None)
    for frame in (exception.get("stacktrace") or {}).get("frames", []) or []:
        frame.pop("vars", None)
        frame.pop("pre_context", None)
        frame.pop("post_context", None)
        frame.pop("context_line", None)


def before_send(event: dict[str, Any], hint: dict[str, Any] | None = None) -> dict[str, Any]:
    """Keep what explains the error; drop everything that could carry personal data."""
    request = event.get("request")
    if isinstance(request, dict):
        headers = request.get("headers") or {}
        event["request"] = {
            "method": request.get("method"),
            "url": str(request.get("url") or "").split("?", 1)[0],
            "headers": {key: value for key, value in headers.items() if key.lower() in HEADER_ALLOWLIST},
        }
    user = event.get("user")
    if isinstance(user, dict):
        event["user"] = {"id": user["id"]} if user.get("id") else {}
    for exception in (event.get("exception") or {}).get("values", []) or []:
        _scrub_frames(exception)
    for thread in (event.get("threads") or {}).get("values", []) or []:
        _scrub_frames(thread)
    if "logentry" in event:
        event["logentry"] = {"message": (event["logentry"] or {}).get("message", "")}
    event.pop("extra", None)
    breadcrumbs = event.get("breadcrumbs")
    values = breadcrumbs.get("values", []) if isinstance(breadcrumbs, dict) else breadcrumbs or []
    for crumb in values:
        crumb.pop("message", None)
        crumb.pop("data", None)
    return event


def options() -> dict[str, Any]:
    """sentry_sdk.init arguments: personal data off, no local variables, the scrubber above."""
    return {
        "dsn": os.environ.get("SENTRY_DSN", ""),
        "environment": os.environ.get("SENTRY_ENVIRONMENT", "production"),
        "release": os.environ.get("SENTRY_RELEASE") or None,
        "include_local_variables": False,
        "max_request_body_size": "never",
        "traces_sample_rate": 0.0,
        "before_send": before_send,
        "before_send_transaction": lambda event, hint: None,
    }


def configure(**overrides: Any) -> bool:
    """Initialise Sentry once per process when SENTRY_DSN is set and the extra is installed."""
    global _configured
    settings = {**options(), **overrides}
    if _configured or not settings["dsn"]:
        return _configured
    try:
        import sentry_sdk
        from sentry_sdk.integrations.django import DjangoIntegration
    except ImportError:
        import logging

        logging.getLogger("zorgveilig.ops").warning("SENTRY_DSN is set but the sentry extra is not installed")
        return False
    sentry_sdk.init(integrations=[DjangoIntegration()], **settings)
    _configured = True
    return True
