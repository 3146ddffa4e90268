"""Creating signed checkpoints of the chain's head (`manage.py audit_checkpoint`).

Before signing, the events since the previous valid checkpoint are verified: a signature over a
head that was already tampered with would make the tampering look legitimate. After commit, the
checkpoint is also written to the anchor sink off the database (audit/anchors.py).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from audit import signing
from audit.actions import Action
from audit.activities import PRIVACY_SUPERVISION
from audit.anchors import checkpoint_publish
from audit.chain import lock_chain
from audit.models import AUDIT_ALIAS, AuditCheckpoint
from audit.services import record
from audit.verification import ChainBroken, verify_chain


def checkpoint_create(*, kind: str = AuditCheckpoint.Kind.PERIODIC, created_by: str = "", actor: Any = None,
                      using: str = AUDIT_ALIAS) -> AuditCheckpoint:
    """Sign the current head, store the checkpoint and record a `checkpoint` event right after it.

    Raises ChainBroken when the chain since the last checkpoint does not verify, ValueError
    when there is nothing to sign yet, and AnchorError (with the checkpoint stored) when the
    configured anchor sink could not be written.
    """
    if kind not in AuditCheckpoint.Kind.values:
        raise ValueError(f"unknown checkpoint kind {kind!r}")
    result = verify_chain(using=using, from_last_checkpoint=True)
    if not result.intact:
        raise ChainBroken(result)
    with transaction.atomic(using=using):
        # No append may slip in between reading the head and signing it.
        sequence, event_hash = lock_chain(using)
        if sequence == 0:
            raise ValueError("the audit trail is empty: nothing to sign")
        signed_at = timezone.now()
        message = signing.checkpoint_message(kind=kind, sequence=sequence, event_hash=event_hash, signed_at=signed_at)
        checkpoint = AuditCheckpoint.objects.using(using).create(
            sequence=sequence, event_hash=event_hash, signed_at=signed_at, kind=kind,
            key_id=signing.key_id(), signature=signing.sign(message), created_by=created_by[:255],
        )
        # In the same transaction, so event sequence + 1 exists for every checkpoint: verification
        # relies on it to notice a tail truncated right after the checkpoint.
        record(
            action=Action.CHECKPOINT, processing_activity=PRIVACY_SUPERVISION, actor=actor,
            object_type="audit.AuditCheckpoint", object_id=checkpoint.pk, reason=f"{kind} checkpoint at {sequence}",
        )
    checkpoint_publish(checkpoint)  # after commit: an anchor must never name a rolled-back checkpoint
    return checkpoint
