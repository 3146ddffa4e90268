"""The gedragsaanwijzing (art. 151d Gemeentewet) and the closure (art. 174a Gemeentewet), with the
checks of compliance and the acts of bestuursdwang that enforce them.

A gedragsaanwijzing IS a last onder bestuursdwang (art. 151d, the APV article; art. 125
Gemeentewet, Awb 5:21) or, under Awb 5:32 lid 1, a last onder dwangsom instead — one decision, not a
decision with an order attached. It names the behaviour ordered or forbidden, its addressees, the
APV article (data with a date of effect), a duration within the APV maximum and the
begunstigingstermijn (Awb 5:24 lid 2, 5:32a) counted per addressee from their announcement; a
dwangsom has its amount and maximum (5:32b). Four eyes: imposing needs an approved
`casework.Approval`. Forfeitures and collection are the core's penalties (`order_type`
"woonoverlast.BehaviouralOrder"); announcements and remedies the core's remedies.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.models import Approval, Case, Person, case_row_history
from casework.penalties.models import Forfeiture
from casework.woonoverlast.casetype import PROCESSING_ACTIVITY
from casework.woonoverlast.models.base import CaseRow
from encryption.constraints import encrypted_column_constraint
from encryption.fields import EncryptedCharField, EncryptedTextField

from .files import ApvArticle, Intention


class DecisionState(models.TextChoices):
    DRAFT = "draft", _("Draft (awaiting approval)")
    IMPOSED = "imposed", _("Imposed")
    ENDED = "ended", _("Ended")
    REVOKED = "revoked", _("Revoked")


class Enforcement(models.TextChoices):
    BESTUURSDWANG = "bestuursdwang", _("Order under administrative enforcement (last onder bestuursdwang)")
    DWANGSOM = "dwangsom", _("Order subject to a penalty (last onder dwangsom, Awb 5:32 lid 1)")


class AddresseeCapacity(models.TextChoices):
    OCCUPANT = "occupant", _("Occupant causing the nuisance")
    LANDLORD = "landlord", _("Whoever lets the dwelling (art. 151d lid 2)")


class PenaltyForm(models.TextChoices):
    LUMP_SUM = "lump_sum", _("Lump sum")
    PER_TIME_UNIT = "per_time_unit", _("Per time unit")
    PER_VIOLATION = "per_violation", _("Per violation")


class TimeUnit(models.TextChoices):
    DAY = "day", _("per day")
    WEEK = "week", _("per week")


class BehaviouralOrder(CaseRow):
    """Gedragsaanwijzing: a last onder bestuursdwang or dwangsom under art. 151d Gemeentewet."""

    State = DecisionState

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="woonoverlast_orders")
    intention = models.ForeignKey(Intention, on_delete=models.PROTECT, related_name="+", null=True, blank=True,
                                  verbose_name=_("intention"))
    apv_article = models.ForeignKey(ApvArticle, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("APV article"))
    addressees = models.ManyToManyField(Person, related_name="+", verbose_name=_("addressees"))
    addressee_capacity = models.CharField(_("addressed as"), max_length=10, choices=AddresseeCapacity.choices)
    behaviour = EncryptedTextField(_("behaviour ordered or forbidden"), label="woonoverlast.BehaviouralOrder.behaviour")
    enforcement = models.CharField(_("form of the order"), max_length=16, choices=Enforcement.choices)
    duration_weeks = models.PositiveSmallIntegerField(_("duration (weeks)"))
    compliance_term_days = models.PositiveIntegerField(_("compliance term (days)"))
    penalty_form = models.CharField(_("penalty form"), max_length=16, choices=PenaltyForm.choices, blank=True)
    amount = models.DecimalField(_("amount (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True)
    time_unit = models.CharField(_("time unit"), max_length=8, choices=TimeUnit.choices, blank=True)
    maximum = models.DecimalField(_("maximum (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True)
    urgent = models.BooleanField(_("urgent (no intention)"), default=False)
    urgency_reason = EncryptedTextField(_("reason for urgency"), label="woonoverlast.BehaviouralOrder.urgency_reason",
                                        null=True, blank=True)
    approval = models.ForeignKey(Approval, on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    starts_on = models.DateField(_("in force from"), null=True, blank=True)
    ends_on = models.DateField(_("in force until"), null=True, blank=True)
    signatory = EncryptedCharField(_("signed by"), max_length=200, label="woonoverlast.BehaviouralOrder.signatory",
                                   null=True, blank=True)
    under_mandate = models.BooleanField(_("signed in mandate (namens deze)"), default=False)
    state = models.CharField(_("state"), max_length=16, choices=DecisionState.choices, default=DecisionState.DRAFT)

    history = case_row_history(PROCESSING_ACTIVITY)

    class Meta:
        verbose_name = _("gedragsaanwijzing")
        ordering = ["case", "created_at"]
        constraints = [
            encrypted_column_constraint("behaviour"),
            encrypted_column_constraint("urgency_reason"),
            encrypted_column_constraint("signatory"),
            models.CheckConstraint(condition=models.Q(compliance_term_days__gt=0),
                                   name="woonoverlast_order_compliance_term_positive"),
            models.CheckConstraint(condition=models.Q(duration_weeks__gt=0),
                                   name="woonoverlast_order_duration_positive"),
            models.CheckConstraint(
                condition=(models.Q(enforcement="dwangsom", amount__gt=0, maximum__gte=models.F("amount"))
                           & ~models.Q(penalty_form=""))
                | models.Q(enforcement="bestuursdwang", amount__isnull=True, maximum__isnull=True, penalty_form="",
                           time_unit=""),
                name="woonoverlast_order_penalty_only_with_dwangsom",
            ),
            models.CheckConstraint(condition=models.Q(urgent=False) | models.Q(urgency_reason__isnull=False),
                                   name="woonoverlast_order_urgent_has_reason"),
            models.CheckConstraint(condition=~models.Q(state__in=["imposed", "ended"])
                                   | models.Q(decided_on__isnull=False), name="woonoverlast_order_imposed_has_date"),
        ]

    def __str__(self) -> str:
        return f"gedragsaanwijzing {self.case_id} {self.created_at:%Y-%m-%d}"

    @property
    def forfeitures(self) -> Any:
        return Forfeiture.objects.of_order(self)


class Closure(CaseRow):
    """Closure of the dwelling under art. 174a Gemeentewet: a decision of its own, with its duration
    (lid 3, extendable), the term to end the disturbance given at announcement (lid 4, not when
    urgent) and the cost recovery of bestuursdwang (Awb 5:25-5:28)."""

    State = DecisionState

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="woonoverlast_closures")
    intention = models.ForeignKey(Intention, on_delete=models.PROTECT, related_name="+", null=True, blank=True,
                                  verbose_name=_("intention"))
    addressees = models.ManyToManyField(Person, related_name="+", verbose_name=_("addressees"))
    grounds = EncryptedTextField(_("serious disturbance of public order (grounds)"),
                                 label="woonoverlast.Closure.grounds")
    duration_weeks = models.PositiveSmallIntegerField(_("duration (weeks)"))
    disturbance_term_days = models.PositiveSmallIntegerField(_("term to end the disturbance (days)"), null=True,
                                                             blank=True)
    urgent = models.BooleanField(_("urgent (no intention)"), default=False)
    urgency_reason = EncryptedTextField(_("reason for urgency"), label="woonoverlast.Closure.urgency_reason",
                                        null=True, blank=True)
    approval = models.ForeignKey(Approval, on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    starts_on = models.DateField(_("closed from"), null=True, blank=True)
    ends_on = models.DateField(_("closed until"), null=True, blank=True)
    extension_weeks = models.PositiveSmallIntegerField(_("extended by (weeks)"), default=0)
    extension_ground = EncryptedTextField(_("ground for the extension"), label="woonoverlast.Closure.extension_ground",
                                          null=True, blank=True)
    extended_on = models.DateField(_("extension decided on"), null=True, blank=True)
    costs_amount = models.DecimalField(_("costs recovered (EUR)"), max_digits=12, decimal_places=2, null=True,
                                       blank=True)
    costs_specification = EncryptedTextField(_("specification of the costs"),
                                             label="woonoverlast.Closure.costs_specification", null=True, blank=True)
    costs_decided_on = models.DateField(_("cost recovery decided on"), null=True, blank=True)
    costs_signatory = EncryptedCharField(_("cost recovery signed by"), max_length=200,
                                         label="woonoverlast.Closure.costs_signatory", null=True, blank=True)
    costs_under_mandate = models.BooleanField(_("cost recovery signed in mandate (namens deze)"), default=False)
    signatory = EncryptedCharField(_("signed by"), max_length=200, label="woonoverlast.Closure.signatory",
                                   null=True, blank=True)
    under_mandate = models.BooleanField(_("signed in mandate (namens deze)"), default=False)
    state = models.CharField(_("state"), max_length=16, choices=DecisionState.choices, default=DecisionState.DRAFT)

    history = case_row_history(PROCESSING_ACTIVITY)

    class Meta:
        verbose_name = _("closure (art. 174a Gemeentewet)")
        ordering = ["case", "created_at"]
        constraints = [
            encrypted_column_constraint("grounds"),
            encrypted_column_constraint("urgency_reason"),
            encrypted_column_constraint("extension_ground"),
            encrypted_column_constraint("costs_specification"),
            encrypted_column_constraint("costs_signatory"),
            encrypted_column_constraint("signatory"),
            models.CheckConstraint(condition=models.Q(costs_amount__isnull=True, costs_decided_on__isnull=True)
                                   | models.Q(costs_amount__gt=0, costs_decided_on__isnull=False),
                                   name="woonoverlast_closure_costs_amount_and_date"),
            models.CheckConstraint(condition=models.Q(duration_weeks__gt=0),
                                   name="woonoverlast_closure_duration_positive"),
            models.CheckConstraint(condition=models.Q(urgent=False) | models.Q(urgency_reason__isnull=False),
                                   name="woonoverlast_closure_urgent_has_reason"),
            models.CheckConstraint(condition=models.Q(urgent=True) | models.Q(disturbance_term_days__gt=0),
                                   name="woonoverlast_closure_term_unless_urgent"),
            models.CheckConstraint(condition=models.Q(extension_weeks=0) | models.Q(extension_ground__isnull=False),
                                   name="woonoverlast_closure_extension_has_ground"),
            models.CheckConstraint(condition=~models.Q(state__in=["imposed", "ended"])
                                   | models.Q(decided_on__isnull=False), name="woonoverlast_closure_imposed_has_date"),
        ]

    def __str__(self) -> str:
        return f"closure {self.case_id} {self.created_at:%Y-%m-%d}"


class ComplianceCheck(CaseRow):
    """Monitoring: was the gedragsaanwijzing complied with? A check that finds it was not is the
    basis of a forfeiture (the core's penalties, `basis_type` "woonoverlast.ComplianceCheck")."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="woonoverlast_checks")
    order = models.ForeignKey(BehaviouralOrder, on_delete=models.PROTECT, related_name="checks",
                              verbose_name=_("gedragsaanwijzing"))
    checked_on = models.DateField(_("checked on"))
    complied = models.BooleanField(_("complied with"))
    findings = EncryptedTextField(_("findings"), label="woonoverlast.ComplianceCheck.findings")

    history = case_row_history(PROCESSING_ACTIVITY)

    class Meta:
        verbose_name = _("compliance check")
        ordering = ["case", "checked_on", "created_at"]
        constraints = [encrypted_column_constraint("findings")]

    def __str__(self) -> str:
        return f"check {self.case_id} {self.checked_on}"


class EnforcementAct(CaseRow):
    """Bestuursdwang carried out (the municipality acts itself, Awb 5:21), under a gedragsaanwijzing
    or a closure; never before the compliance term ended for every addressee, except urgent
    bestuursdwang (Awb 5:31) with its reasons."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="woonoverlast_enforcement_acts")
    order = models.ForeignKey(BehaviouralOrder, on_delete=models.PROTECT, related_name="+", null=True, blank=True,
                              verbose_name=_("gedragsaanwijzing"))
    closure = models.ForeignKey(Closure, on_delete=models.PROTECT, related_name="+", null=True, blank=True,
                                verbose_name=_("closure"))
    carried_out_on = models.DateField(_("carried out on"))
    urgent = models.BooleanField(_("urgent (Awb 5:31)"), default=False)
    urgency_reason = EncryptedTextField(_("reason for urgency"), label="woonoverlast.EnforcementAct.urgency_reason",
                                        null=True, blank=True)
    description = EncryptedTextField(_("what was done"), label="woonoverlast.EnforcementAct.description")
    costs = models.DecimalField(_("costs (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True)

    history = case_row_history(PROCESSING_ACTIVITY)

    class Meta:
        verbose_name = _("act of administrative enforcement")
        ordering = ["case", "carried_out_on", "created_at"]
        constraints = [
            encrypted_column_constraint("urgency_reason"),
            encrypted_column_constraint("description"),
            models.CheckConstraint(condition=models.Q(order__isnull=False, closure__isnull=True)
                                   | models.Q(order__isnull=True, closure__isnull=False),
                                   name="woonoverlast_act_one_decision"),
            models.CheckConstraint(condition=models.Q(urgent=False) | models.Q(urgency_reason__isnull=False),
                                   name="woonoverlast_act_urgent_has_reason"),
        ]

    def __str__(self) -> str:
        return f"enforcement {self.case_id} {self.carried_out_on}"
