"""Privacy models: retention (see casework/privacy/models/__init__.py).

- `RetentionPolicy`: how long a case type is kept, counted from which date, on which basis in the
  selection list (selectielijst, Archiefwet) — versioned data with a date of effect, never edited
  once in force (casework/privacy/retention.py).
- `LegalHold`: an explicit hold on one case (litigation, an archive or police request); holds
  also follow from pending objections, appeals and open data-subject requests (holds.py).
- `DestructionBatch`: the cases to destroy, requested by one privacy officer and approved by
  another; `apply_retention --execute --approval ID` executes exactly that batch
  (destruction.py), which then holds the destruction statement (verklaring van vernietiging).
- `Tombstone`: what remains of a destroyed case — type, reference, dates, basis, batch and
  approvers; no personal data. No foreign key to Case (the case is gone), so destroying a case
  never touches batches or tombstones.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from casework import registry
from encryption.constraints import encrypted_column_constraint
from encryption.fields import DataKeyReference, EncryptedTextField

__all__ = ["ArchiveAction", "CountedFrom", "DestructionBatch", "LegalHold", "RetentionBasis", "RetentionPolicy",
           "Tombstone"]


class RetentionBasis(models.TextChoices):
    """Categories of the selection list a destruction rests on (municipal choices, documented in
    docs/privacy/retention-schedule.md): Selectielijst gemeenten en intergemeentelijke organen."""

    CARE_AND_SAFETY = "slgio-zorg-veiligheid", _(
        "Selection list for municipalities: care and safety, case direction (destroy)")
    PUBLIC_ORDER_ENFORCEMENT = "slgio-openbare-orde-handhaving", _(
        "Selection list for municipalities: public order enforcement, administrative sanction (destroy)")
    SPATIAL_ENFORCEMENT = "slgio-ruimtelijke-handhaving", _(
        "Selection list for municipalities: enforcement of spatial rules, penalty order (destroy)")
    ERASURE = "avg-17", _("Erasure at the data subject's request (GDPR art. 17)")


class ArchiveAction(models.TextChoices):
    """What the selection list says happens at the end of the period (Archiefwet art. 3, 5)."""

    DESTROY = "destroy", _("Destroy (vernietigen)")
    KEEP = "keep", _("Keep permanently and transfer to the archive (blijvend bewaren)")


class CountedFrom(models.TextChoices):
    """The general moment a period is counted from; case types add their own (registry `retention_starts`)."""

    CLOSED_ON = "closed_on", _("closure of the case")


class RetentionPolicy(models.Model):
    """One version of the retention period of a case type, in force from `effective_from`."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case_type = models.CharField(_("case type"), max_length=16)  # a registered case type (casework/registry.py)
    years = models.PositiveSmallIntegerField(_("years"))
    # "closed_on" or a moment the case type registered (casework/privacy/retention.py counted_from_choices)
    counted_from = models.CharField(_("counted from"), max_length=16)
    basis = models.CharField(_("basis in the selection list"), max_length=40, choices=RetentionBasis.choices)
    # The selection list's category number and what it prescribes, entered as data by the municipality
    # (the list itself is not available offline); demo values are marked as examples.
    selectielijst_category = models.CharField(_("category number in the selection list"), max_length=32,
                                              blank=True)
    selectielijst_version = models.CharField(_("version of the selection list"), max_length=200, blank=True)
    archive_action = models.CharField(_("archive action"), max_length=8, choices=ArchiveAction.choices,
                                      default=ArchiveAction.DESTROY)
    is_example = models.BooleanField(_("example value (to be confirmed by the records manager)"), default=False)
    explanation = models.TextField(_("explanation (municipal choice)"), blank=True)
    effective_from = models.DateField(_("in force from"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True,
        verbose_name=_("set by"),
    )
    created_at = models.DateTimeField(_("set at"), auto_now_add=True)

    class Meta:
        ordering = ["case_type", "-effective_from"]
        verbose_name = _("retention period")
        verbose_name_plural = _("retention periods")
        constraints = [
            models.UniqueConstraint(fields=["case_type", "effective_from"], name="retention_one_per_day"),
            models.CheckConstraint(condition=models.Q(years__gte=1, years__lte=100), name="retention_years_range"),
        ]

    def __str__(self) -> str:
        return f"{self.case_type}: {self.years} years from {self.counted_from} (from {self.effective_from})"

    def get_case_type_display(self) -> str:
        return registry.label(self.case_type)

    def get_counted_from_display(self) -> str:
        from casework.privacy.retention import counted_from_label

        return counted_from_label(self.counted_from)


class LegalHold(models.Model):
    """An explicit hold: the case is not destroyed while `lifted_at` is empty."""

    class Ground(models.TextChoices):
        LITIGATION = "litigation", _("Litigation or a claim is pending")
        ARCHIVE = "archive", _("Request of the archive keeper (Archiefwet)")
        JUSTICE = "justice", _("Request of the police or the public prosecutor")
        OTHER = "other", _("Other ground (see note)")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    case = models.ForeignKey("casework.Case", on_delete=models.CASCADE, related_name="legal_holds")
    ground = models.CharField(_("ground"), max_length=16, choices=Ground.choices)
    note = EncryptedTextField(_("note"), label="privacy.LegalHold.note", null=True, blank=True)
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    placed_at = models.DateTimeField(_("placed at"))
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)

    class Meta:
        ordering = ["case", "-placed_at"]
        verbose_name = _("legal hold")
        constraints = [encrypted_column_constraint("note")]

    def __str__(self) -> str:
        return f"legal hold {self.case_id} ({self.ground})"


class DestructionBatch(models.Model):
    """The cases of one destruction, with four-eyes approval and, once executed, the statement."""

    class State(models.TextChoices):
        REQUESTED = "requested", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        EXECUTED = "executed", _("Executed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    number = models.PositiveIntegerField(_("number"), unique=True)
    # Plain ids and references (not foreign keys): the cases are deleted, the batch stays.
    case_ids = models.JSONField(_("cases"), default=list)
    case_references = models.JSONField(_("case references"), default=list)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested at"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True,
        verbose_name=_("decided by"),
    )
    approved_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.REQUESTED)
    executed_at = models.DateTimeField(_("executed at"), null=True, blank=True)
    # The draft destruction list goes to the records manager before the batch can be approved.
    draft_exported_at = models.DateTimeField(_("draft list exported at"), null=True, blank=True)
    draft_exported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True,
        verbose_name=_("draft list exported by"),
    )
    statement_pdf = models.BinaryField(_("destruction statement (PDF)"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("destruction batch")
        verbose_name_plural = _("destruction batches")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(approved_by__isnull=True) | ~models.Q(approved_by=models.F("requested_by")),
                name="destruction_four_eyes",
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=["requested", "rejected"])
                | models.Q(approved_by__isnull=False, approved_at__isnull=False),
                name="destruction_approved_has_approver",
            ),
        ]

    def __str__(self) -> str:
        return f"destruction batch {self.number}"


class Tombstone(models.Model):
    """What remains of a destroyed case: no personal data."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case_id = models.UUIDField(_("case id"), unique=True)
    case_type = models.CharField(_("case type"), max_length=16)
    reference = models.CharField(_("reference"), max_length=32)
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    basis = models.CharField(_("basis"), max_length=40, choices=RetentionBasis.choices)
    selectielijst_category = models.CharField(_("category number in the selection list"), max_length=32,
                                              blank=True)
    retention_years = models.PositiveSmallIntegerField(_("retention period (years)"), null=True, blank=True)
    batch = models.ForeignKey(
        DestructionBatch, on_delete=models.PROTECT, related_name="tombstones", null=True, blank=True,
        verbose_name=_("destruction batch"),
    )
    erasure_request_id = models.UUIDField(_("erasure request"), null=True, blank=True)
    requested_by_name = models.CharField(_("requested by"), max_length=255)
    approved_by_name = models.CharField(_("approved by"), max_length=255, blank=True)
    destroyed_at = models.DateTimeField(_("destroyed at"))

    class Meta:
        ordering = ["-destroyed_at", "reference"]
        verbose_name = _("tombstone")
        verbose_name_plural = _("tombstones")

    def __str__(self) -> str:
        return f"tombstone {self.reference}"

    def get_case_type_display(self) -> str:
        return registry.label(self.case_type)
