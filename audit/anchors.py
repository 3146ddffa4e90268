"""Anchors: every signed checkpoint also written off the audit database, to an append-only sink.

The hash chain and the signed checkpoint rows live in one database. Whoever can rewrite that
database completely (a PostgreSQL superuser with `session_replication_role = replica`, root on the
host of a SQLite file) can delete checkpoint rows, drop their events, renumber and re-hash the
chain: nothing left *in* the database contradicts the rewrite. The anchor sink keeps a copy of
each checkpoint (sequence, hash, time, signature) where that person cannot reach, and
`audit_verify --anchors SOURCE` compares the chain with it (audit/anchor_check.py).

`AUDIT_ANCHOR_SINK` chooses the sink:
- `file:/path` — one JSON line per anchor, the file opened in append mode and fsynced. It defends
  only as far as the file is out of reach: on another volume or host (a WORM share, a log host);
  an append-mode file on the audit database's own host does not defend against root on that host;
- `syslog:` (the local `/dev/log`) or `syslog://host:514` (UDP) — a line tagged `ANCHOR_TAG`,
  for a central log host that the database's administrators do not control;
- `https://…` (or `http://` on a closed network) — a POST of the JSON document, with
  `Authorization: Bearer $AUDIT_ANCHOR_TOKEN` when set: a transparency log or timestamping service.
Empty: no anchors (the chain then proves itself only as far as the database is intact).

A restore from backup legitimately loses the tail after the backup; `restore_marker_publish`
writes a signed *restore marker* to the sink, so the comparison reports the anchors it lost as a
documented gap instead of tampering. Only the holder of the signing key can write one.
"""

from __future__ import annotations

import json
import logging.handlers
import os
import urllib.request
from datetime import datetime
from typing import Any, Protocol
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

from audit import signing
from audit.canonical import format_time
from audit.models import AuditCheckpoint

ANCHOR_TAG = "zorgveilig-audit-anchor:"
logger = logging.getLogger(__name__)


class AnchorError(Exception):
    """The anchor could not be written (the checkpoint itself is stored and valid)."""


class Sink(Protocol):
    def write(self, document: dict[str, Any]) -> None: ...


def _line(document: dict[str, Any]) -> str:
    return json.dumps(document, sort_keys=True, separators=(",", ":"))


class FileSink:
    def __init__(self, path: str) -> None:
        self.path = path

    def write(self, document: dict[str, Any]) -> None:
        # O_APPEND: every write lands at the end, even with several writers; never truncated.
        descriptor = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
        try:
            os.write(descriptor, (_line(document) + "\n").encode())
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


class SyslogSink:
    def __init__(self, address: str | tuple[str, int]) -> None:
        self.address = address

    def write(self, document: dict[str, Any]) -> None:
        handler = logging.handlers.SysLogHandler(address=self.address,
                                                 facility=logging.handlers.SysLogHandler.LOG_AUTHPRIV)
        try:
            record = logging.LogRecord("audit.anchors", logging.WARNING, __file__, 0,
                                       f"{ANCHOR_TAG} {_line(document)}", None, None)
            handler.emit(record)
        finally:
            handler.close()


class HttpSink:
    def __init__(self, url: str, token: str = "", timeout: float = 10.0) -> None:
        self.url, self.token, self.timeout = url, token, timeout

    def write(self, document: dict[str, Any]) -> None:
        headers = {"Content-Type": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        request = urllib.request.Request(self.url, data=_line(document).encode(), headers=headers,  # noqa: S310
                                         method="POST")  # http(s) only: sink_from_setting
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 (configured URL)
                if not 200 <= response.status < 300:
                    raise AnchorError(f"anchor sink answered {response.status}")
        except OSError as exc:
            raise AnchorError(f"anchor sink unreachable: {exc}") from exc


def sink_from_setting(value: str, *, token: str = "", timeout: float = 10.0) -> Sink | None:
    """The sink `AUDIT_ANCHOR_SINK` names, or None when it is empty."""
    value = value.strip()
    if not value:
        return None
    if value.startswith("file:"):
        return FileSink(value.removeprefix("file:").removeprefix("//"))
    if value.startswith("syslog:"):
        parts = urlsplit(value)
        if parts.hostname:
            return SyslogSink((parts.hostname, parts.port or 514))
        return SyslogSink(parts.path or "/dev/log")
    if value.startswith(("https://", "http://")):
        return HttpSink(value, token=token, timeout=timeout)
    raise ValueError(f"AUDIT_ANCHOR_SINK must start with file:, syslog: or https://, not {value[:20]!r}")


def configured_sink() -> Sink | None:
    return sink_from_setting(settings.AUDIT_ANCHOR_SINK, token=settings.AUDIT_ANCHOR_TOKEN,
                             timeout=settings.AUDIT_ANCHOR_TIMEOUT)


def checkpoint_document(checkpoint: AuditCheckpoint) -> dict[str, Any]:
    return {"type": "checkpoint", "checkpoint": str(checkpoint.pk), "kind": checkpoint.kind,
            "sequence": checkpoint.sequence, "hash": checkpoint.event_hash,
            "signed_at": format_time(checkpoint.signed_at), "key_id": checkpoint.key_id,
            "signature": checkpoint.signature}


def _publish(document: dict[str, Any], sink: Sink | None) -> bool:
    sink = sink if sink is not None else configured_sink()
    if sink is None:
        return False
    try:
        sink.write(document)
    except AnchorError:
        raise
    except (OSError, ValueError) as exc:
        raise AnchorError(f"anchor not written: {exc}") from exc
    return True


def checkpoint_publish(checkpoint: AuditCheckpoint, *, sink: Sink | None = None) -> bool:
    """Write the checkpoint to the anchor sink; False when none is configured. Raises AnchorError."""
    return _publish(checkpoint_document(checkpoint), sink)


def restore_marker_publish(*, sequence: int, event_hash: str, note: str = "", sink: Sink | None = None,
                           signed_at: datetime | None = None) -> dict[str, Any]:
    """Sign and anchor "the audit database was restored; its chain now ends at (sequence, hash)"."""
    signed_at = signed_at or timezone.now()
    message = signing.restore_message(sequence=sequence, event_hash=event_hash, signed_at=signed_at)
    document = {"type": "restore", "restored_to": sequence, "hash": event_hash, "signed_at": format_time(signed_at),
                "key_id": signing.key_id(), "signature": signing.sign(message), "note": note[:500]}
    if not _publish(document, sink):
        raise AnchorError("no anchor sink configured (AUDIT_ANCHOR_SINK): a restore marker needs one")
    return document
