"""Comparing the audit chain with its anchors (`manage.py audit_verify --anchors SOURCE`).

SOURCE is what the anchor sink holds (audit/anchors.py): the anchor file itself, a syslog file
or an extract of it (lines tagged `zorgveilig-audit-anchor:`), or an http(s) URL answering the
anchors as JSON lines. Anchors are read in the order they were written:
- every anchor must carry a valid signature by a configured key (active or retired); one that
  does not was forged in the sink;
- a signed restore marker ("restored to event n, hash h") turns the anchors it follows with a
  sequence beyond n into a *documented gap*: the restore lost those events, and the chain after
  the restore continues from n with new events;
- every other anchored checkpoint must be in the database: its event with the same hash (or, when
  retention removed the events, the same signed row), and its signed checkpoint row. A differing
  hash means the chain was rewritten; an anchor beyond the chain's end, a truncated tail; a
  missing row, deleted checkpoint rows.
Checkpoint rows that the sink lacks are reported as notes (a sink outage when they were signed),
not as tampering: a row cannot be forged without the signing key.
"""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings

from audit import signing
from audit.anchors import ANCHOR_TAG
from audit.models import AUDIT_ALIAS, AuditCheckpoint, AuditEvent


@dataclass
class AnchorResult:
    intact: bool = True
    anchors_checked: int = 0
    problems: list[str] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def fail(self, message: str) -> None:
        self.intact = False
        self.problems.append(message)


def parse_lines(lines: Iterable[str]) -> Iterator[tuple[int, dict[str, Any] | None]]:
    """(line number, anchor document) for every anchor line; None for a tagged line that is not JSON."""
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if ANCHOR_TAG in text:
            text = text.split(ANCHOR_TAG, 1)[1].strip()
        elif not text.startswith("{"):
            continue  # other syslog traffic
        try:
            document = json.loads(text)
        except json.JSONDecodeError:
            yield number, None
            continue
        yield number, document if isinstance(document, dict) else None


def read_source(source: str) -> list[str]:
    if source.startswith(("https://", "http://")):
        headers = {"Authorization": f"Bearer {settings.AUDIT_ANCHOR_TOKEN}"} if settings.AUDIT_ANCHOR_TOKEN else {}
        request = urllib.request.Request(source, headers=headers)  # noqa: S310 (http(s) only, checked above)
        with urllib.request.urlopen(request, timeout=settings.AUDIT_ANCHOR_TIMEOUT) as response:  # noqa: S310
            return response.read().decode().splitlines()
    return Path(source.removeprefix("file:")).read_text(encoding="utf-8").splitlines()


def _signature_valid(document: dict[str, Any]) -> bool:
    try:
        signed_at = datetime.fromisoformat(document["signed_at"])
        if document["type"] == "checkpoint":
            message = signing.checkpoint_message(kind=document["kind"], sequence=int(document["sequence"]),
                                                 event_hash=document["hash"], signed_at=signed_at)
        elif document["type"] == "restore":
            message = signing.restore_message(sequence=int(document["restored_to"]), event_hash=document["hash"],
                                              signed_at=signed_at)
        else:
            return False
        return signing.signed_by_known_key(message, str(document["signature"]), str(document["key_id"]))
    except (KeyError, TypeError, ValueError):
        return False


def _span(sequences: list[int]) -> str:
    return f"event {sequences[0]}" if len(sequences) == 1 else f"events {sequences[0]}-{sequences[-1]}"


def _apply_restore(document: dict[str, Any], pending: dict[int, dict[str, Any]], result: AnchorResult) -> None:
    restored_to = int(document["restored_to"])
    # A checkpoint at n is recorded as event n + 1: restored to n, that checkpoint was lost too.
    lost = sorted(sequence for sequence, anchor in pending.items()
                  if sequence > restored_to or (sequence == restored_to and anchor["type"] == "checkpoint"))
    for sequence in lost:
        del pending[sequence]
    # The restored head itself must still match what the marker signed.
    pending[restored_to] = {**document, "sequence": restored_to, "type": "restore"}
    if lost:
        result.gaps.append(f"restore of {document['signed_at'][:16]} UTC to event {restored_to}: checkpoints at "
                           f"{_span(lost)} were lost with the events after event {restored_to} (documented gap"
                           + (f": {document['note']}" if document.get("note") else "") + ")")


def anchored_head(records: Iterable[tuple[int, dict[str, Any] | None]], result: AnchorResult) -> dict[int, dict]:
    """The anchors the database must match, by sequence, after applying the restore markers."""
    pending: dict[int, dict[str, Any]] = {}
    for number, document in records:
        result.anchors_checked += 1
        if document is None or not _signature_valid(document):
            result.fail(f"anchor line {number} is not a validly signed anchor: forged or damaged in the sink")
            continue
        if document["type"] == "restore":
            _apply_restore(document, pending, result)
        else:
            pending[int(document["sequence"])] = document
    return pending


def _compare(document: dict[str, Any], events: dict[int, str], rows: dict[int, list[AuditCheckpoint]],
             head: int | None, result: AnchorResult) -> None:
    sequence, anchored_hash = int(document["sequence"]), document["hash"]
    is_checkpoint = document["type"] == "checkpoint"
    what = f"anchored checkpoint {document['checkpoint']}" if is_checkpoint else "restore marker"
    last_needed = sequence + 1 if is_checkpoint else sequence  # a checkpoint is recorded as the next event
    stored = events.get(sequence)
    signed_rows = [row for row in rows.get(sequence, []) if row.event_hash == anchored_hash]
    if head is None or last_needed > head:
        result.fail(f"{what} signed event {sequence}" + (f" and was recorded as event {sequence + 1}"
                                                         if is_checkpoint else "")
                    + f", but the chain ends at event {head or 0}: the tail was truncated or the chain rewritten "
                      "(a restore is documented by a restore marker)")
        return
    if stored is not None and stored != anchored_hash:
        result.fail(f"event {sequence} differs from {what}: the chain up to it was rewritten")
    elif stored is None and not signed_rows:
        result.fail(f"event {sequence} of {what} is missing, and no signed checkpoint row keeps its hash: "
                    "events were deleted")
    if is_checkpoint and not any(str(row.pk) == document["checkpoint"] for row in signed_rows):
        result.fail(f"{what} (event {sequence}) has no signed checkpoint row in the database: checkpoint rows "
                    "were deleted or rewritten")


def compare_with_database(records: Iterable[tuple[int, dict[str, Any] | None]], *,
                          using: str = AUDIT_ALIAS) -> AnchorResult:
    result = AnchorResult()
    pending = anchored_head(records, result)
    rows: dict[int, list[AuditCheckpoint]] = {}
    for row in AuditCheckpoint.objects.using(using).order_by("sequence", "id"):
        rows.setdefault(row.sequence, []).append(row)
    events = dict(AuditEvent.objects.using(using).filter(sequence__in=list(pending)).values_list("sequence", "hash"))
    head = AuditEvent.objects.using(using).order_by("-sequence").values_list("sequence", flat=True).first()
    for sequence in sorted(pending):
        _compare(pending[sequence], events, rows, head, result)
    anchored_ids = {document.get("checkpoint") for document in pending.values()}
    first_anchor = min((int(d["sequence"]) for d in pending.values() if d["type"] == "checkpoint"), default=None)
    unanchored = [row.pk for row_list in rows.values() for row in row_list
                  if first_anchor is not None and row.sequence > first_anchor and str(row.pk) not in anchored_ids]
    if unanchored:
        result.notes.append(f"checkpoint rows {', '.join(map(str, unanchored))} are not in the anchor sink "
                            "(was the sink unreachable when they were signed?)")
    return result


def compare_source(source: str, *, using: str = AUDIT_ALIAS) -> AnchorResult:
    return compare_with_database(parse_lines(read_source(source)), using=using)
