"""Damocles procedure (art. 13b Opiumwet): the case detail, police report, assessment, decision.

Parallel legal tracks (announcements per addressee, objections, interim relief, appeals) are
child rows with their own states and deadlines in models/tracks.py, not case states: an
objection does not suspend the decision (Awb 6:16).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.damocles.casetype import PROCESSING_ACTIVITY as DAMOCLES
from casework.damocles.storage import report_storage
from casework.models import Approval, Case, case_row_history
from encryption.constraints import encrypted_column_constraint
from encryption.fields import DataKeyReference, EncryptedCharField, EncryptedTextField

from .policy import PolicyVersion, Sanction, Substance, Unit
from .premises import Premises


class Ground(models.TextChoices):
    SUB_A = "sub_a", _("Art. 13b lid 1 sub a (drugs sold, delivered or present for that)")
    SUB_B = "sub_b", _("Art. 13b lid 1 sub b (objects or substances for preparing drug crime)")


class DamoclesCase(models.Model):
    """The Damocles details of a case: the premises, the assessment and the decision."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="damocles")
    premises = models.ForeignKey(Premises, on_delete=models.PROTECT, related_name="procedures")
    # assessment (beoordeling)
    policy_version = models.ForeignKey(
        PolicyVersion, on_delete=models.PROTECT, related_name="+", null=True, blank=True,
        verbose_name=_("policy version used"),
    )
    offence_number = models.PositiveSmallIntegerField(_("offence number within the window"), null=True, blank=True)
    proposed_sanction = models.CharField(_("proposed sanction"), max_length=10, choices=Sanction.choices, blank=True)
    proposed_days = models.PositiveIntegerField(_("proposed closure (days)"), null=True, blank=True)
    chosen_sanction = models.CharField(_("chosen sanction"), max_length=10, choices=Sanction.choices, blank=True)
    chosen_days = models.PositiveIntegerField(_("closure (days)"), null=True, blank=True)
    deviation_reasons = EncryptedTextField(
        _("reasons for deviating from the policy"), label="damocles.DamoclesCase.deviation_reasons", null=True,
        blank=True,
    )
    geschikt = EncryptedTextField(_("suitable (geschikt)"), label="damocles.DamoclesCase.geschikt", null=True,
                                  blank=True)
    noodzakelijk = EncryptedTextField(
        _("necessary (noodzakelijk)"), label="damocles.DamoclesCase.noodzakelijk", null=True, blank=True,
    )
    evenwichtig = EncryptedTextField(
        _("balanced (evenwichtig)"), label="damocles.DamoclesCase.evenwichtig", null=True, blank=True,
    )
    # intention and view
    view_term_weeks = models.PositiveSmallIntegerField(_("term for a view (weeks)"), default=2)
    intention_sent_on = models.DateField(_("intention sent on"), null=True, blank=True)
    view_due_on = models.DateField(_("view due on"), null=True, blank=True)
    # Who signs the intention letter, recorded with its sending (the same rule as the decision's
    # signatory: casework/letters/clauses.py `signature`; "namens deze" only under mandate).
    intention_signatory = EncryptedCharField(
        _("intention signed by"), max_length=200, label="damocles.DamoclesCase.intention_signatory", null=True,
        blank=True,
    )
    intention_under_mandate = models.BooleanField(_("intention signed in mandate"), default=False)
    # decision (besluit)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    deciding_authority = models.CharField(_("deciding authority"), max_length=100, default="burgemeester")
    signatory = EncryptedCharField(
        _("signed by"), max_length=200, label="damocles.DamoclesCase.signatory", null=True, blank=True,
    )
    # The decision is signed on the mayor's behalf (mandate): the letter then says "namens deze".
    under_mandate = models.BooleanField(_("signed in mandate"), default=False)
    compliance_term_days = models.PositiveIntegerField(_("compliance term (days)"), null=True, blank=True)
    approval = models.ForeignKey(Approval, on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    # urgent closure (Awb 5:31)
    urgent = models.BooleanField(_("urgent closure"), default=False)
    urgency_reason = EncryptedTextField(
        _("reason for urgency"), label="damocles.DamoclesCase.urgency_reason", null=True, blank=True,
    )
    # carrying out the closure
    sealed_on = models.DateField(_("sealed on"), null=True, blank=True)
    order_posted = models.BooleanField(_("order posted on the building"), default=False)
    wkpb_due_on = models.DateField(_("Wkpb registration due"), null=True, blank=True)
    wkpb_registered_on = models.DateField(_("registered in the Wkpb register on"), null=True, blank=True)
    closure_ends_on = models.DateField(_("closure ends on"), null=True, blank=True)
    reopened_on = models.DateField(_("reopened on"), null=True, blank=True)
    costs_recovered = models.DecimalField(
        _("costs recovered (EUR)"), max_digits=10, decimal_places=2, null=True, blank=True,
    )
    # Facts of the case's steps that the figures count by, kept with each step (services/decisions.py
    # `guard_and_apply`) so that counting needs no search through the steps (ADR 0052): the local date
    # of the first step into a warning, a decision or an urgent closure, and whether a warning was given.
    decisive_step_on = models.DateField(_("first warning, decision or urgent closure on"), null=True, blank=True,
                                        editable=False)
    warned = models.BooleanField(_("warning given"), default=False, editable=False)

    history = case_row_history(DAMOCLES)

    class Meta:
        verbose_name = _("Damocles procedure")
        constraints = [
            encrypted_column_constraint(name)
            for name in ("deviation_reasons", "geschikt", "noodzakelijk", "evenwichtig", "signatory",
                         "urgency_reason", "intention_signatory")
        ]

    def __str__(self) -> str:
        return f"Damocles {self.case_id}"


class PoliceReport(models.Model):
    """The police's bestuurlijke rapportage; the document itself is an encrypted attachment."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="police_reports")
    received_on = models.DateField(_("received on"))
    found_on = models.DateField(_("date of the finding"))
    ground = models.CharField(_("ground"), max_length=8, choices=Ground.choices)
    police_reference = EncryptedCharField(
        _("police reference"), max_length=100, label="damocles.PoliceReport.police_reference", null=True, blank=True,
    )
    summary = EncryptedTextField(_("summary of the findings"), label="damocles.PoliceReport.summary", null=True,
                                 blank=True)
    document = models.FileField(_("report (PDF)"), storage=report_storage, upload_to="reports/", null=True,
                                blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = case_row_history(DAMOCLES)

    class Meta:
        verbose_name = _("police report")
        ordering = ["-received_on"]
        constraints = [encrypted_column_constraint("police_reference"), encrypted_column_constraint("summary")]

    def __str__(self) -> str:
        return f"police report {self.case_id} {self.received_on}"


class Finding(models.Model):
    """One substance found, with amount and unit (policy data, not personal data)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    report = models.ForeignKey(PoliceReport, on_delete=models.CASCADE, related_name="findings")
    substance = models.CharField(_("substance"), max_length=20, choices=Substance.choices)
    amount = models.DecimalField(_("amount"), max_digits=10, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)

    class Meta:
        verbose_name = _("finding")
        ordering = ["report", "substance"]
        constraints = [models.CheckConstraint(condition=models.Q(amount__gte=0), name="finding_amount_not_negative")]

    def __str__(self) -> str:
        return f"{self.substance} {self.amount} {self.unit}"
