"""The signed checkpoint rows and the chain's `checkpoint` events prove each other.

`checkpoint_create` writes each signed row and, in the same audit transaction, a `checkpoint`
event right after the event it signs, naming the row. Verification checks both directions for
every event it walks (`check_checkpoint_event`):
- a signed row at sequence *n* needs event *n + 1* to be the `checkpoint` event naming it;
- a `checkpoint` event at *n + 1* needs a signed row at *n* with the id it names.
Deleting checkpoint rows to rewrite the chain behind them therefore leaves `checkpoint` events
without their rows, and forging such an event leaves it without a signed row. A rewrite that also
removes the `checkpoint` events and renumbers the chain leaves nothing in the database to compare
with: the anchors off the database catch that (audit/anchors.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from audit import signing
from audit.actions import Action
from audit.models import AuditCheckpoint

if TYPE_CHECKING:
    from audit.verification import VerifyResult

CHECKPOINT_OBJECT_TYPE = "audit.AuditCheckpoint"


def is_checkpoint_event(row: dict) -> bool:
    return row["action"] == Action.CHECKPOINT and row["object_type"] == CHECKPOINT_OBJECT_TYPE


def check_checkpoint_event(row: dict, checkpoints: dict[int, AuditCheckpoint], result: VerifyResult) -> bool:
    """A checkpoint event names the signed row of the event before it, and every such row has its event."""
    sequence = row["sequence"]
    signed = checkpoints.get(sequence - 1)
    names_row = is_checkpoint_event(row)
    if signed is not None and not (names_row and row["object_id"] == str(signed.pk)):
        result.fail(sequence, f"event {sequence} should record signed checkpoint {signed.pk} of event "
                              f"{sequence - 1}, but does not: the chain after the checkpoint was rewritten")
        return False
    if names_row and signed is None:
        result.fail(sequence, f"event {sequence} records checkpoint {row['object_id'] or '?'} of event "
                              f"{sequence - 1}, but no signed checkpoint row matches it: checkpoint rows were "
                              "deleted (to rewrite the chain behind them) or the event was forged")
        return False
    return True


def invalid_signature_message(checkpoint: AuditCheckpoint) -> str:
    """Why `checkpoint` does not verify: an unknown key, or a bad signature by a known one."""
    if checkpoint.key_id not in signing.verification_keys():
        return (f"checkpoint {checkpoint.pk} (event {checkpoint.sequence}) is signed by unknown key "
                f"{checkpoint.key_id!r}: forged, or signed by a retired key missing from "
                "AUDIT_SIGNING_KEYS_RETIRED")
    return (f"checkpoint {checkpoint.pk} (event {checkpoint.sequence}) has an invalid signature: "
            "it was forged or altered")
