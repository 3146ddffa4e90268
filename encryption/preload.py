"""Preload the data keys of many rows in one key-store query (list pages, exports, commands).

Inside a key scope, queries already note the key ids they return and the first decryption
checks them all at once; `preload_keys` makes that explicit for rows that came from elsewhere
(history rows, rows built from several querysets) and works outside a scope too (it then only
warms the cache: each later use still re-checks the key store).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import TypeVar

from django.db import models

from encryption import aead, registry
from encryption.resolver import KeyResolver, preload_key_ids

M = TypeVar("M", bound=models.Model)


def key_ids_of(objs: Iterable[models.Model]) -> set[uuid.UUID]:
    """Every data-key id the rows' encrypted values (or key fields) point to."""
    ids: set[uuid.UUID] = set()
    for obj in objs:
        model = type(obj)
        for field in registry.encrypted_fields(model):
            raw = obj.__dict__.get(field.attname)
            if isinstance(raw, aead.SealedValue) and len(raw.data) >= aead.MIN_LENGTH:
                ids.add(raw.key_id)
        for key_field in registry.key_field_names(model):
            value = obj.__dict__.get(key_field)
            if value is not None:
                ids.add(value if isinstance(value, uuid.UUID) else uuid.UUID(str(value)))
    return ids


def preload_keys(objs: list[M], *, resolver: KeyResolver | None = None) -> list[M]:
    """Check and load the keys of all `objs` with one query; returns `objs` for chaining."""
    preload_key_ids(key_ids_of(objs), resolver)
    return objs
