"""Canonical form of an event and the chain hash: `SHA-256(previous hash || canonical JSON)`.

The canonical JSON is what verification recomputes years later, so it must not depend on Python
or database versions: every hashed field as a string or integer, keys sorted, no whitespace,
UTF-8, time as UTC ISO 8601 with microseconds (both SQLite and PostgreSQL keep microseconds).
The previous hash enters as its 32 raw bytes. Changing anything here breaks every existing chain:
add a new version instead (docs/adr/0004-audit-hash-chain.md).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

# Every column of AuditEvent except the chain's own two (prev_hash enters the hash separately).
HASHED_FIELDS = (
    "sequence",
    "occurred_at",
    "actor_id",
    "actor_name",
    "actor_organisation_id",
    "actor_organisation",
    "actor_role",
    "on_behalf_of_type",
    "on_behalf_of_id",
    "on_behalf_of_name",
    "action",
    "outcome",
    "object_type",
    "object_id",
    "case_id",
    "subject_pseudonym",
    "processing_activity",
    "reason",
    "request_id",
    "trace_id",
    "span_id",
    "parent_span_id",
    "client_address",
    "user_agent",
)


def format_time(value: datetime) -> str:
    if value.tzinfo is None:
        raise ValueError("audit times must be timezone-aware")
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def canonical_json(values: Mapping[str, Any]) -> bytes:
    """The event's hashed fields as canonical JSON bytes."""
    document: dict[str, Any] = {}
    for field in HASHED_FIELDS:
        value = values[field]
        if field == "occurred_at":
            value = format_time(value)
        elif field == "sequence":
            value = int(value)
        else:
            value = "" if value is None else str(value)
        document[field] = value
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def chain_hash(prev_hash: str, values: Mapping[str, Any]) -> str:
    """The hex SHA-256 of the previous hash's bytes followed by the event's canonical JSON.

    Computed through `canonical_row` (the same bytes as `canonical_json`, faster: see below).
    """
    return chain_hash_row(prev_hash, [values[name] for name in HASHED_FIELDS])


# --- the same bytes, faster -----------------------------------------------------------------------
# Appends of thousands of events and the verification of millions recompute the canonical form for
# every event. `canonical_row` builds exactly what `canonical_json` builds (a test compares them on
# random values) without a dict and a generic encoder: the keys are fixed and sorted once, each
# string is escaped by the json module's own C escaper, the sequence is an integer.
_SORTED_FIELDS = tuple(sorted(HASHED_FIELDS))
_TEMPLATE = "{" + ",".join(f"{json.dumps(name)}:%s" for name in _SORTED_FIELDS) + "}"
_escape = json.encoder.encode_basestring  # type: ignore[attr-defined]  # C version when available
_SEQUENCE, _TIME = "sequence", "occurred_at"
# Where each sorted key takes its value from a row ordered as HASHED_FIELDS.
_POSITIONS = tuple(HASHED_FIELDS.index(name) for name in _SORTED_FIELDS)


def canonical_row(row: tuple | list) -> bytes:
    """`canonical_json` of an event given as a sequence of values in HASHED_FIELDS order."""
    parts = []
    for name, position in zip(_SORTED_FIELDS, _POSITIONS, strict=True):
        value = row[position]
        if name == _SEQUENCE:
            parts.append(str(int(value)))
        elif name == _TIME:
            parts.append(_escape(format_time(value)))
        else:
            parts.append(_escape("" if value is None else str(value)))
    return (_TEMPLATE % tuple(parts)).encode("utf-8")


def chain_hash_row(prev_hash: str, row: tuple | list) -> str:
    """`chain_hash` of an event given in HASHED_FIELDS order."""
    return hashlib.sha256(bytes.fromhex(prev_hash) + canonical_row(row)).hexdigest()
