"""A process cache of unwrapped data keys, bounded in size (LRU) and in time (TTL).

It only saves unwrapping (cheap locally, a network call with a KMS). It never decides whether a
key may be used: `resolver.KeyResolver` checks `destroyed_at` in the key store before every use
(once per request scope), so a key shredded by another worker stops working here too.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections import OrderedDict

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

DEFAULT_MAX_ENTRIES = 2048
DEFAULT_TTL_SECONDS = 300.0


class KeyCache:
    """Thread-safe LRU of key id -> ready AESGCM cipher, with entries expiring after `ttl` seconds."""

    def __init__(self, *, max_entries: int = DEFAULT_MAX_ENTRIES, ttl: float = DEFAULT_TTL_SECONDS) -> None:
        self.max_entries = max_entries
        self.ttl = ttl
        self._entries: OrderedDict[uuid.UUID, tuple[float, AESGCM]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key_id: uuid.UUID) -> AESGCM | None:
        with self._lock:
            entry = self._entries.get(key_id)
            if entry is None:
                return None
            stored_at, cipher = entry
            if time.monotonic() - stored_at > self.ttl:
                del self._entries[key_id]
                return None
            self._entries.move_to_end(key_id)
            return cipher

    def put(self, key_id: uuid.UUID, cipher: AESGCM) -> None:
        with self._lock:
            self._entries[key_id] = (time.monotonic(), cipher)
            self._entries.move_to_end(key_id)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)

    def evict(self, key_id: uuid.UUID) -> None:
        with self._lock:
            self._entries.pop(key_id, None)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __contains__(self, key_id: object) -> bool:
        with self._lock:
            return key_id in self._entries

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)
