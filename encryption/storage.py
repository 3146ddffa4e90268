"""A storage wrapper that seals attachment bytes with the dossier's data key.

Files at rest look like `ZVF1 | data-key id | owner row id | nonce | ciphertext+tag`; associated
data = that header + a constant label, so a file cannot be re-labelled or moved to another row
unnoticed (`open_for(name, owner_id=...)` checks the owner). Shredding the dossier key makes the
files unreadable like every other value. Store under random names: a file name is not encrypted.

    storage = EncryptedStorage(FileSystemStorage(location=...), label="casework.Attachment.file")
    attachment.file.save(f"{uuid4()}.bin", sealed_content(upload, data_key_id=..., owner_id=attachment.id))
"""

from __future__ import annotations

import os
import uuid
from typing import Any

from cryptography.exceptions import InvalidTag
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage
from django.utils.deconstruct import deconstructible

from encryption.exceptions import DataKeyUnavailable, DecryptionError, UnsealedValueError
from encryption.resolver import data_cipher

MAGIC = b"ZVF1"
HEADER_BYTES = len(MAGIC) + 16 + 16
NONCE_BYTES = 12


class SealedUpload(File):
    """Content plus the key and owner it must be sealed for (what `EncryptedStorage` requires)."""

    def __init__(self, content: Any, *, data_key_id: uuid.UUID, owner_id: uuid.UUID) -> None:
        super().__init__(content, name=getattr(content, "name", None))
        self.data_key_id = data_key_id
        self.owner_id = owner_id


def sealed_content(content: Any, *, data_key_id: uuid.UUID, owner_id: uuid.UUID) -> SealedUpload:
    if isinstance(content, bytes):
        content = ContentFile(content)
    return SealedUpload(content, data_key_id=data_key_id, owner_id=owner_id)


@deconstructible
class EncryptedStorage(Storage):
    def __init__(self, inner: Storage | None = None, *, label: str) -> None:
        self.inner = inner if inner is not None else default_storage
        self.label = label

    # --- sealing ------------------------------------------------------------------------------
    def _seal(self, data: bytes, *, data_key_id: uuid.UUID, owner_id: uuid.UUID) -> bytes:
        header = MAGIC + data_key_id.bytes + owner_id.bytes
        nonce = os.urandom(NONCE_BYTES)
        return header + nonce + data_cipher(data_key_id).encrypt(nonce, data, header + self.label.encode())

    def _unseal(self, blob: bytes, *, owner_id: uuid.UUID | None = None) -> bytes:
        where = f"attachment ({self.label})"
        if len(blob) < HEADER_BYTES + NONCE_BYTES + 16 or blob[: len(MAGIC)] != MAGIC:
            raise DecryptionError(where, "not a sealed file")
        header, nonce, body = blob[:HEADER_BYTES], blob[HEADER_BYTES:HEADER_BYTES + NONCE_BYTES], blob[
            HEADER_BYTES + NONCE_BYTES:
        ]
        key_id, stored_owner = uuid.UUID(bytes=header[4:20]), uuid.UUID(bytes=header[20:36])
        if owner_id is not None and stored_owner != owner_id:
            raise DecryptionError(where, "file belongs to another row")
        try:
            return data_cipher(key_id).decrypt(nonce, body, header + self.label.encode())
        except DataKeyUnavailable as exc:
            raise DecryptionError(where, f"data key {exc.reason}") from None
        except InvalidTag:
            raise DecryptionError(where, "authentication failed: other key or label, or altered") from None

    # --- Storage API ----------------------------------------------------------------------------
    def _save(self, name: str, content: Any) -> str:
        if not isinstance(content, SealedUpload):
            raise UnsealedValueError("EncryptedStorage only stores sealed_content(...) (it needs the data key)")
        if hasattr(content, "seek"):
            content.seek(0)
        blob = self._seal(content.read(), data_key_id=content.data_key_id, owner_id=content.owner_id)
        return self.inner.save(name, ContentFile(blob))

    def _open(self, name: str, mode: str = "rb") -> File:
        if any(flag in mode for flag in "wa+"):
            raise ValueError("encrypted files are written with save(), never opened for writing")
        with self.inner.open(name, "rb") as handle:
            blob = handle.read()
        return ContentFile(self._unseal(blob), name=name)

    def open_for(self, name: str, *, owner_id: uuid.UUID) -> File:
        """Open and check that the file was sealed for this row."""
        with self.inner.open(name, "rb") as handle:
            blob = handle.read()
        return ContentFile(self._unseal(blob, owner_id=owner_id), name=name)

    def delete(self, name: str) -> None:
        self.inner.delete(name)

    def exists(self, name: str) -> bool:
        return self.inner.exists(name)

    def listdir(self, path: str) -> tuple[list[str], list[str]]:
        return self.inner.listdir(path)

    def size(self, name: str) -> int:
        """Size at rest (ciphertext: plaintext + 48 bytes)."""
        return self.inner.size(name)

    def get_available_name(self, name: str, max_length: int | None = None) -> str:
        return self.inner.get_available_name(name, max_length=max_length)

    def url(self, name: str | None) -> str:
        raise NotImplementedError("encrypted attachments are served by a view that checks access, never by URL")

    def path(self, name: str) -> str:
        raise NotImplementedError("an encrypted file has no plaintext path on disk")

    def reseal(self, name: str, *, new_key_id: uuid.UUID) -> None:
        """Re-encrypt a stored file under another data key, keeping its name and owner."""
        with self.inner.open(name, "rb") as handle:
            blob = handle.read()
        owner_id = uuid.UUID(bytes=blob[20:36]) if len(blob) >= HEADER_BYTES else None
        plaintext = self._unseal(blob)
        assert owner_id is not None  # noqa: S101 - _unseal rejected short blobs
        sealed = self._seal(plaintext, data_key_id=new_key_id, owner_id=owner_id)
        self.inner.delete(name)
        saved = self.inner.save(name, ContentFile(sealed))
        if saved != name:
            raise RuntimeError("storage renamed a re-sealed file; its row still names the old file")
