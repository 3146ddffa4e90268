"""Services for data keys: create, re-wrap (rotation) and destroy (crypto-shred).

Shredding overwrites the wrapped key in place, then marks it destroyed, then scrubs the store:
on SQLite (which runs with `secure_delete`) a `wal_checkpoint(TRUNCATE)` so the old bytes
survive neither in free pages nor in the WAL; on PostgreSQL a VACUUM of the table (dead tuples
and WAL segments can keep old bytes until vacuum and WAL recycling; see key-management.md).
"""

from __future__ import annotations

import logging
import os
import uuid
from typing import Any

from django.db import DatabaseError, connections, router, transaction
from django.utils import timezone

from encryption import keyring, signals
from encryption.exceptions import KeyStoreUnavailable
from encryption.models import DataKey
from encryption.orphans import note_created
from encryption.resolver import KeyResolver, default_resolver

logger = logging.getLogger(__name__)


def _alias() -> str:
    return router.db_for_write(DataKey)


def datakey_create(*, resolver: KeyResolver | None = None) -> DataKey:
    """A fresh random AES-256 key, wrapped under the active KEK; its id goes on the dossier row."""
    key_id = uuid.uuid4()
    raw = os.urandom(keyring.DATA_KEY_BYTES)
    kek_id, wrapped = keyring.get_provider().wrap(raw, key_id=key_id.bytes)
    try:
        data_key = DataKey.objects.create(id=key_id, wrapped_key=wrapped, kek_id=kek_id)
    except DatabaseError as exc:
        raise KeyStoreUnavailable(f"the key store did not take a new data key ({type(exc).__name__})") from exc
    # The key is committed in the key store now; if the dossier's transaction rolls back, the
    # guard destroys it again (encryption/orphans.py).
    note_created(key_id)
    (resolver or default_resolver).remember(key_id, raw)
    return data_key


def datakey_fetch(*, key_id: uuid.UUID) -> DataKey:
    """The key-store row (wrapped key only; use the resolver for a usable key)."""
    return DataKey.objects.get(id=key_id)


def datakey_rewrap(*, data_key: DataKey) -> bool:
    """Re-wrap one data key under the active KEK; False when it already is (or is destroyed)."""
    provider = keyring.get_provider()
    active = provider.active_kek_id()
    if data_key.destroyed_at is not None or data_key.kek_id == active:
        return False
    raw = provider.unwrap(bytes(data_key.wrapped_key), kek_id=data_key.kek_id, key_id=data_key.id.bytes)
    kek_id, wrapped = provider.wrap(raw, key_id=data_key.id.bytes)
    updated = DataKey.objects.filter(id=data_key.id, kek_id=data_key.kek_id, destroyed_at__isnull=True).update(
        wrapped_key=wrapped, kek_id=kek_id
    )
    return bool(updated)


def datakey_destroy(
    *, key_id: uuid.UUID, dossier_id: uuid.UUID | None = None, reason: str, actor: Any = None,
    resolver: KeyResolver | None = None, send_signal: bool = True,
) -> None:
    """Crypto-shred one data key: every value sealed with it becomes unreadable, everywhere.

    Also clears the blind indexes of rows that used the key, so the erased person cannot be
    confirmed by an index lookup either. Sends `dossier_shredded` (unless `send_signal=False`,
    used by re-encryption, which announces itself).
    """
    from encryption.blind_index import clear_indexes_for_key

    with transaction.atomic(using=_alias()):
        row = DataKey.objects.select_for_update().get(id=key_id)
        if row.destroyed_at is None:
            length = len(bytes(row.wrapped_key))
            DataKey.objects.filter(id=key_id).update(wrapped_key=bytes(length))  # overwrite in place
            DataKey.objects.filter(id=key_id).update(wrapped_key=b"", destroyed_at=timezone.now())
    (resolver or default_resolver).forget(key_id)
    clear_indexes_for_key(key_id)
    transaction.on_commit(_scrub_key_store, using=_alias())
    if send_signal:
        signals.dossier_shredded.send(
            sender=DataKey, actor=actor, when=timezone.now(), dossier_id=dossier_id, key_id=key_id, reason=reason
        )


def _scrub_key_store() -> None:
    """Remove old copies of the overwritten bytes where the database engine lets us."""
    connection = connections[_alias()]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            busy = cursor.fetchone()[0]
            if busy:
                logger.warning("key store checkpoint was blocked by a reader; the WAL may keep old pages")
        elif connection.vendor == "postgresql":
            cursor.execute(f"VACUUM {connection.ops.quote_name(DataKey._meta.db_table)}")  # noqa: S608
