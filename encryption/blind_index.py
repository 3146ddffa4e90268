"""Blind indexes: exact search on encrypted values without decrypting the table.

A blind index column holds a truncated HMAC-SHA256, under a key derived per column from the
BLIND_INDEX_KEY root, over the normalised value(s) of one or more encrypted fields. Truncation is
deliberate: it makes the index collide, so a stolen table with the index does not confirm a BSN
by itself, and a lookup therefore returns candidates that are decrypted and compared. Because it
collides, the blind index is never an identity (the audit pseudonym is: encryption.pseudonyms).
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import unicodedata
import uuid
from collections.abc import Sequence
from typing import Any, TypeVar, cast

from django.db import models

from encryption import aead, registry
from encryption.derivation import derive_key
from encryption.exceptions import DecryptionError

INDEX_BYTES = 8  # 64 bits: read at call time, so a test can force collisions by lowering it
SEPARATOR = "\x1f"


def normalise(value: Any) -> str:
    """Case, accents, spaces and punctuation do not matter: 'Ünal-de Vries ' == 'unal de vries'."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = unicodedata.normalize("NFKD", str(value))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def index_value(label: str, values: Sequence[Any]) -> str | None:
    """The hex index for `values`, or None when any part is missing (no index for partial data)."""
    if any(value is None or value == "" for value in values):
        return None
    message = SEPARATOR.join(normalise(value) for value in values).encode("utf-8")
    digest = hmac.new(derive_key(f"blind-index:{label}"), message, hashlib.sha256).digest()
    return digest[:INDEX_BYTES].hex()


class BlindIndexField(models.CharField):
    """`bsn_index = BlindIndexField(sources=["bsn"], label="casework.Person.bsn")`.

    Computed in `pre_save` from the plaintext of its sources; when none of the sources changed
    (they are still sealed as loaded), the stored index is kept without decrypting anything.
    """

    def __init__(self, *args: Any, sources: Sequence[str], label: str, **kwargs: Any) -> None:
        self.sources = list(sources)
        self.index_label = label
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("null", True)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("db_index", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs.update(sources=self.sources, label=self.index_label)
        for key, default in (("max_length", 64), ("null", True), ("blank", True), ("editable", False),
                             ("db_index", True)):
            if kwargs.get(key, default) == default:
                kwargs.pop(key, None)
        return name, path, args, kwargs

    def contribute_to_class(self, cls: type[models.Model], name: str, private_only: bool = False) -> None:
        super().contribute_to_class(cls, name, private_only=private_only)
        registry.register_index(cls, self)

    def _source_attnames(self, model: type[models.Model]) -> list[str]:
        return [cast(models.Field, model._meta.get_field(source)).attname for source in self.sources]

    def pre_save(self, model_instance: models.Model, add: bool) -> str | None:
        attnames = self._source_attnames(type(model_instance))
        raws = [model_instance.__dict__.get(attname) for attname in attnames]
        if all(raw is None or isinstance(raw, aead.SealedValue) for raw in raws) and not add:
            return getattr(model_instance, self.attname)
        value = self.index_for([getattr(model_instance, attname) for attname in attnames])
        setattr(model_instance, self.attname, value)
        return value

    def index_for(self, values: Sequence[Any]) -> str | None:
        return index_value(self.index_label, values)


_M = TypeVar("_M", bound=models.Model)


def blind_lookup(queryset: models.QuerySet[_M], index_field: str, *values: Any) -> list[_M]:
    """Rows whose sources equal `values` (normalised): candidates by index, then decrypted and compared.

    Candidates whose data key was shredded are skipped (those persons are erased); any other
    decryption failure raises (fail closed).
    """
    from encryption.preload import preload_keys

    field = cast(BlindIndexField, queryset.model._meta.get_field(index_field))
    wanted = field.index_for(values)
    if wanted is None:
        return []
    target = [normalise(value) for value in values]
    candidates = preload_keys(list(queryset.filter(**{index_field: wanted})))
    matches = []
    for candidate in candidates:
        try:
            found = [getattr(candidate, source) for source in field.sources]
        except DecryptionError as exc:
            if exc.reason.startswith("data key"):
                continue
            raise
        if all(value is not None for value in found) and [normalise(value) for value in found] == target:
            matches.append(candidate)
    return matches


def clear_indexes_for_key(key_id: uuid.UUID) -> int:
    """After shredding: empty every blind index of rows (live and history) sealed with `key_id`."""
    cleared = 0
    for model in registry.encrypted_models():
        indexes = registry.index_fields(model)
        if not indexes:
            continue
        for key_field in registry.key_field_names(model):
            cleared += model._base_manager.filter(**{key_field: key_id}).update(
                **{index.attname: None for index in indexes}
            )
    return cleared
