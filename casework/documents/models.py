"""A document of a case and its versions.

`Document`: the title (sealed with the case's data key), the sharing category it is kept under (one
of the case type's categories, never metadata), the organisation that brought it in and the
processing activity under which it did, and a soft withdrawal (who, when, why). `DocumentVersion`:
one uploaded file, numbered from 1, sealed with the case's key and bound to its row
(encryption/storage.py), with its checked content type, size and (encrypted) original file name.
Both rows hang from the case (CASCADE): destroying the dossier takes them and their files along.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from audit.history import ReasonedHistoricalRecords
from casework.documents.storage import document_storage
from casework.models import Case
from encryption.constraints import encrypted_column_constraint
from encryption.fields import DataKeyReference, EncryptedCharField, EncryptedTextField


def _history() -> ReasonedHistoricalRecords:
    """Every write is an audit event under the processing activity the row records."""
    return ReasonedHistoricalRecords(
        audit_processing_activity=lambda obj: obj.processing_activity,
        audit_subject=lambda obj: obj.case.person_id,
        audit_case=lambda obj: obj.case_id,
    )


class Document(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    title = EncryptedCharField(_("title"), max_length=200, label="documents.Document.title")
    category = models.CharField(_("category"), max_length=40)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("organisation"))
    processing_activity = models.CharField(_("processing activity"), max_length=64)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                     null=True, blank=True)
    withdraw_reason = EncryptedTextField(_("reason for withdrawal"), label="documents.Document.withdraw_reason",
                                         null=True, blank=True)

    history = _history()

    class Meta:
        verbose_name = _("document")
        ordering = ["case", "-created_at"]
        indexes = [models.Index(fields=["case", "category"], name="document_case_category")]
        constraints = [
            encrypted_column_constraint("title"),
            encrypted_column_constraint("withdraw_reason"),
            models.CheckConstraint(name="document_category_set", condition=~Q(category="") & ~Q(category="metadata")
                                   & ~Q(category="internal")),
            models.CheckConstraint(name="document_activity_set", condition=~Q(processing_activity="")),
            models.CheckConstraint(
                name="document_withdrawal_whole",
                condition=Q(withdrawn_at__isnull=True, withdrawn_by__isnull=True, withdraw_reason__isnull=True)
                | Q(withdrawn_at__isnull=False, withdrawn_by__isnull=False, withdraw_reason__isnull=False)),
        ]

    def __str__(self) -> str:
        return f"document {self.pk} of {self.case_id}"

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_at is not None


class DocumentVersion(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="document_versions")
    number = models.PositiveSmallIntegerField(_("version"))
    file = models.FileField(_("file"), storage=document_storage, upload_to="files/", max_length=200)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    filename = EncryptedCharField(_("file name"), max_length=200, label="documents.DocumentVersion.filename")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("organisation"))
    processing_activity = models.CharField(_("processing activity"), max_length=64)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    history = _history()

    class Meta:
        verbose_name = _("document version")
        ordering = ["document", "number"]
        constraints = [
            encrypted_column_constraint("filename"),
            models.UniqueConstraint(fields=["document", "number"], name="document_version_number_unique"),
            models.CheckConstraint(name="document_version_number_positive", condition=Q(number__gte=1)),
            models.CheckConstraint(name="document_version_size_positive", condition=Q(size__gte=1)),
            models.CheckConstraint(name="document_version_activity_set", condition=~Q(processing_activity="")),
        ]

    def __str__(self) -> str:
        return f"version {self.number} of {self.document_id}"
