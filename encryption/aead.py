"""The stored form of an encrypted value: `version | data-key id | nonce | ciphertext+tag`.

AES-256-GCM. The associated data binds a value to its place: the header, a constant label per
field (e.g. `casework.Person.bsn`) and the row's UUID. A value copied to another row or field,
or with a changed header, does not open.
"""

from __future__ import annotations

import base64
import os
import uuid

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

VERSION = 1
VERSION_BYTE = bytes([VERSION])
KEY_ID_BYTES = 16
NONCE_BYTES = 12
TAG_BYTES = 16
HEADER_BYTES = 1 + KEY_ID_BYTES
MIN_LENGTH = HEADER_BYTES + NONCE_BYTES + TAG_BYTES
TEXT_PREFIX = "sealed:v1:"


class MalformedValue(ValueError):
    """Bytes that are not a sealed value of a known version."""


class SealedValue:
    """Opaque ciphertext as read from the database (also what `values()` returns).

    Its repr shows the length and key id only. Compare with `==` on the bytes.
    """

    __slots__ = ("data",)

    def __init__(self, data: bytes) -> None:
        data = bytes(data)
        if len(data) < MIN_LENGTH or data[:1] != VERSION_BYTE:
            raise MalformedValue("not a sealed value")
        self.data = data

    @property
    def key_id(self) -> uuid.UUID:
        return uuid.UUID(bytes=self.data[1:HEADER_BYTES])

    def to_text(self) -> str:
        """Text form for dumps and exports: still ciphertext."""
        return TEXT_PREFIX + base64.b64encode(self.data).decode("ascii")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SealedValue) and other.data == self.data

    def __hash__(self) -> int:
        return hash(self.data)

    def __repr__(self) -> str:
        return f"<SealedValue key={self.key_id} {len(self.data)} bytes>"

    __str__ = to_text


def associated_data(header: bytes, label: str, row_id: uuid.UUID) -> bytes:
    return header + label.encode("utf-8") + b"\x00" + row_id.bytes


def seal(plaintext: bytes, *, cipher: AESGCM, key_id: uuid.UUID, label: str, row_id: uuid.UUID) -> SealedValue:
    header = VERSION_BYTE + key_id.bytes
    nonce = os.urandom(NONCE_BYTES)
    ciphertext = cipher.encrypt(nonce, plaintext, associated_data(header, label, row_id))
    return SealedValue(header + nonce + ciphertext)


def open_sealed(value: SealedValue, *, cipher: AESGCM, label: str, row_id: uuid.UUID) -> bytes:
    """Raises InvalidTag when the value was moved, altered or sealed under another key."""
    data = value.data
    header, nonce, ciphertext = data[:HEADER_BYTES], data[HEADER_BYTES:HEADER_BYTES + NONCE_BYTES], data[
        HEADER_BYTES + NONCE_BYTES:
    ]
    return cipher.decrypt(nonce, ciphertext, associated_data(header, label, row_id))


__all__ = [
    "MIN_LENGTH",
    "VERSION",
    "InvalidTag",
    "MalformedValue",
    "SealedValue",
    "open_sealed",
    "seal",
]
