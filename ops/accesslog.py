"""gunicorn's access log as JSON lines: method, path without the query string, status, duration.

No client address, user agent, referrer or query string (they can carry personal data; nginx keeps
the client address in its own log, and the audit trail records it where it matters). The request
and trace ids come from the response headers the application sets (`X-Request-ID`, `traceresponse`),
so an access line can be joined with the application's log lines and the audit trail.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

from gunicorn.glogging import Logger


def _header(headers: Any, name: str) -> str:
    for key, value in headers:
        if key.lower() == name:
            return str(value)
    return ""


class _MessageOnly(logging.Formatter):
    def format(self, record: Any) -> str:
        return record.getMessage()


class JsonAccessLogger(Logger):
    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        from ops.logging import JsonFormatter

        for handler in self.error_log.handlers:  # gunicorn's own messages (boot, worker exits) as JSON too
            handler.setFormatter(JsonFormatter())
        for handler in self.access_log.handlers:
            handler.setFormatter(_MessageOnly())

    def access(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> None:
        if not self.access_log_enabled:
            return
        status = resp.status.split(None, 1)[0] if isinstance(resp.status, str) else resp.status
        headers = list(resp.headers.items()) if hasattr(resp.headers, "items") else list(resp.headers)
        traceresponse = _header(headers, "traceresponse").split("-")
        entry = {
            "time": datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "level": "INFO",
            "logger": "gunicorn.access",
            "message": "request",
            "method": environ.get("REQUEST_METHOD", ""),
            "path": environ.get("PATH_INFO", ""),
            "status": int(status) if str(status).isdigit() else status,
            "duration_ms": round(request_time.total_seconds() * 1000, 1),
            "bytes": getattr(resp, "sent", None),
            "request_id": _header(headers, "x-request-id"),
            "trace_id": traceresponse[1] if len(traceresponse) == 4 else "",
        }
        try:
            self.access_log.info(json.dumps(entry))
        except Exception:  # noqa: BLE001 - gunicorn's own logger reports formatting failures
            self.exception("access log line could not be written")
