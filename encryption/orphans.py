"""Orphan data keys: live keys in the key store that no committed row refers to.

The key store is another database, so a data key is committed there at once and cannot roll back
with the business transaction that was to store its dossier. Two safeguards keep orphans out:

1. **On rollback** — inside a guard (every request: `encryption.middleware`; every scheduled
   command: `ops.jobs`), `datakey_create` notes each key and asks the `default` connection to
   confirm it on commit. Django drops the on-commit callbacks of a transaction or savepoint that
   rolls back, so when the guard closes, a key that was neither confirmed nor is still waiting for
   an open transaction belongs to work that was undone. Keys made outside a transaction are
   suspects too. Suspects no row refers to are destroyed at once.
2. **The sweeper** (`manage.py sweep_orphan_keys`, scheduled hourly) — a process killed between
   creating a key and committing leaves an orphan no hook saw. The sweeper destroys every live key
   older than a grace period (`ORPHAN_KEY_GRACE_MINUTES`, longer than any transaction may run) that
   no row of any model with a `DataKeyReference` (history models included) refers to.

An orphan never sealed committed data, so destroying it loses nothing; it is overwritten and
marked destroyed like a shredded key, which keeps the key store free of live keys nobody owns.
"""

from __future__ import annotations

import contextlib
import logging
import uuid
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connections, models, router, transaction
from django.utils import timezone

logger = logging.getLogger("encryption.orphans")

BUSINESS_ALIAS = "default"
BATCH = 500


@dataclass(eq=False)
class _Created:
    key_id: uuid.UUID
    confirmed: bool = False
    in_transaction: bool = False

    def confirm(self) -> None:
        self.confirmed = True


_guard: ContextVar[list[_Created] | None] = ContextVar("data_key_guard", default=None)


def note_created(key_id: uuid.UUID) -> None:
    """Called by datakey_create: remember the key until the business transaction commits."""
    created = _guard.get()
    if created is None:
        return
    entry = _Created(key_id)
    if connections[BUSINESS_ALIAS].in_atomic_block:
        entry.in_transaction = True
        transaction.on_commit(entry.confirm, using=BUSINESS_ALIAS)
    created.append(entry)


def _still_waiting(entries: list[_Created]) -> set[int]:
    """Entries whose confirmation is still queued on an open transaction (not rolled back)."""
    connection = connections[BUSINESS_ALIAS]
    if not connection.in_atomic_block:
        return set()
    # Entries are (savepoint ids, callback, robust); a rolled-back savepoint's entries are gone.
    queued = {id(getattr(entry[1], "__self__", None)) for entry in connection.run_on_commit}
    return {id(entry) for entry in entries if id(entry) in queued}


@contextlib.contextmanager
def orphan_guard() -> Iterator[None]:
    """Destroy, when the block ends, the keys it created for work that did not commit."""
    token = _guard.set([])
    try:
        yield
    finally:
        entries = _guard.get() or []
        _guard.reset(token)
        waiting = _still_waiting(entries)
        suspects = [entry.key_id for entry in entries if not entry.confirmed and id(entry) not in waiting]
        if suspects:
            try:
                destroyed = destroy_unreferenced(suspects)
            except Exception:  # noqa: BLE001 - the sweeper removes them later; never mask the response
                logger.warning("orphan data keys could not be destroyed now; the sweeper will", exc_info=True)
            else:
                if destroyed:
                    logger.info("data keys of undone work destroyed", extra={"count": destroyed})


def key_reference_fields() -> list[tuple[type[models.Model], str]]:
    """(model, attribute) of every column holding a data-key id, history models included."""
    from encryption import registry
    from encryption.fields import DataKeyReference

    found: list[tuple[type[models.Model], str]] = []
    for model in apps.get_models():
        names = {field.attname for field in model._meta.concrete_fields if isinstance(field, DataKeyReference)}
        names |= registry.key_field_names(model)
        found.extend((model, name) for name in sorted(names))
    return found


def referenced_keys(key_ids: Iterable[uuid.UUID]) -> set[uuid.UUID]:
    """Which of these key ids any committed row refers to (one query per referencing column)."""
    ids = list(key_ids)
    found: set[uuid.UUID] = set()
    if not ids:
        return found
    for model, name in key_reference_fields():
        found.update(model._base_manager.filter(**{f"{name}__in": ids}).values_list(name, flat=True).distinct())
    return found


def destroy_unreferenced(key_ids: Iterable[uuid.UUID]) -> int:
    """Destroy those of these live keys no row refers to; returns how many."""
    from encryption.models import DataKey
    from encryption.resolver import default_resolver

    candidates = list(key_ids)
    orphans = [key_id for key_id in candidates if key_id not in referenced_keys(candidates)]
    if not orphans:
        return 0
    alias = router.db_for_write(DataKey)
    with transaction.atomic(using=alias):
        rows = list(DataKey.objects.select_for_update().filter(id__in=orphans, destroyed_at__isnull=True)
                    .values_list("id", "wrapped_key"))
        live = [key_id for key_id, _wrapped in rows]
        for key_id, wrapped in rows:  # overwrite in place first, as shredding does
            DataKey.objects.filter(id=key_id).update(wrapped_key=bytes(len(bytes(wrapped))))
        DataKey.objects.filter(id__in=live).update(wrapped_key=b"", destroyed_at=timezone.now())
    for key_id in live:
        default_resolver.forget(key_id)
    return len(live)


@dataclass(frozen=True)
class SweepReport:
    examined: int
    destroyed: int


def grace_period() -> timedelta:
    return timedelta(minutes=float(getattr(settings, "ORPHAN_KEY_GRACE_MINUTES", 60)))


def sweep_orphan_keys(*, older_than: timedelta | None = None, dry_run: bool = False, **_: Any) -> SweepReport:
    """Destroy live keys older than the grace period that no committed row refers to."""
    from encryption.models import DataKey

    cutoff = timezone.now() - (grace_period() if older_than is None else older_than)
    live = DataKey.objects.filter(destroyed_at__isnull=True, created__lte=cutoff).order_by("id")
    examined = destroyed = 0
    last: uuid.UUID | None = None
    while True:
        batch = list((live if last is None else live.filter(id__gt=last)).values_list("id", flat=True)[:BATCH])
        if not batch:
            break
        examined += len(batch)
        last = batch[-1]
        if dry_run:
            destroyed += len(set(batch) - referenced_keys(batch))
        else:
            destroyed += destroy_unreferenced(batch)
    return SweepReport(examined=examined, destroyed=destroyed)
