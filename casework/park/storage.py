"""Where park attachments live: encrypted storage under MEDIA_ROOT/park.

The FileField gets the callable, so the migration references a function rather than a
machine-specific absolute path; the callable returns one shared instance.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import FileSystemStorage

from encryption.storage import EncryptedStorage

photo_files = EncryptedStorage(FileSystemStorage(location=settings.MEDIA_ROOT / "park"),
                               label="park.InspectionPhoto.file")


def photo_storage() -> EncryptedStorage:
    return photo_files
