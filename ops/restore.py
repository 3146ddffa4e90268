"""After restoring backups: replay every destruction the audit trail records into the key store.

The key store is backed up separately and kept briefly (docs/operations.md). A key-store backup
taken before a dossier was shredded still holds that dossier's data key: restored as it is, it
would make the shredded dossier readable again. The audit trail — its own database, backed up
continuously and append-only — records every destruction with the data key's id ("data key <id>
destroyed", and "data key <id> replaced by <new id>" for a re-encryption, which destroys the old
key), so `manage.py replay_shredding` destroys again every key the trail says is gone. The
readiness probe (ops/health.py) refuses to report ready while a destruction is still to be
replayed, so the service does not open before.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from audit.actions import Action
from audit.models import AuditEvent

DESTROYED = re.compile(r"^data key ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}) "
                       r"(?:destroyed|replaced by )")
BATCH = 500


def shredded_key_ids() -> Iterator[uuid.UUID]:
    """Every data key the audit trail records as destroyed (shredding and re-encryption)."""
    events = (AuditEvent.objects.filter(action__in=[Action.SHRED, Action.REENCRYPT])
              .order_by("sequence").values_list("reason", flat=True))
    for reason in events.iterator(chunk_size=2000):
        match = DESTROYED.match(reason or "")
        if match:
            yield uuid.UUID(match.group(1))


def _batches(ids: Iterator[uuid.UUID]) -> Iterator[list[uuid.UUID]]:
    batch: list[uuid.UUID] = []
    for key_id in ids:
        batch.append(key_id)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def keys_to_replay() -> list[uuid.UUID]:
    """Keys the audit trail says are destroyed but the key store still holds live."""
    from encryption.models import DataKey

    pending: list[uuid.UUID] = []
    for batch in _batches(shredded_key_ids()):
        pending += DataKey.objects.filter(id__in=batch, destroyed_at__isnull=True).values_list("id", flat=True)
    return pending


@dataclass(frozen=True)
class ReplayReport:
    recorded: int
    replayed: list[uuid.UUID]


def replay_shredding(*, dry_run: bool = False) -> ReplayReport:
    from encryption.keystore import datakey_destroy

    recorded = sum(1 for _ in shredded_key_ids())
    pending = keys_to_replay()
    if not dry_run:
        for key_id in pending:
            # No new audit event per key: the trail already records each destruction.
            datakey_destroy(key_id=key_id, reason="destruction replayed after a restore", send_signal=False)
    return ReplayReport(recorded=recorded, replayed=pending)
