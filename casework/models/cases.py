"""One concrete Case table that every case type extends through a one-to-one detail model.

Permissions, shares, break-the-glass grants and approvals all point at `Case`, so every case type
shares one indexed access path (django-guardian's direct foreign-key tables below; its generic
tables would cast keys to text and lose the index). `status` is a cached copy of the latest
`CaseStep`, written only by the transition engine (casework/workflow.py).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import BooleanField, ExpressionWrapper, F, Q
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from accounts.models import Organisation, Team
from audit.history import ReasonedHistoricalRecords
from casework import registry
from encryption.constraints import encrypted_column_constraint
from encryption.fields import DataKeyReference, EncryptedJSONField, EncryptedTextField

from .persons import Person


def processing_activity_of(case: Case) -> str:
    """The processing activity of the case's type (casework/registry.py)."""
    return registry.get(case.case_type).processing_activity


def case_row_history(processing_activity: str) -> ReasonedHistoricalRecords:
    """History for a row that belongs to one case: required reasons, and audit events that name
    the case and its data subject (the case's person)."""
    return ReasonedHistoricalRecords(
        audit_processing_activity=processing_activity,
        audit_subject=lambda obj: obj.case.person_id,
        audit_case=lambda obj: obj.case_id,
    )


class Case(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    # A registered case type's code (casework/registry.py); no choices here, so adding a type
    # needs no migration of the core.
    case_type = models.CharField(_("case type"), max_length=16)
    reference = models.CharField(_("reference"), max_length=32, unique=True)
    status = models.CharField(_("status"), max_length=40)
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="cases", null=True, blank=True, verbose_name=_("person"),
    )
    controller = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="controlled_cases", verbose_name=_("controller"),
    )
    joint_controllers = models.ManyToManyField(
        Organisation, related_name="jointly_controlled_cases", blank=True, verbose_name=_("joint controllers"),
    )
    referring_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="referred_cases", null=True, blank=True,
        verbose_name=_("referring organisation"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_cases", verbose_name=_("owner"),
    )
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="cases", null=True, blank=True, verbose_name=_("team"),
    )
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    # A copy of `person.restricted` (AVG 18) kept by the database, never by the application: triggers set it on
    # every insert and update of a case, whatever the instance held, and on every change of the person's
    # restriction (migration 0014, ADR 0046). The visibility filter tests it on the case row instead of looking
    # up the person (at 1,000,000 cases the mixed list's page query 7.5 -> 3.1 ms). Read `person.restricted`
    # in Python: an instance may be older than its row.
    person_restricted = models.BooleanField(_("person's processing restricted"), default=False, editable=False)

    history = ReasonedHistoricalRecords(
        audit_processing_activity=processing_activity_of,
        audit_subject=lambda case: case.person_id,
        audit_case=lambda case: case.pk,
        excluded_fields=["person_restricted"],  # the person's history holds the restriction
    )

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-opened_on", "reference"]
        indexes = [
            models.Index(fields=["owner", "status"], name="case_owner_status_idx"),
            models.Index(fields=["team", "status"], name="case_team_status_idx"),
            models.Index(fields=["case_type", "status"], name="case_type_status_idx"),
            # The owner's and the team's path of the visibility filter, of one type or all: a case list reads
            # the id, sort columns and the rest of the filter of every case the path reaches (to count them)
            # from these indexes alone, PostgreSQL's index-only scan (casework/paging.py, ADR 0048; at
            # 1,000,000 cases the mixed list's page query 4.8 -> 2.4 ms). SQLite ignores INCLUDE (settings:
            # models.W040 silenced).
            models.Index(fields=["owner", "case_type"], name="case_owner_list_idx",
                         include=["id", "opened_on", "reference", "status", "person_restricted", "team"]),
            models.Index(fields=["team", "case_type"], name="case_team_list_idx",
                         include=["id", "opened_on", "reference", "status", "person_restricted", "owner"]),
            # The list's default order, for a path that reaches most cases (a team lead's organisation): its first
            # page is the first rows of this index that pass the filter, not a sort of every case (at 1,000,000
            # cases 121 -> 0.3 ms; casework/paging.py, ADR 0050).
            models.Index(fields=["-opened_on", "reference"], name="case_opened_list_idx"),
            # A type's list of open cases first, then the newest (the signals list), for a path that reaches most
            # cases of the type: "closed or not" as its own term, as SQLite builds no index with NULLS FIRST (at
            # 1,000,000 cases a team lead's signals list 144 -> 27 ms; ADR 0050).
            models.Index(F("case_type"), ExpressionWrapper(Q(closed_on__isnull=False), output_field=BooleanField()),
                         F("closed_on"), F("opened_on").desc(), F("reference").desc(), name="case_type_open_first_idx"),
            # The open cases a team lead may count, by type and status: what the visibility filter's subquery of an
            # organisation's open cases of one type reads (the park overview's objects with an open file: at
            # 1,000,000 cases 307 -> 238 ms a page). Made for the team lead's counts per status, which the database
            # now keeps as cases change (ADR 0057).
            models.Index(fields=["controller", "case_type", "status", "id"], name="case_open_status_idx",
                         condition=Q(closed_on__isnull=True, person_restricted=False)),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True) | models.Q(closed_on__gte=models.F("opened_on")),
                name="case_closed_after_opened",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_closed(self) -> bool:
        return self.closed_on is not None

    @property
    def case_type_label(self) -> str:
        return registry.label(self.case_type)

    def get_case_type_display(self) -> str:
        """As Django's display method for a field with choices (templates call it)."""
        return self.case_type_label


class CaseUserObjectPermission(UserObjectPermissionBase):
    """guardian: per-case permission for one user (direct foreign key, indexed)."""

    content_object = models.ForeignKey(Case, on_delete=models.CASCADE)


class CaseGroupObjectPermission(GroupObjectPermissionBase):
    """guardian: per-case permission for a group (direct foreign key, indexed)."""

    content_object = models.ForeignKey(Case, on_delete=models.CASCADE)


class CaseStep(models.Model):
    """One status change, appended by the transition engine; never updated or deleted."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="steps")
    sequence = models.PositiveIntegerField()
    from_status = models.CharField(max_length=40, blank=True)
    to_status = models.CharField(max_length=40)
    at = models.DateTimeField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = EncryptedTextField(_("reason"), label="casework.CaseStep.reason", null=True, blank=True)
    data = EncryptedJSONField(_("step data"), label="casework.CaseStep.data", null=True, blank=True)

    class Meta:
        verbose_name = _("status step")
        verbose_name_plural = _("status steps")
        ordering = ["case", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["case", "sequence"], name="casestep_unique_sequence"),
            encrypted_column_constraint("reason"),
            encrypted_column_constraint("data"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} #{self.sequence}: {self.from_status} -> {self.to_status}"


class Handover(models.Model):
    """A change of owner by a team lead; the reason stays encrypted with the case's key."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="handovers")
    from_owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    to_owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    reason = EncryptedTextField(_("reason"), label="casework.Handover.reason")

    class Meta:
        verbose_name = _("hand-over")
        verbose_name_plural = _("hand-overs")
        ordering = ["case", "at"]
        constraints = [encrypted_column_constraint("reason")]

    def __str__(self) -> str:
        return f"handover {self.case_id} at {self.at:%Y-%m-%d}"


class ReferenceCounter(models.Model):
    """Per case type and year, the last number used in readable references (PGA-2026-0042)."""

    case_type = models.CharField(max_length=16)
    year = models.PositiveIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("reference counter")
        verbose_name_plural = _("reference counters")
        constraints = [models.UniqueConstraint(fields=["case_type", "year"], name="refcounter_unique")]

    def __str__(self) -> str:
        return f"{self.case_type}-{self.year}: {self.last_number}"
