"""Sharing decisions (gegevensdeling), break-the-glass grants and four-eyes approvals.

These are rows with validity windows that `casework.access.visible_cases` reads directly (not
guardian rows that must be cleaned up), so an expired share or grant ends access by itself.
Texts that may describe a person (purpose, weighing, reasons) are encrypted with the case key.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from audit.activities import CHAIN_SHARING
from encryption.constraints import encrypted_column_constraint
from encryption.fields import DataKeyReference, EncryptedTextField

from .cases import Case, case_row_history


class SharingDecision(models.Model):
    """'Informeer, motiveer, documenteer': what is shared with which partner, why, until when."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="shares", verbose_name=_("case"))
    partner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="shares_received",
        verbose_name=_("partner"),
    )
    categories = models.JSONField(_("categories of data"), default=list)
    processing_activity = models.CharField(_("processing activity"), max_length=64)
    legal_basis = models.CharField(_("legal basis"), max_length=300)
    purpose = EncryptedTextField(_("purpose"), label="casework.SharingDecision.purpose")
    weighing = EncryptedTextField(
        _("weighing of proportionality and subsidiarity"),
        label="casework.SharingDecision.weighing",
    )
    # A category of shielded parties (melders, sources of signals) is shared only with a weighing of
    # its own: why this partner must know who reported (casework/sharing.py validate_share).
    shielded_weighing = EncryptedTextField(
        _("weighing for sharing shielded parties"),
        label="casework.SharingDecision.shielded_weighing",
        null=True,
        blank=True,
    )
    starts_on = models.DateField(_("valid from"))
    ends_on = models.DateField(_("valid until"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    revoke_reason = EncryptedTextField(
        _("reason for revocation"),
        label="casework.SharingDecision.revoke_reason",
        null=True,
        blank=True,
    )
    expiry_recorded_at = models.DateTimeField(null=True, blank=True, editable=False)

    history = case_row_history(CHAIN_SHARING)

    class Meta:
        verbose_name = _("sharing decision")
        verbose_name_plural = _("sharing decisions")
        ordering = ["-decided_at"]
        indexes = [
            models.Index(fields=["partner", "ends_on"], name="share_partner_end_idx"),
            # The share path of casework.access.visible_cases, answered from the index alone
            # (docs/adr/0009): the active shares of a partner and their cases.
            models.Index(fields=["partner", "ends_on", "starts_on", "case"],
                         condition=models.Q(revoked_at__isnull=True), name="share_active_partner_idx"),
            # The sharing register's order (casework/privacy/register.py): its first page is the index's first
            # rows, not a sort of every decision (20,000 at 1M cases: 290 -> 1 ms).
            models.Index(models.F("decided_at").desc(), "id", name="share_register_order_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="share_ends_after_start"
            ),
            encrypted_column_constraint("purpose"),
            encrypted_column_constraint("weighing"),
            encrypted_column_constraint("revoke_reason"),
            encrypted_column_constraint("shielded_weighing"),
        ]

    def __str__(self) -> str:
        return f"share {self.case_id} -> {self.partner_id}"


class BreakGlassGrant(models.Model):
    """Emergency read access for one user to one case, for a few hours, with a stated reason."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="break_glass_grants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="break_glass_grants")
    reason = EncryptedTextField(_("reason"), label="casework.BreakGlassGrant.reason")
    granted_at = models.DateTimeField()
    expires_at = models.DateTimeField()

    class Meta:
        verbose_name = _("break-the-glass access")
        verbose_name_plural = _("break-the-glass accesses")
        ordering = ["-granted_at"]
        indexes = [models.Index(fields=["user", "expires_at"], name="breakglass_user_exp_idx")]
        constraints = [encrypted_column_constraint("reason")]

    def __str__(self) -> str:
        return f"break-glass {self.user_id} on {self.case_id}"


# What a four-eyes approval can be about (subject code -> label); case types add theirs here.
APPROVAL_SUBJECTS = {
    "damocles.besluit": _("Damocles decision (closure order)"),
}


class Approval(models.Model):
    """Four-eyes approval of a decision with legal effect; the approver is another team lead."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="approvals")
    subject = models.CharField(_("what is approved"), max_length=64)
    payload = models.JSONField(default=dict, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField()
    decision = models.CharField(max_length=16, choices=Decision.choices, default=Decision.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = EncryptedTextField(_("reason"), label="casework.Approval.reason", null=True, blank=True)

    class Meta:
        verbose_name = _("approval")
        verbose_name_plural = _("approvals")
        ordering = ["-requested_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(decided_by=models.F("requested_by")),
                name="approval_four_eyes",
            ),
            encrypted_column_constraint("reason"),
        ]

    def __str__(self) -> str:
        return f"approval {self.subject} on {self.case_id}: {self.decision}"

    @property
    def subject_label(self) -> str:
        return str(APPROVAL_SUBJECTS.get(self.subject, self.subject))
