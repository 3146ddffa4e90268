"""Sealing TOTP secrets: AES-256-GCM under a key derived from a key-encryption key.

django-otp's own TOTPDevice keeps the shared secret as plaintext hex in the main database: a copy
of that database (a backup, a dump) would let anyone compute every user's one-time codes. Our
device (accounts.models.SealedTOTPDevice) stores the secret sealed instead.

`accounts` sits below `encryption` (the dependency rule), so it cannot use the dossier keyring;
it derives its own key from the same key-encryption keys (HKDF-SHA256, a purpose label of its
own), so the secrets are readable exactly where the KEKs are configured and never from the
database alone. Stored value: version (1) | KEK id length | KEK id | nonce (12) | ciphertext+tag.
Associated data binds the value to its user, so a sealed secret copied to another user's row
does not open. After adding a new KEK, `manage.py reseal_totp` re-seals under the active one.
"""

from __future__ import annotations

import os

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

VERSION = 1
PURPOSE = b"zorgveilig accounts.totp-secret v1"


class SecretUnavailable(Exception):
    """The sealed secret does not open (unknown KEK, altered value, another user's row)."""


def _keks() -> list[tuple[str, bytes]]:
    return list(settings.KEY_MATERIAL["keks"])


def _derived(kek: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=PURPOSE).derive(kek)


def _associated(user_id: object) -> bytes:
    return f"accounts.SealedTOTPDevice.key|{user_id}".encode()


def active_kek_id() -> str:
    return _keks()[0][0]


def seal(secret: bytes, *, user_id: object) -> bytes:
    kek_id, kek = _keks()[0]
    label = kek_id.encode()
    nonce = os.urandom(12)
    ciphertext = AESGCM(_derived(kek)).encrypt(nonce, secret, _associated(user_id))
    return bytes([VERSION, len(label)]) + label + nonce + ciphertext


def kek_id_of(sealed: bytes) -> str:
    sealed = bytes(sealed)
    return sealed[2:2 + sealed[1]].decode()


def unseal(sealed: bytes, *, user_id: object) -> bytes:
    from cryptography.exceptions import InvalidTag

    sealed = bytes(sealed)
    if len(sealed) < 2 or sealed[0] != VERSION:
        raise SecretUnavailable("not a sealed TOTP secret")
    kek_id, rest = kek_id_of(sealed), sealed[2 + sealed[1]:]
    kek = dict(_keks()).get(kek_id)
    if kek is None:
        raise SecretUnavailable(f"TOTP secret sealed under unknown key-encryption key {kek_id!r}")
    try:
        return AESGCM(_derived(kek)).decrypt(rest[:12], rest[12:], _associated(user_id))
    except InvalidTag as exc:
        raise SecretUnavailable("TOTP secret does not open: altered or moved to another user") from exc
