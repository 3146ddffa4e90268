"""Sealing small secrets of the accounts layer: an IdP's client secret, a session's OIDC tokens.

The same construction as accounts/totp_secrets.py (AES-256-GCM under a key derived with HKDF from
the active key-encryption key), with a purpose label per kind of secret, so a value sealed for one
purpose never opens as another, and associated data binding it to its row or session. Readable
exactly where the KEKs are configured, never from the database (or a session store) alone.
Stored value: version (1) | KEK id length | KEK id | nonce (12) | ciphertext+tag.
"""

from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

VERSION = 1
CLIENT_SECRET = b"zorgveilig accounts.idp-client-secret v1"
SESSION_TOKENS = b"zorgveilig accounts.oidc-session-tokens v1"


class SealedValueUnavailable(Exception):
    """The value does not open (unknown KEK, altered value, another row or purpose)."""


def _key(kek: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(kek)


def seal(secret: bytes, *, purpose: bytes, associated: str) -> bytes:
    kek_id, kek = list(settings.KEY_MATERIAL["keks"])[0]
    label = kek_id.encode()
    nonce = os.urandom(12)
    ciphertext = AESGCM(_key(kek, purpose)).encrypt(nonce, secret, associated.encode())
    return bytes([VERSION, len(label)]) + label + nonce + ciphertext


def unseal(sealed: bytes, *, purpose: bytes, associated: str) -> bytes:
    sealed = bytes(sealed)
    if len(sealed) < 2 or sealed[0] != VERSION:
        raise SealedValueUnavailable("not a sealed value")
    kek_id, rest = sealed[2:2 + sealed[1]].decode(), sealed[2 + sealed[1]:]
    kek = dict(settings.KEY_MATERIAL["keks"]).get(kek_id)
    if kek is None:
        raise SealedValueUnavailable(f"sealed under unknown key-encryption key {kek_id!r}")
    try:
        return AESGCM(_key(kek, purpose)).decrypt(rest[:12], rest[12:], associated.encode())
    except InvalidTag as exc:
        raise SealedValueUnavailable("sealed value does not open: altered, or another row or purpose") from exc
