"""What a chain partner reports back on a shared PGA case: an agreement of its organisation done, or a
monitoring note on it (docs/adr/0031-partner-contributions-under-the-live-share.md).

Each row names the organisation that supplied it, the sharing decision in force at the time and that
decision's processing activity (the purpose and legal basis under which the partner supplies the
data); the text is sealed with the case's data key. The process director marks a contribution seen
(`reviewed_at`); until then it waits on Mijn werk.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from audit.history import ReasonedHistoricalRecords
from casework.models import Case, SharingDecision
from casework.pga.casetype import PROCESSING_ACTIVITY as PGA_PROCESREGIE
from encryption.constraints import encrypted_column_constraint
from encryption.fields import DataKeyReference, EncryptedTextField


def _activity(row: PartnerContribution) -> str:
    """The audit events of a contribution name the processing activity it was supplied under."""
    return row.processing_activity or PGA_PROCESREGIE


class PartnerContribution(models.Model):
    """One contribution of a chain partner to a shared PGA case (about one agreement of its organisation)."""

    class Kind(models.TextChoices):
        DONE = "agreement_done", _("Agreement reported done")
        NOTE = "agreement_note", _("Monitoring note")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="partner_contributions",
                             verbose_name=_("case"))
    agreement = models.ForeignKey("pga.Agreement", on_delete=models.CASCADE, related_name="partner_contributions",
                                  verbose_name=_("agreement"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    text = EncryptedTextField(_("note"), label="casework.PartnerContribution.text")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation"),
    )
    sharing_decision = models.ForeignKey(
        SharingDecision, on_delete=models.CASCADE, related_name="+", verbose_name=_("sharing decision"),
    )
    processing_activity = models.CharField(_("processing activity"), max_length=64)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("reported by"))
    written_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True,
        verbose_name=_("seen by"),
    )
    reviewed_at = models.DateTimeField(_("seen on"), null=True, blank=True)

    history = ReasonedHistoricalRecords(
        audit_processing_activity=_activity,
        audit_subject=lambda row: row.case.person_id,
        audit_case=lambda row: row.case_id,
    )

    class Meta:
        verbose_name = _("partner report")
        verbose_name_plural = _("partner reports")
        ordering = ["written_at"]
        indexes = [models.Index(fields=["case", "reviewed_at"], name="contribution_case_review_idx")]
        constraints = [
            encrypted_column_constraint("text"),
            models.CheckConstraint(condition=Q(kind__in=["agreement_done", "agreement_note"]),
                                   name="contribution_known_kind"),
            models.CheckConstraint(condition=~Q(processing_activity=""), name="contribution_has_activity"),
            models.CheckConstraint(
                condition=Q(reviewed_at__isnull=True, reviewed_by__isnull=True)
                | Q(reviewed_at__isnull=False, reviewed_by__isnull=False),
                name="contribution_review_complete"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} on agreement {self.agreement_id}"
