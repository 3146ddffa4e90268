"""Where document files live: encrypted storage under MEDIA_ROOT/documents (casework/park/storage.py's pattern).

The FileField gets the callable, so the migration references a function rather than a machine-specific path.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import FileSystemStorage

from encryption.storage import EncryptedStorage

document_files = EncryptedStorage(FileSystemStorage(location=settings.MEDIA_ROOT / "documents"),
                                  label="documents.DocumentVersion.file")


def document_storage() -> EncryptedStorage:
    return document_files
