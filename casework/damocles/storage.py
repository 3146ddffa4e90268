"""Where Damocles attachments live: encrypted storage under MEDIA_ROOT/damocles.

The FileFields get the callables, so migrations reference a function rather than a
machine-specific absolute path; the callables return one shared instance each.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import FileSystemStorage

from encryption.storage import EncryptedStorage

report_files = EncryptedStorage(FileSystemStorage(location=settings.MEDIA_ROOT / "damocles"),
                                label="damocles.PoliceReport.document")
letter_files = EncryptedStorage(FileSystemStorage(location=settings.MEDIA_ROOT / "damocles"),
                                label="damocles.Letter.pdf")


def report_storage() -> EncryptedStorage:
    return report_files


def letter_storage() -> EncryptedStorage:
    return letter_files
