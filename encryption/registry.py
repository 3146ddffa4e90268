"""Which installed models carry encrypted fields and blind indexes.

Commands (re-encrypt a dossier, check, shred) must find every row sealed with one data key,
live rows and history rows alike; fields register themselves here when they join a model.
Models built by the migration framework (historical model states) are left out.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from django.apps import apps as global_apps
from django.db import models

if TYPE_CHECKING:
    from encryption.blind_index import BlindIndexField
    from encryption.fields import EncryptedField

_encrypted: dict[type[models.Model], list[EncryptedField]] = defaultdict(list)
_indexes: dict[type[models.Model], list[BlindIndexField]] = defaultdict(list)


def _is_real_model(model: type[models.Model]) -> bool:
    return not model._meta.abstract and model._meta.apps is global_apps


def register_encrypted(model: type[models.Model], field: EncryptedField) -> None:
    if _is_real_model(model) and field not in _encrypted[model]:
        _encrypted[model].append(field)


def register_index(model: type[models.Model], field: BlindIndexField) -> None:
    if _is_real_model(model) and field not in _indexes[model]:
        _indexes[model].append(field)


def encrypted_fields(model: type[models.Model]) -> list[EncryptedField]:
    return list(_encrypted.get(model, ()))


def index_fields(model: type[models.Model]) -> list[BlindIndexField]:
    return list(_indexes.get(model, ()))


def encrypted_models() -> list[type[models.Model]]:
    """Every installed model with an encrypted field (history models included), in a stable order."""
    installed = set(global_apps.get_models())
    return sorted((m for m in _encrypted if m in installed), key=lambda m: m._meta.label)


def key_field_names(model: type[models.Model]) -> set[str]:
    """Attribute names holding the data-key id of this model's rows (usually just `data_key_id`)."""
    return {field.key_field for field in encrypted_fields(model)}


def is_history_model(model: type[models.Model]) -> bool:
    return hasattr(model, "instance_type") and any(f.name == "history_id" for f in model._meta.fields)
