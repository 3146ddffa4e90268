"""KEK rotation: re-wrap every live data key under the active (first configured) KEK.

Fast (the data keys and every sealed value stay as they are) and resumable: each batch commits
on its own, and a re-run only touches keys still wrapped by another KEK.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import router, transaction
from django.utils import timezone

from encryption import keyring, signals
from encryption.keystore import datakey_rewrap
from encryption.models import DataKey

Progress = Callable[[int, int], None]


def keys_pending_rotation() -> int:
    active = keyring.get_provider().active_kek_id()
    return DataKey.objects.filter(destroyed_at__isnull=True).exclude(kek_id=active).count()


def keys_rotate(*, actor: Any = None, batch_size: int = 200, progress: Progress | None = None) -> int:
    """Re-wrap all data keys not yet under the active KEK; returns how many were re-wrapped."""
    active = keyring.get_provider().active_kek_id()
    pending = DataKey.objects.filter(destroyed_at__isnull=True).exclude(kek_id=active).order_by("id")
    total = pending.count()
    done = 0
    last_id = None
    while True:
        batch_qs = pending if last_id is None else pending.filter(id__gt=last_id)
        batch = list(batch_qs[:batch_size])
        if not batch:
            break
        with transaction.atomic(using=router.db_for_write(DataKey)):
            done += sum(datakey_rewrap(data_key=data_key) for data_key in batch)
        last_id = batch[-1].id
        if progress is not None:
            progress(done, total)
    signals.key_rotation.send(sender=DataKey, actor=actor, when=timezone.now(), kek_id=active, count=done)
    return done
