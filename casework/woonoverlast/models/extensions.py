"""The extension of a closure under art. 174a lid 3 Gemeentewet: a decision of its own, with four
eyes like the closure itself (ADR 0018). Drafted with its weeks and ground, approved by a team lead
(`casework.Approval`, subject "woonoverlast.closure_extension"), then decided while the closure is
in force; deciding it moves the closure's last day (`Closure.ends_on`, `extension_weeks`)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.models import Approval, Case, case_row_history
from casework.woonoverlast.casetype import PROCESSING_ACTIVITY
from casework.woonoverlast.models.base import CaseRow
from encryption.constraints import encrypted_column_constraint
from encryption.fields import EncryptedCharField, EncryptedTextField

from .orders import Closure, DecisionState


class ClosureExtension(CaseRow):
    """Verlenging van een sluiting (art. 174a lid 3): draft, approved, then decided (imposed)."""

    State = DecisionState

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="woonoverlast_extensions")
    closure = models.ForeignKey(Closure, on_delete=models.PROTECT, related_name="extensions",
                                verbose_name=_("closure"))
    weeks = models.PositiveSmallIntegerField(_("extension (weeks)"))
    ground = EncryptedTextField(_("ground for the extension"), label="woonoverlast.ClosureExtension.ground")
    approval = models.ForeignKey(Approval, on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    decided_on = models.DateField(_("extension decided on"), null=True, blank=True)
    ends_on = models.DateField(_("closed until (extended)"), null=True, blank=True)
    signatory = EncryptedCharField(_("signed by"), max_length=200, label="woonoverlast.ClosureExtension.signatory",
                                   null=True, blank=True)
    under_mandate = models.BooleanField(_("signed in mandate (namens deze)"), default=False)
    state = models.CharField(_("state"), max_length=16, choices=DecisionState.choices, default=DecisionState.DRAFT)

    history = case_row_history(PROCESSING_ACTIVITY)

    class Meta:
        verbose_name = _("extension of a closure (art. 174a lid 3)")
        ordering = ["case", "created_at"]
        constraints = [
            encrypted_column_constraint("ground"),
            encrypted_column_constraint("signatory"),
            models.CheckConstraint(condition=models.Q(weeks__gt=0), name="woonoverlast_extension_weeks_positive"),
            models.CheckConstraint(condition=~models.Q(state__in=["imposed", "ended"])
                                   | models.Q(decided_on__isnull=False, ends_on__isnull=False,
                                              signatory__isnull=False),
                                   name="woonoverlast_extension_imposed_has_date"),
        ]

    def __str__(self) -> str:
        return f"extension {self.case_id} {self.weeks}w"
