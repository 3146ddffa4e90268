"""Re-encrypt one dossier under a fresh data key (after a suspected leak of that key).

Every row sealed with the dossier's key, live and history, in every model with encrypted
fields, is opened and sealed again; attachments in an EncryptedStorage are re-sealed in place.
Then the old key is shredded, so copies made under it (also in old main-database backups) are
unreadable from then on.
"""

from __future__ import annotations

import uuid
from contextlib import ExitStack
from typing import Any

from django.db import models, router, transaction
from django.db.models import FileField
from django.utils import timezone

from encryption import registry, signals
from encryption.keystore import datakey_create, datakey_destroy
from encryption.models import DataKey
from encryption.scope import key_scope
from encryption.storage import EncryptedStorage


class DossierNotFound(LookupError):
    """No row with this id owns a data key."""


def dossier_key_id(dossier_id: uuid.UUID) -> uuid.UUID:
    """The data key of the (live) row whose `id` is `dossier_id`, in any model with encrypted fields."""
    for model in registry.encrypted_models():
        if registry.is_history_model(model):
            continue
        for key_field in sorted(registry.key_field_names(model)):
            key_id = model._base_manager.filter(id=dossier_id).values_list(key_field, flat=True).first()
            if key_id is not None:
                return key_id
    raise DossierNotFound(str(dossier_id))


def _encrypted_files(model: type[models.Model]) -> list[FileField]:
    return [f for f in model._meta.concrete_fields
            if isinstance(f, FileField) and isinstance(f.storage, EncryptedStorage)]


def _reseal_row(obj: models.Model, key_field: str, new_key_id: uuid.UUID) -> dict[str, Any]:
    fields = [f for f in registry.encrypted_fields(type(obj)) if f.key_field == key_field]
    plaintext = {f.attname: getattr(obj, f.attname) for f in fields if obj.__dict__.get(f.attname) is not None}
    setattr(obj, key_field, new_key_id)
    updates: dict[str, Any] = {key_field: new_key_id}
    for field in fields:
        if field.attname in plaintext:
            updates[field.attname] = field.seal_for(obj, plaintext[field.attname])
    for file_field in _encrypted_files(type(obj)):
        name = getattr(obj, file_field.attname)
        if name and not registry.is_history_model(type(obj)):
            file_field.storage.reseal(str(name), new_key_id=new_key_id)  # type: ignore[attr-defined]
    return updates


def _reencrypt_model(model: type[models.Model], old_key_id: uuid.UUID, new_key_id: uuid.UUID) -> int:
    count = 0
    for key_field in sorted(registry.key_field_names(model)):
        manager = model._base_manager
        for obj in list(manager.filter(**{key_field: old_key_id})):
            updates = _reseal_row(obj, key_field, new_key_id)
            manager.filter(pk=obj.pk).update(**updates)
            count += 1
    return count


def dossier_reencrypt(
    *, dossier_id: uuid.UUID | None = None, key_id: uuid.UUID | None = None, actor: Any = None
) -> tuple[DataKey, int]:
    """Move a dossier to a fresh data key; returns (new key, rows re-encrypted)."""
    old_key_id = key_id or dossier_key_id(dossier_id)  # type: ignore[arg-type]
    new_key = datakey_create()
    count = 0
    models_ = registry.encrypted_models()
    with key_scope(), ExitStack() as stack:
        for alias in sorted({router.db_for_write(model) for model in models_}):
            stack.enter_context(transaction.atomic(using=alias))  # all or nothing per database
        for model in models_:
            count += _reencrypt_model(model, old_key_id, new_key.id)
    datakey_destroy(key_id=old_key_id, dossier_id=dossier_id, reason="re-encrypted under a new data key",
                    actor=actor, send_signal=False)
    signals.dossier_reencrypted.send(
        sender=DataKey, actor=actor, when=timezone.now(), dossier_id=dossier_id,
        old_key_id=old_key_id, new_key_id=new_key.id, rows=count,
    )
    return new_key, count
