"""Appending to the hash chain: lock, read the head, insert, all in one audit transaction.

Without the lock two writers read the same head and the chain forks; the lock, the head read
and the insert therefore share one `transaction.atomic(using="audit")`:
- PostgreSQL: `pg_advisory_xact_lock`, released at commit or rollback;
- SQLite: the audit alias opens transactions with `BEGIN IMMEDIATE`, which takes the database's
  write lock before the head is read.
Sequence numbers and times are assigned under the lock, so sequence order is commit order
(an auto-increment id is not: pitfall 5). The transaction is on the audit connection, never the
business one, so a rollback of the business transaction cannot take the event with it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import connections, transaction
from django.utils import timezone

from audit.canonical import chain_hash
from audit.models import AUDIT_ALIAS, GENESIS_HASH, AuditCheckpoint, AuditEvent

# An arbitrary constant naming "the audit chain" among advisory locks.
ADVISORY_LOCK_KEY = 7_513_000_001


def lock_chain(using: str = AUDIT_ALIAS) -> None:
    """Serialise appends. Must be called inside `transaction.atomic(using=using)`."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK_KEY])
    elif connection.vendor == "sqlite":
        if connection.settings_dict.get("OPTIONS", {}).get("transaction_mode") != "IMMEDIATE":
            raise ImproperlyConfigured("the SQLite audit database needs OPTIONS['transaction_mode'] = 'IMMEDIATE'")
    else:
        raise ImproperlyConfigured(f"no chain lock for database vendor {connection.vendor!r}")


def read_head(using: str = AUDIT_ALIAS) -> tuple[int, str]:
    """(sequence, hash) of the last event; after a full retention purge, of the latest checkpoint."""
    head = AuditEvent.objects.using(using).order_by("-sequence").values_list("sequence", "hash").first()
    if head is not None:
        return head
    checkpoint = (
        AuditCheckpoint.objects.using(using).order_by("-sequence").values_list("sequence", "event_hash").first()
    )
    return checkpoint if checkpoint is not None else (0, GENESIS_HASH)


def append(drafts: Sequence[Mapping[str, Any]], *, using: str = AUDIT_ALIAS) -> list[AuditEvent]:
    """Chain and insert events (one INSERT for the whole batch); returns them with their hashes.

    Each draft holds every hashed field except `sequence` and `occurred_at`, which are set here.
    """
    if not drafts:
        return []
    with transaction.atomic(using=using):
        lock_chain(using)
        sequence, prev_hash = read_head(using)
        now = timezone.now()
        events = []
        for draft in drafts:
            sequence += 1
            values = {**draft, "sequence": sequence, "occurred_at": now}
            digest = chain_hash(prev_hash, values)
            events.append(AuditEvent(**values, prev_hash=prev_hash, hash=digest))
            prev_hash = digest
        AuditEvent.objects.using(using).bulk_create(events, batch_size=len(events))
    return events
