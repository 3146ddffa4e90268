"""PGA case (persoonsgerichte aanpak): referral, triage, case conferences, plan, monitoring.

The detail model extends the one concrete `Case` table one-to-one; conferences, agreements and
plan versions are child rows sealed with the case's data key.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from casework.models import Case, case_row_history
from casework.pga.casetype import PROCESSING_ACTIVITY as PGA_PROCESREGIE
from encryption.constraints import encrypted_column_constraint
from encryption.fields import DataKeyReference, EncryptedJSONField, EncryptedTextField


class Leefgebied(models.TextChoices):
    HOUSING = "housing", _("Housing")
    FINANCES = "finances", _("Finances and debt")
    DAYTIME = "daytime", _("Daytime activity (work, school)")
    PHYSICAL_HEALTH = "physical_health", _("Physical health")
    MENTAL_HEALTH = "mental_health", _("Mental health")
    ADDICTION = "addiction", _("Addiction")
    SOCIAL = "social", _("Family and social network")
    JUSTICE = "justice", _("Justice")


class ClosureReason(models.TextChoices):
    GOALS_REACHED = "doelen_behaald", _("Goals reached")
    REGULAR_CARE = "overdracht_reguliere_keten", _("Handed over to regular care")
    ESCALATED = "escalatie", _("Escalated")
    MOVED = "verhuisd", _("Moved away")
    DECEASED = "overleden", _("Deceased")
    OTHER = "anders", _("Other")


class InformedStatus(models.TextChoices):
    INFORMED = "informed", _("Informed")
    NOT_YET = "not_yet", _("Not yet informed")
    POSTPONED = "postponed", _("Informing postponed")


class PgaCase(models.Model):
    """The PGA details of a case (one row per PGA case)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="pga")
    data_key_id = DataKeyReference()
    aanleiding = EncryptedTextField(_("reason for referral"), label="casework.PgaCase.aanleiding")
    conference_goal = EncryptedTextField(
        _("goal of the case conference"), label="casework.PgaCase.conference_goal", null=True, blank=True,
    )
    partners_to_invite = models.ManyToManyField(
        Organisation, related_name="+", blank=True, verbose_name=_("partners to invite"),
    )
    informed_status = models.CharField(
        _("person informed"), max_length=16, choices=InformedStatus.choices, default=InformedStatus.NOT_YET,
    )
    informed_on = models.DateField(_("informed on"), null=True, blank=True)
    postponement_ground = EncryptedTextField(
        _("ground for postponing"), label="casework.PgaCase.postponement_ground", null=True, blank=True,
    )
    triage_advice = EncryptedTextField(
        _("triage advice"), label="casework.PgaCase.triage_advice", null=True, blank=True,
    )
    escalated = models.BooleanField(_("escalated (bestuurlijk opschalen)"), default=False)
    escalation_reason = EncryptedTextField(
        _("reason for escalation"), label="casework.PgaCase.escalation_reason", null=True, blank=True,
    )
    closure_reason = models.CharField(
        _("closure reason"), max_length=32, choices=ClosureReason.choices, blank=True,
    )
    aftercare_check_on = models.DateField(_("aftercare check on"), null=True, blank=True)
    # The local date of the case's first step into "Accepted", kept by that step (workflow.apply_step) so that
    # the annual figures count approaches started without searching the steps (ADR 0052); set once.
    accepted_on = models.DateField(_("first accepted on"), null=True, blank=True, editable=False)

    history = case_row_history(PGA_PROCESREGIE)

    class Meta:
        verbose_name = _("PGA case")
        constraints = [
            encrypted_column_constraint(name)
            for name in ("aanleiding", "conference_goal", "postponement_ground", "triage_advice", "escalation_reason")
        ]

    def __str__(self) -> str:
        return f"PGA {self.case_id}"


class Conference(models.Model):
    """A case conference (casusoverleg, ICO) with chain partners."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="conferences")
    held_on = models.DateField(_("date"))
    invited = models.ManyToManyField(Organisation, related_name="+", blank=True, verbose_name=_("invited partners"))
    attending = models.ManyToManyField(
        Organisation, related_name="+", blank=True, verbose_name=_("attending partners"),
    )
    minutes = EncryptedTextField(_("minutes"), label="casework.Conference.minutes", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = case_row_history(PGA_PROCESREGIE)

    class Meta:
        verbose_name = _("case conference")
        verbose_name_plural = _("case conferences")
        ordering = ["-held_on"]
        constraints = [encrypted_column_constraint("minutes")]

    def __str__(self) -> str:
        return f"conference {self.case_id} {self.held_on}"


class Agreement(models.Model):
    """An agreement (afspraak) from a conference: who does what by when; monitored until done."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        LATE = "late", _("Late")
        CHANGED = "changed", _("Changed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="agreements")
    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="agreements", null=True, blank=True,
    )
    description = EncryptedTextField(_("agreement"), label="casework.Agreement.description")
    owner_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("owner organisation"),
    )
    due_on = models.DateField(_("due on"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)

    history = case_row_history(PGA_PROCESREGIE)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["due_on"]
        indexes = [
            models.Index(fields=["status", "due_on"], name="agreement_status_due_idx"),
            # a case's open agreements by due date (selectors.OPEN_AGREEMENT_STATUSES): the per-case test of the
            # deadline filters and the overdue count, and a list row's next due date, read from the index alone
            models.Index(fields=["case", "due_on"], condition=models.Q(status__in=["open", "late", "changed"]),
                         name="agreement_open_case_due_idx"),
        ]
        constraints = [encrypted_column_constraint("description")]

    def __str__(self) -> str:
        return f"agreement {self.case_id} due {self.due_on}"


class PlanVersion(models.Model):
    """One version of the integral plan (plan van aanpak); a change appends a new version.

    `goals` is a list of {"leefgebied", "goal", "interventions": [{"description", "partner_id",
    "due_on"}]}, sealed as one JSON value.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="plan_versions")
    number = models.PositiveIntegerField(_("version"))
    goals = EncryptedJSONField(_("goals and interventions"), label="casework.PlanVersion.goals")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = case_row_history(PGA_PROCESREGIE)

    class Meta:
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        ordering = ["case", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="planversion_unique_number"),
            encrypted_column_constraint("goals"),
        ]

    def __str__(self) -> str:
        return f"plan {self.case_id} v{self.number}"


# The monitoring rows (interventions index, zelfredzaamheid, criteria, notes) use Leefgebied above.
from casework.pga.models.monitoring import (  # noqa: E402
    SCORE_MAX,
    SCORE_MIN,
    AgreementNote,
    PlanIntervention,
    SelfRelianceCriterion,
    SelfRelianceMeasurement,
)
from casework.pga.models.partners import PartnerContribution  # noqa: E402

__all__ = [
    "SCORE_MAX", "SCORE_MIN", "Agreement", "AgreementNote", "ClosureReason", "Conference", "InformedStatus",
    "Leefgebied", "PartnerContribution", "PgaCase", "PlanIntervention", "PlanVersion", "SelfRelianceCriterion",
    "SelfRelianceMeasurement",
]
