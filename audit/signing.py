"""Ed25519 signatures over checkpoints, with the audit signing key from the key material.

The private key never enters a database; the public key (`public_key_b64()`) can be handed to an
auditor, who can then check checkpoints on a copy of the audit database without our code.
The signed message is canonical JSON of (kind, sequence, hash, signed_at).

Verification accepts the active key and the retired ones (`AUDIT_SIGNING_KEYS_RETIRED`, public
keys only), chosen by the key id each checkpoint stores: after a key change old checkpoints still
verify, and a checkpoint signed by any other key does not.
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


def verification_keys() -> dict[str, Ed25519PublicKey]:
    """Key id -> public key: the active signing key's, then every retired one from the settings."""
    keys = {key_id(): public_key()}
    for raw in getattr(settings, "AUDIT_SIGNING_KEYS_RETIRED", ()):
        retired = Ed25519PublicKey.from_public_bytes(raw)
        keys.setdefault(key_id(retired), retired)
    return keys


def checkpoint_message(*, kind: str, sequence: int, event_hash: str, signed_at: datetime) -> bytes:
    document = {"kind": kind, "sequence": int(sequence), "hash": event_hash, "signed_at": format_time(signed_at)}
    return json.dumps(document, sort_keys=True, separators=(",", ":")).encode()


def restore_message(*, sequence: int, event_hash: str, signed_at: datetime) -> bytes:
    """What a restore marker signs: a message no checkpoint signature can be mistaken for."""
    document = {"restored_to": int(sequence), "hash": event_hash, "signed_at": format_time(signed_at)}
    return json.dumps(document, sort_keys=True, separators=(",", ":")).encode()


def sign(message: bytes) -> str:
    return _private_key().sign(message).hex()


def signature_valid(message: bytes, signature_hex: str, key: Ed25519PublicKey | None = None) -> bool:
    """Whether `signature_hex` signs `message` with `key` (default: the active key)."""
    try:
        (key or public_key()).verify(bytes.fromhex(signature_hex), message)
    except (InvalidSignature, ValueError):
        return False
    return True


def signed_by_known_key(message: bytes, signature_hex: str, signer: str) -> bool:
    """Whether the key named `signer` (a key id) is configured and signed `message`."""
    key = verification_keys().get(signer)
    return key is not None and signature_valid(message, signature_hex, key)
