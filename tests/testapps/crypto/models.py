"""Test-only models (no migrations: the test runner creates their tables).

`Dossier` owns a data key, like a person or case will; `Note` is a child row sealed with its
dossier's key, like a case note. Both keep simple-history copies.
"""

import uuid

from django.core.files.storage import FileSystemStorage
from django.db import models
from simple_history.models import HistoricalRecords

from encryption.blind_index import BlindIndexField
from encryption.constraints import encrypted_column_constraint
from encryption.fields import (
    DataKeyReference,
    EncryptedCharField,
    EncryptedDateField,
    EncryptedJSONField,
    EncryptedTextField,
)
from encryption.storage import EncryptedStorage
from encryption.validators import validate_bsn


def history_records() -> HistoricalRecords:
    """History without a foreign key to the user: `migrate --run-syncdb` creates this unmigrated
    app's tables before the migrated apps' (accounts), which PostgreSQL would refuse."""
    return HistoricalRecords(history_user_id_field=models.UUIDField(null=True, blank=True))


attachment_storage = EncryptedStorage(FileSystemStorage(), label="testapp_crypto.Note.attachment")


class Dossier(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    reference = models.CharField(max_length=20, blank=True)  # not personal data: stays plain
    name = EncryptedCharField(max_length=200, blank=True, default="", label="testapp_crypto.Dossier.name")
    bsn = EncryptedCharField(max_length=9, null=True, blank=True, validators=[validate_bsn],
                             label="testapp_crypto.Dossier.bsn")
    birth_date = EncryptedDateField(null=True, blank=True, label="testapp_crypto.Dossier.birth_date")
    notes = EncryptedTextField(null=True, blank=True, label="testapp_crypto.Dossier.notes")
    extra = EncryptedJSONField(null=True, blank=True, label="testapp_crypto.Dossier.extra")
    bsn_index = BlindIndexField(sources=["bsn"], label="testapp_crypto.Dossier.bsn")
    name_birth_index = BlindIndexField(sources=["name", "birth_date"], label="testapp_crypto.Dossier.name_birth")
    history = history_records()

    class Meta:
        constraints = [
            encrypted_column_constraint(name) for name in ("name", "bsn", "birth_date", "notes", "extra")
        ]

    def __str__(self) -> str:
        return f"Dossier {self.id}"


class Note(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="note_set")
    data_key_id = DataKeyReference()
    text = EncryptedTextField(label="testapp_crypto.Note.text")
    attachment = models.FileField(storage=attachment_storage, blank=True)
    history = history_records()

    class Meta:
        constraints = [encrypted_column_constraint("text")]

    def __str__(self) -> str:
        return f"Note {self.id}"


class MovedNote(models.Model):
    """A note moved here from another model: `origin` names the label its values were sealed under."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    origin = models.CharField(max_length=64, blank=True)
    text = EncryptedTextField(label="testapp_crypto.MovedNote.text", sealed_as="origin")

    class Meta:
        constraints = [encrypted_column_constraint("text")]

    def __str__(self) -> str:
        return f"MovedNote {self.id}"
