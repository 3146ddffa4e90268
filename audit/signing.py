"""Ed25519 signatures over checkpoints, with the audit signing key from the key material.

The private key never enters a database; the public key (`public_key_b64()`) can be handed to an
auditor, who can then check checkpoints on a copy of the audit database without our code.
The signed message is canonical JSON of (kind, sequence, hash, signed_at).
"""

from __future__ import annotations

import base64
import hashlib
import json
from datetime import datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.conf import settings

from audit.canonical import format_time


def _private_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(settings.KEY_MATERIAL["audit_signing_key"])


def public_key() -> Ed25519PublicKey:
    return _private_key().public_key()


def _raw_public(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def public_key_b64() -> str:
    return base64.b64encode(_raw_public(public_key())).decode()


def key_id(key: Ed25519PublicKey | None = None) -> str:
    """A short fingerprint of the public key, stored with each checkpoint."""
    return hashlib.sha256(_raw_public(key or public_key())).hexdigest()[:16]


def checkpoint_message(*, kind: str, sequence: int, event_hash: str, signed_at: datetime) -> bytes:
    document = {"kind": kind, "sequence": int(sequence), "hash": event_hash, "signed_at": format_time(signed_at)}
    return json.dumps(document, sort_keys=True, separators=(",", ":")).encode()


def sign(message: bytes) -> str:
    return _private_key().sign(message).hex()


def signature_valid(message: bytes, signature_hex: str, key: Ed25519PublicKey | None = None) -> bool:
    try:
        (key or public_key()).verify(bytes.fromhex(signature_hex), message)
    except (InvalidSignature, ValueError):
        return False
    return True
