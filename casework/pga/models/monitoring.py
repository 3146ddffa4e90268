"""PGA monitoring rows: the open interventions of the current plan (an index for deadlines), measurements
of zelfredzaamheid per life domain, the municipality's criteria texts, and monitoring notes per agreement.

docs/adr/0029-plan-interventions-and-self-reliance.md explains why the interventions are both in the
plan version (history) and in `PlanIntervention` (the current ones, queried by date).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from casework.models import Case, case_row_history
from casework.pga.casetype import PROCESSING_ACTIVITY as PGA_PROCESREGIE
from casework.pga.models import Leefgebied
from encryption.constraints import encrypted_column_constraint
from encryption.fields import DataKeyReference, EncryptedJSONField, EncryptedTextField

SCORE_MIN, SCORE_MAX = 1, 5


class PlanIntervention(models.Model):
    """An intervention of the case's current plan version, one row per intervention.

    Written only by `plan_update` from the version it saves (the version keeps the history); the due
    date and the responsible organisation stay plain so the deadline overviews and Mijn werk can
    select the open ones by date in one indexed query. `key` is the intervention's id inside the plan
    JSON, stable from version to version.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="plan_interventions")
    plan_version = models.ForeignKey("pga.PlanVersion", on_delete=models.CASCADE, related_name="+")
    key = models.UUIDField(_("intervention id"))
    description = EncryptedTextField(_("intervention"), label="casework.PlanIntervention.description")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("responsible organisation"),
    )
    due_on = models.DateField(_("due on"))
    done = models.BooleanField(_("done"), default=False)

    history = case_row_history(PGA_PROCESREGIE)

    class Meta:
        verbose_name = _("plan intervention")
        verbose_name_plural = _("plan interventions")
        ordering = ["due_on"]
        indexes = [
            models.Index(fields=["done", "due_on"], name="intervention_done_due_idx"),
            # a case's open interventions by due date (as the agreements' `agreement_open_case_due_idx`)
            models.Index(fields=["case", "due_on"], condition=Q(done=False), name="intervention_open_case_due_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["case", "key"], name="intervention_unique_key"),
            encrypted_column_constraint("description"),
        ]

    def __str__(self) -> str:
        return f"intervention {self.case_id} due {self.due_on}"


class SelfRelianceMeasurement(models.Model):
    """One measurement of zelfredzaamheid: a score from 1 to 5 for each life domain measured that day.

    `scores` ({leefgebied: score}) is sealed as one JSON value: which domains were measured already
    says something about the person (addiction, mental health). The date stays plain (ordering, trend).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="self_reliance_measurements")
    measured_on = models.DateField(_("measured on"))
    scores = EncryptedJSONField(_("scores per life domain"), label="casework.SelfRelianceMeasurement.scores")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = case_row_history(PGA_PROCESREGIE)

    class Meta:
        verbose_name = _("self-reliance measurement")
        verbose_name_plural = _("self-reliance measurements")
        ordering = ["case", "measured_on", "created_at"]
        indexes = [models.Index(fields=["case", "measured_on"], name="selfreliance_case_day_idx")]
        constraints = [encrypted_column_constraint("scores")]

    def __str__(self) -> str:
        return f"self-reliance {self.case_id} {self.measured_on}"


class SelfRelianceCriterion(models.Model):
    """The municipality's own text for one score of one life domain (reference data, no personal data).

    Loaded with `manage.py load_self_reliance_criteria`; without them the product's neutral labels
    (casework/pga/selectors/monitoring.py `SCORE_LABELS`) are shown.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    leefgebied = models.CharField(_("life domain"), max_length=32, choices=Leefgebied.choices)
    score = models.PositiveSmallIntegerField(_("score"))
    text = models.TextField(_("criterion"), max_length=1000)

    class Meta:
        verbose_name = _("self-reliance criterion")
        verbose_name_plural = _("self-reliance criteria")
        ordering = ["organisation", "leefgebied", "score"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "leefgebied", "score"], name="criterion_unique_score"),
            models.CheckConstraint(condition=Q(score__gte=SCORE_MIN, score__lte=SCORE_MAX),
                                   name="criterion_score_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.leefgebied} {self.score}"


class AgreementNote(models.Model):
    """A monitoring note on an agreement (how it goes), under the agreement's category."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="agreement_notes")
    agreement = models.ForeignKey("pga.Agreement", on_delete=models.CASCADE, related_name="notes")
    text = EncryptedTextField(_("monitoring note"), label="casework.AgreementNote.text")
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField(auto_now_add=True)

    history = case_row_history(PGA_PROCESREGIE)

    class Meta:
        verbose_name = _("monitoring note")
        verbose_name_plural = _("monitoring notes")
        ordering = ["written_at"]
        constraints = [encrypted_column_constraint("text")]

    def __str__(self) -> str:
        return f"note on agreement {self.agreement_id}"
