"""Turns a data-key id into a ready cipher, honouring `destroyed_at` on every use.

Within a key scope the key store is asked once for all keys the scope has seen (one query); a
cache hit is only used after that check. Outside a scope each call asks the key store again.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.db import DatabaseError

from encryption.cache import KeyCache
from encryption.exceptions import DataKeyUnavailable, EncryptionError, KeyStoreUnavailable
from encryption.keyring import get_provider
from encryption.scope import KeyScope, current_scope

DESTROYED = "destroyed"
UNKNOWN = "unknown"
UNWRAP_FAILED = "not unwrappable with the configured KEKs"


class KeyResolver:
    """One per process (see `default_resolver`); tests make a second one to act as another worker."""

    def __init__(self, cache: KeyCache | None = None) -> None:
        self.cache = cache if cache is not None else KeyCache()

    def cipher(self, key_id: uuid.UUID) -> AESGCM:
        """The AESGCM for a data key; raises DataKeyUnavailable if destroyed or unknown."""
        scope = current_scope() or KeyScope()
        if key_id not in scope.verified and key_id not in scope.unavailable:
            scope.pending.add(key_id)
            self.verify(scope)
        if key_id in scope.unavailable:
            raise DataKeyUnavailable(key_id, scope.unavailable[key_id])
        cipher = self.cache.get(key_id)
        if cipher is None:  # evicted since the scope verified it: load it again (rare)
            scope.verified.discard(key_id)
            scope.pending.add(key_id)
            self.verify(scope)
            cipher = self.cache.get(key_id)
            if cipher is None:
                raise DataKeyUnavailable(key_id, scope.unavailable.get(key_id, UNKNOWN))
        return cipher

    def verify(self, scope: KeyScope) -> None:
        """Check every pending key of the scope in one key-store query; unwrap what is not cached."""
        from encryption.models import DataKey

        ids = scope.pending - scope.verified - set(scope.unavailable)
        scope.pending.clear()
        if not ids:
            return
        try:
            rows = list(DataKey.objects.filter(id__in=ids).values_list("id", "kek_id", "wrapped_key", "destroyed_at"))
        except DatabaseError as exc:
            # Fail closed and say so: an unreachable key store is not an unreadable value.
            raise KeyStoreUnavailable(f"the key store did not answer ({type(exc).__name__})") from exc
        seen: set[uuid.UUID] = set()
        for key_id, kek_id, wrapped, destroyed_at in rows:
            seen.add(key_id)
            if destroyed_at is not None:
                self.cache.evict(key_id)
                scope.unavailable[key_id] = DESTROYED
                continue
            # `get` marks the key as just used: a scope's cached keys are then not the least recently used when
            # its uncached ones are put (a scope of 2,000 keys beside 2,000 others otherwise evicted its own
            # cached keys, and each was then read again, one query per key: the annual figures' self-reliance).
            if self.cache.get(key_id) is None:
                try:
                    raw = get_provider().unwrap(bytes(wrapped), kek_id=kek_id, key_id=key_id.bytes)
                except EncryptionError:
                    scope.unavailable[key_id] = UNWRAP_FAILED
                    continue
                self.cache.put(key_id, AESGCM(raw))
            scope.verified.add(key_id)
        for key_id in ids - seen:
            self.cache.evict(key_id)
            scope.unavailable[key_id] = UNKNOWN

    def forget(self, key_id: uuid.UUID) -> None:
        """Drop a key from this process and the current scope (after shredding it here)."""
        self.cache.evict(key_id)
        scope = current_scope()
        if scope is not None:
            scope.verified.discard(key_id)
            scope.unavailable[key_id] = DESTROYED

    def remember(self, key_id: uuid.UUID, raw: bytes) -> None:
        """Cache a key this process just created (it is known to be live)."""
        self.cache.put(key_id, AESGCM(raw))
        scope = current_scope()
        if scope is not None:
            scope.verified.add(key_id)


default_resolver = KeyResolver()


def data_cipher(key_id: uuid.UUID) -> AESGCM:
    return default_resolver.cipher(key_id)


def preload_key_ids(key_ids: Iterable[uuid.UUID], resolver: KeyResolver | None = None) -> None:
    """Check and load many keys in one query (inside a scope this also marks them verified)."""
    resolver = resolver or default_resolver
    scope = current_scope() or KeyScope()
    scope.pending.update(k for k in key_ids if k is not None)
    resolver.verify(scope)
