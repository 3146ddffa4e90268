"""CSV, JSON and Logboek Dataverwerkingen exports of audit events, streamed row by row.

Streaming keeps memory flat for exports of millions of events. The CSV neutralises cells that a
spreadsheet would run as a formula (CSV injection), since reasons and user agents are free text.
The Logboek export follows the Logboek Dataverwerkingen interface (trace_id, span_id,
parent_span_id, name, start_time, end_time, status, attributes `dpl.core.*`); each event is its
own span (id derived from the event's hash) under the request's span, with one data subject at most.

An outgoing call to another organisation's system (a BAG or BRP lookup) is an operation of its own: its event
already carries the span sent in `traceparent` (`span_id`, under the request's span `parent_span_id`), so its
record keeps that span and adds `foreign_operation` (trace id, that span, and the URI of the external party, per
the Logboek interface's field). The external party's log names the same trace and span as the caller's operation,
which links the two logbooks. The layers above register the object types of their outgoing calls
(`register_outgoing_call`), since this layer knows none.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC
from typing import Any

from audit.activities import activity_uri
from audit.canonical import HASHED_FIELDS, format_time

FIELDS = (*HASHED_FIELDS, "prev_hash", "hash")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
SUBJECT_ID_TYPE = "urn:nl:zorgveilig:pseudoniem:hmac-sha256-v1"
STATUS = {"ok": "Ok", "denied": "Unset", "error": "Error"}
CHUNK = 1000
# object type of an outgoing call's audit event -> the URI of the external party, read at export time (the
# configured source); registered by the layers above
OUTGOING_CALLS: dict[str, Callable[[], str]] = {}


def register_outgoing_call(object_type: str, entity: Callable[[], str]) -> None:
    OUTGOING_CALLS[object_type] = entity


def _rows(queryset) -> Iterator[dict[str, Any]]:
    return queryset.values(*FIELDS).iterator(chunk_size=CHUNK)


def event_dict(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "occurred_at": format_time(row["occurred_at"])}


class _Echo:
    def write(self, value: str) -> str:
        return value


def _safe_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_stream(queryset) -> Iterable[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(FIELDS)
    for row in _rows(queryset):
        data = event_dict(row)
        yield writer.writerow([_safe_cell(data[field]) for field in FIELDS])


def _json_array(items: Iterable[dict[str, Any]]) -> Iterable[str]:
    yield "["
    first = True
    for item in items:
        yield ("\n" if first else ",\n") + json.dumps(item, ensure_ascii=False, sort_keys=True)
        first = False
    yield "\n]\n"


def json_stream(queryset) -> Iterable[str]:
    return _json_array(event_dict(row) for row in _rows(queryset))


def logboek_record(row: dict[str, Any]) -> dict[str, Any]:
    moment = row["occurred_at"].astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    attributes = {"dpl.core.processing_activity_id": activity_uri(row["processing_activity"])}
    if row["subject_pseudonym"]:
        attributes["dpl.core.data_subject_id"] = row["subject_pseudonym"]
        attributes["dpl.core.data_subject_id_type"] = SUBJECT_ID_TYPE
    status = STATUS[row["outcome"]]
    record = {
        "trace_id": row["trace_id"],
        "span_id": row["hash"][:16],
        "parent_span_id": row["span_id"],
        "name": row["action"],
        "start_time": moment,
        "end_time": moment,
        "status_code": status,
        "status": status,  # the field's name in the published Logboek 1.0 interface
        "resource": {"attributes": {"service.name": "zorgveilig"}},
        "attributes": attributes,
    }
    entity = OUTGOING_CALLS[row["object_type"]]() if row["object_type"] in OUTGOING_CALLS else ""
    if entity and row["outcome"] != "denied":  # a refusal sent nothing: no foreign operation
        record.update(span_id=row["span_id"], parent_span_id=row["parent_span_id"],
                      foreign_operation={"trace_id": row["trace_id"], "span_id": row["span_id"], "entity": entity})
    return record


def logboek_stream(queryset) -> Iterable[str]:
    return _json_array(logboek_record(row) for row in _rows(queryset))


EXPORTS = {
    "csv": (csv_stream, "text/csv; charset=utf-8", "csv"),
    "json": (json_stream, "application/json", "json"),
    "logboek": (logboek_stream, "application/json", "json"),
}


def export_stream(fmt: str, queryset: Any) -> tuple[Iterable[str], str, str]:
    """(chunks, content type, file extension) for an export format; KeyError for unknown formats."""
    stream, content_type, extension = EXPORTS[fmt]
    return stream(queryset), content_type, extension

