"""Recomputing the chain and checking the signed checkpoints (`manage.py audit_verify`).

Streams the events in sequence order, a chunk at a time, and stops at the first problem:
- a gap in the sequence: an event was deleted;
- an event whose hash does not match its own contents: that event was altered (or reordered,
  since the sequence number is part of what is hashed);
- an event that does not link to its predecessor although its own hash is consistent: the
  predecessor was altered or inserted and its hash recomputed;
- an event whose hash differs from a signed checkpoint at its sequence: the chain up to there
  was rewritten consistently, which only the signature can reveal;
- a checkpoint at or beyond the last event: the tail was truncated (each checkpoint is followed
  by its own `checkpoint` event, so even a cut right after the checkpoint shows);
- a `checkpoint` event without the signed checkpoint row it names, or a signed checkpoint row
  whose event does not follow it (audit/checkpoint_check.py);
- a checkpoint signed by a key that is neither the active one nor a retired one
  (`AUDIT_SIGNING_KEYS_RETIRED`).
A rewrite that removes checkpoint rows *and* their events and renumbers the chain leaves nothing
in the database to compare with: the anchors off the database catch it (audit/anchors.py,
`audit_verify --anchors`).
Events before the latest signed *cut* checkpoint may be missing (retention): verification then
starts from that checkpoint's hash.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from audit import signing
from audit.canonical import HASHED_FIELDS, chain_hash
from audit.checkpoint_check import check_checkpoint_event, invalid_signature_message
from audit.models import AUDIT_ALIAS, GENESIS_HASH, AuditCheckpoint, AuditEvent
from audit.scan import bounds, duplicate, missing_partition, rows

CHUNK = 2000
ProgressCallback = Callable[[int, int], None]


@dataclass
class VerifyResult:
    intact: bool = True
    events_checked: int = 0
    checkpoints_checked: int = 0
    head_sequence: int | None = None
    first_broken_sequence: int | None = None
    message: str = "intact"
    notes: list[str] = field(default_factory=list)

    def fail(self, sequence: int | None, message: str) -> VerifyResult:
        self.intact, self.first_broken_sequence, self.message = False, sequence, message
        return self


class ChainBroken(Exception):
    def __init__(self, result: VerifyResult) -> None:
        super().__init__(result.message)
        self.result = result


def checkpoint_valid(checkpoint: AuditCheckpoint) -> bool:
    """Signed by the active key or a retired one, over exactly this row's (kind, sequence, hash, time)."""
    message = signing.checkpoint_message(
        kind=checkpoint.kind, sequence=checkpoint.sequence, event_hash=checkpoint.event_hash,
        signed_at=checkpoint.signed_at,
    )
    return signing.signed_by_known_key(message, checkpoint.signature, checkpoint.key_id)


def _checked_checkpoints(result: VerifyResult, using: str) -> dict[int, AuditCheckpoint] | None:
    """Every checkpoint by sequence, or None (and a failed result) when a signature is invalid."""
    by_sequence: dict[int, AuditCheckpoint] = {}
    for checkpoint in AuditCheckpoint.objects.using(using).order_by("sequence", "id"):
        result.checkpoints_checked += 1
        if not checkpoint_valid(checkpoint):
            result.fail(checkpoint.sequence, invalid_signature_message(checkpoint))
            return None
        previous = by_sequence.get(checkpoint.sequence)
        if previous is not None and previous.event_hash != checkpoint.event_hash:
            result.fail(checkpoint.sequence, f"checkpoints {previous.pk} and {checkpoint.pk} sign different "
                                             f"hashes for event {checkpoint.sequence}")
            return None
        by_sequence[checkpoint.sequence] = checkpoint
    return by_sequence


def _start(checkpoints: dict[int, AuditCheckpoint], first: int | None) -> tuple[int, str | None]:
    """(first expected sequence, expected previous hash) for a full verification.

    Event 1 with the genesis hash, unless retention removed the oldest events: that is allowed
    only up to a signed cut checkpoint. When the first remaining event follows a cut directly, it
    must link to the cut's hash. When whole monthly partitions were dropped and the first
    remaining event lies at or below a cut (`None`: its own link is taken as the anchor), the
    chain from it must still arrive at the cut's signed hash, which `_check_row` checks.
    """
    if first == 1:
        return 1, GENESIS_HASH
    cuts = sorted(seq for seq, cp in checkpoints.items() if cp.kind == AuditCheckpoint.Kind.CUT)
    if first is not None:
        covering = [seq for seq in cuts if seq >= first - 1]
        if covering:
            return (first, checkpoints[first - 1].event_hash) if covering[0] == first - 1 else (first, None)
    below = [seq for seq in cuts if first is None or seq < first]
    if below:
        return below[-1] + 1, checkpoints[below[-1]].event_hash
    return 1, GENESIS_HASH


def _start_from_last(checkpoints: dict[int, AuditCheckpoint], head: int | None, result: VerifyResult,
                     using: str) -> tuple[int, str] | None:
    """Start after the latest checkpoint, once its own event is confirmed; None if that fails."""
    usable = [seq for seq in checkpoints if head is not None and seq <= head]
    if not usable:
        return None
    latest = checkpoints[max(usable)]
    stored = AuditEvent.objects.using(using).filter(sequence=latest.sequence).values_list("hash", flat=True).first()
    if stored is not None and stored != latest.event_hash:
        result.fail(latest.sequence, f"event {latest.sequence} differs from signed checkpoint {latest.pk}: "
                                     "the chain up to it was rewritten")
        return None
    return latest.sequence + 1, latest.event_hash


def _rows(using: str, start: int) -> Iterable[dict]:
    return rows(using, start, (*HASHED_FIELDS, "prev_hash", "hash"))


def _check_link(row: dict, expected_prev: str, before_prev: str | None, result: VerifyResult) -> bool:
    sequence = row["sequence"]
    if row["prev_hash"] == expected_prev:
        return True
    if before_prev is not None and row["prev_hash"] == before_prev:
        result.fail(sequence - 1, f"event {sequence - 1} was inserted: event {sequence} links to the event before it")
    elif chain_hash(row["prev_hash"], row) == row["hash"]:
        result.fail(sequence - 1, f"event {sequence - 1} was altered or inserted: event {sequence} does not link to it")
    else:
        result.fail(sequence, f"event {sequence} was altered: it does not link to event {sequence - 1}")
    return False


def _check_row(row: dict, expected: tuple[int, str | None, str | None], checkpoints: dict[int, AuditCheckpoint],
               result: VerifyResult) -> bool:
    expected_sequence, expected_prev, before_prev = expected
    sequence = row["sequence"]
    if duplicate(row, expected_sequence, result):
        return False
    if sequence != expected_sequence:
        last = sequence - 1
        span = f"event {expected_sequence}" if last == expected_sequence else f"events {expected_sequence}-{last}"
        result.fail(expected_sequence, f"{span} missing: deleted from the audit trail")
        return False
    if expected_prev is not None and not _check_link(row, expected_prev, before_prev, result):
        return False
    if chain_hash(row["prev_hash"], row) != row["hash"]:
        result.fail(sequence, f"event {sequence} was altered: its hash does not match its contents")
        return False
    checkpoint = checkpoints.get(sequence)
    if checkpoint is not None and checkpoint.event_hash != row["hash"]:
        result.fail(sequence, f"event {sequence} differs from signed checkpoint {checkpoint.pk} of "
                              f"{checkpoint.signed_at:%Y-%m-%d %H:%M} UTC: the chain up to it was rewritten")
        return False
    return check_checkpoint_event(row, checkpoints, result)


def verify_chain(*, using: str = AUDIT_ALIAS, from_last_checkpoint: bool = False,
                 progress: ProgressCallback | None = None) -> VerifyResult:
    """Recompute the chain (or only the part after the latest checkpoint) and check checkpoints."""
    result = VerifyResult()
    checkpoints = _checked_checkpoints(result, using)
    if checkpoints is None or missing_partition(result, using):
        return result
    first, head = bounds(using)
    start = _start(checkpoints, first)
    if from_last_checkpoint:
        start = _start_from_last(checkpoints, head, result, using) or start
        if not result.intact:
            return result
    expected_sequence, expected_prev = start
    before_prev: str | None = None
    total = max(0, (head or 0) - expected_sequence + 1)
    for row in _rows(using, expected_sequence):
        if not _check_row(row, (expected_sequence, expected_prev, before_prev), checkpoints, result):
            return result
        expected_sequence, expected_prev, before_prev = expected_sequence + 1, row["hash"], expected_prev
        result.events_checked += 1
        result.head_sequence = row["sequence"]
        if progress and result.events_checked % CHUNK == 0:
            progress(result.events_checked, total)
    if progress:
        progress(result.events_checked, total)
    # Every checkpoint is followed by its own `checkpoint` event (written in the same transaction).
    beyond = [seq for seq in checkpoints if seq + 1 >= expected_sequence]
    if beyond:
        signed = max(beyond)
        span = f"event {expected_sequence}" if expected_sequence == signed + 1 else \
            f"events {expected_sequence}-{signed + 1}"
        return result.fail(expected_sequence, f"{span} missing: the chain ends at event {expected_sequence - 1} "
                                              f"but checkpoint {checkpoints[signed].pk} signed event {signed} and "
                                              f"was recorded as event {signed + 1} (truncated tail)")
    if head is None:
        result.message = "intact (no events)"
    return result
