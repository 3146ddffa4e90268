"""Key-encryption keys (KEKs) and the provider interface that wraps and unwraps data keys.

Fields never see a KEK: they ask the key store for a data key, and the key store asks the
provider to unwrap it. A KMS or Vault transit provider can replace `LocalKeyProvider` by naming
it in the setting `ENCRYPTION_KEY_PROVIDER` (a dotted path to a class taking no arguments)
without any change to fields, rows or commands (docs/privacy/key-management.md).
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Protocol, runtime_checkable

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.utils.module_loading import import_string

from encryption.exceptions import EncryptionError

WRAP_NONCE_BYTES = 12
DATA_KEY_BYTES = 32


@runtime_checkable
class KeyProvider(Protocol):
    """What the key store needs from a key-management backend."""

    def active_kek_id(self) -> str:
        """Id of the KEK new data keys are wrapped under (the first configured)."""
        ...

    def kek_ids(self) -> list[str]:
        """Every KEK this provider can unwrap with."""
        ...

    def wrap(self, data_key: bytes, *, key_id: bytes) -> tuple[str, bytes]:
        """Wrap a data key under the active KEK, bound to the data key's id; returns (kek_id, wrapped)."""
        ...

    def unwrap(self, wrapped: bytes, *, kek_id: str, key_id: bytes) -> bytes:
        """Unwrap a data key; raises EncryptionError if the KEK is unknown or the bytes were altered."""
        ...


class LocalKeyProvider:
    """KEKs held in process memory, from FIELD_ENCRYPTION_KEYS or the key file (settings.KEY_MATERIAL).

    Wrapping is AES-256-GCM with the data key's id as associated data, so a wrapped key copied to
    another key row does not unwrap.
    """

    def __init__(self, keks: list[tuple[str, bytes]] | None = None) -> None:
        keks = keks if keks is not None else settings.KEY_MATERIAL["keks"]
        if not keks:
            raise EncryptionError("no key-encryption key configured")
        self._active = keks[0][0]
        self._keks = {kek_id: AESGCM(key) for kek_id, key in keks}

    def active_kek_id(self) -> str:
        return self._active

    def kek_ids(self) -> list[str]:
        return list(self._keks)

    def wrap(self, data_key: bytes, *, key_id: bytes) -> tuple[str, bytes]:
        nonce = os.urandom(WRAP_NONCE_BYTES)
        return self._active, nonce + self._keks[self._active].encrypt(nonce, data_key, key_id)

    def unwrap(self, wrapped: bytes, *, kek_id: str, key_id: bytes) -> bytes:
        kek = self._keks.get(kek_id)
        if kek is None:
            raise EncryptionError(f"key-encryption key {kek_id!r} is not configured")
        try:
            return kek.decrypt(wrapped[:WRAP_NONCE_BYTES], wrapped[WRAP_NONCE_BYTES:], key_id)
        except InvalidTag as exc:
            raise EncryptionError(f"wrapped data key does not open under KEK {kek_id!r}") from exc


@lru_cache(maxsize=1)
def get_provider() -> KeyProvider:
    """The configured provider, built once per process (call `reset_provider()` after changing keys)."""
    path = getattr(settings, "ENCRYPTION_KEY_PROVIDER", None)
    provider = import_string(path)() if path else LocalKeyProvider()
    if not isinstance(provider, KeyProvider):
        raise EncryptionError(f"{path} does not implement encryption.keyring.KeyProvider")
    return provider


def reset_provider() -> None:
    """Forget the provider (tests that change KEY_MATERIAL; a process that reloads its key file)."""
    get_provider.cache_clear()
