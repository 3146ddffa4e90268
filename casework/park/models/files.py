"""Holiday-park enforcement file (domain.md §3): the file, inspections and the penalty order.

`ParkFile` (case.park), `Inspection` (+ `InspectionPhoto`), `PenaltyOrder`; the other park models
are in objects.py, tracks.py and collection.py beside this module (the package re-exports them all).
Case-level rows use the case's data key; object rows use the object's key.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.models import Approval, Case, Person, case_row_history
from casework.park.casetype import PROCESSING_ACTIVITY as PARK_ENFORCEMENT
from casework.park.storage import photo_storage
from casework.penalties.models import CollectionRequest, Forfeiture
from encryption.constraints import encrypted_column_constraint
from encryption.fields import DataKeyReference, EncryptedCharField, EncryptedTextField


class ParkFile(models.Model):
    """The park details of a case: the one object it concerns, the report and the intention."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="park")
    object = models.ForeignKey("park.RecreationObject", on_delete=models.PROTECT, related_name="files",
                               verbose_name=_("recreation object"))
    # constatering (rapport van bevindingen)
    reported_on = models.DateField(_("finding report drawn up on"), null=True, blank=True)
    report_summary = EncryptedTextField(_("finding report"), label="park.ParkFile.report_summary", null=True,
                                        blank=True)
    # voornemen + term for a view (Awb 4:8)
    view_term_weeks = models.PositiveSmallIntegerField(_("term for a view (weeks)"), default=2)
    intention_sent_on = models.DateField(_("intention sent on"), null=True, blank=True)
    view_due_on = models.DateField(_("view due on"), null=True, blank=True)
    complied_on = models.DateField(_("complied on"), null=True, blank=True)

    history = case_row_history(PARK_ENFORCEMENT)

    class Meta:
        verbose_name = _("park enforcement file")
        constraints = [encrypted_column_constraint("report_summary")]

    def __str__(self) -> str:
        return f"park file {self.case_id}"


class InspectionSource(models.TextChoices):
    BRP = "brp", _("BRP (population register)")
    KADASTER = "kadaster", _("Kadaster")
    LICENCE_PLATES = "licence_plates", _("Licence plates")
    OBSERVATION = "observation", _("Observation")
    STATEMENTS = "statements", _("Statements")


class Inspection(models.Model):
    """A controle of one object; a re-inspection names the order it checks and whether it was complied with."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="park_inspections")
    object = models.ForeignKey("park.RecreationObject", on_delete=models.PROTECT, related_name="inspections")
    inspected_on = models.DateField(_("inspected on"))
    officers = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", verbose_name=_("officers"))
    sources = models.JSONField(_("sources checked"), default=list, blank=True)
    findings = EncryptedTextField(_("findings"), label="park.Inspection.findings")
    drugs_found = models.BooleanField(_("drugs found"), default=False)
    order = models.ForeignKey("park.PenaltyOrder", on_delete=models.PROTECT, related_name="reinspections",
                              null=True, blank=True, verbose_name=_("order checked (re-inspection)"))
    compliant = models.BooleanField(_("order complied with"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = case_row_history(PARK_ENFORCEMENT)

    class Meta:
        verbose_name = _("inspection")
        ordering = ["case", "inspected_on", "created_at"]
        constraints = [
            encrypted_column_constraint("findings"),
            models.CheckConstraint(condition=models.Q(order__isnull=False) | models.Q(compliant__isnull=True),
                                   name="park_inspection_compliance_needs_order"),
        ]

    def __str__(self) -> str:
        return f"inspection {self.case_id} {self.inspected_on}"

    @property
    def source_labels(self) -> list[str]:
        """The sources checked, as the form names them (never the stored codes)."""
        labels = dict(InspectionSource.choices)
        return [str(labels.get(code, code)) for code in self.sources]


class InspectionPhoto(models.Model):
    """A photo taken at an inspection, sealed with the case key and bound to this row."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="park_photos")
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(_("photo"), storage=photo_storage, upload_to="photos/")
    content_type = models.CharField(_("content type"), max_length=100)
    caption = EncryptedCharField(_("caption"), max_length=300, label="park.InspectionPhoto.caption", null=True,
                                 blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = case_row_history(PARK_ENFORCEMENT)

    class Meta:
        verbose_name = _("inspection photo")
        ordering = ["inspection", "created_at"]
        constraints = [encrypted_column_constraint("caption")]

    def __str__(self) -> str:
        return f"photo {self.inspection_id}"


class PenaltyForm(models.TextChoices):
    LUMP_SUM = "lump_sum", _("Lump sum")
    PER_TIME_UNIT = "per_time_unit", _("Per time unit")
    PER_VIOLATION = "per_violation", _("Per violation")


class TimeUnit(models.TextChoices):
    DAY = "day", _("per day")
    WEEK = "week", _("per week")


class PenaltyOrder(models.Model):
    """Last onder dwangsom (Awb 5:31d, 5:32–5:32b) naming one object and its addressees.

    The compliance term (begunstigingstermijn) is mandatory and positive (Awb 5:32a lid 2); the
    penalty is a lump sum, an amount per time unit or per violation, always with a maximum
    (5:32b lid 1). Four eyes: imposing needs an approved `casework.Approval`.
    """

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft (awaiting approval)")
        IMPOSED = "imposed", _("Imposed")
        COMPLIED = "complied", _("Complied with")
        REVOKED = "revoked", _("Revoked")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="park_orders")
    object = models.ForeignKey("park.RecreationObject", on_delete=models.PROTECT, related_name="orders",
                               verbose_name=_("recreation object"))
    addressees = models.ManyToManyField(Person, related_name="+", verbose_name=_("addressees"))
    # The object's owner when it is a legal entity (a company is no Person): its name as the order names it,
    # copied from the object when the order is drafted.
    addressee_entity = EncryptedCharField(_("addressee (legal entity)"), max_length=200,
                                          label="park.PenaltyOrder.addressee_entity", null=True, blank=True)
    remedy = EncryptedTextField(_("what must be done (the order)"), label="park.PenaltyOrder.remedy")
    compliance_term_days = models.PositiveIntegerField(_("compliance term (days)"))
    penalty_form = models.CharField(_("penalty form"), max_length=16, choices=PenaltyForm.choices)
    amount = models.DecimalField(_("amount (EUR)"), max_digits=12, decimal_places=2)
    time_unit = models.CharField(_("time unit"), max_length=8, choices=TimeUnit.choices, blank=True)
    maximum = models.DecimalField(_("maximum (EUR)"), max_digits=12, decimal_places=2)
    approval = models.ForeignKey(Approval, on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    compliance_due_on = models.DateField(_("comply by"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = case_row_history(PARK_ENFORCEMENT)

    class Meta:
        verbose_name = _("order subject to a penalty")
        ordering = ["case", "created_at"]
        constraints = [
            encrypted_column_constraint("remedy"),
            encrypted_column_constraint("addressee_entity"),
            models.CheckConstraint(condition=models.Q(compliance_term_days__gt=0),
                                   name="park_order_compliance_term_positive"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="park_order_amount_positive"),
            models.CheckConstraint(condition=models.Q(maximum__gte=models.F("amount")),
                                   name="park_order_maximum_at_least_amount"),
            models.CheckConstraint(
                condition=(models.Q(penalty_form=PenaltyForm.PER_TIME_UNIT) & ~models.Q(time_unit=""))
                | (~models.Q(penalty_form=PenaltyForm.PER_TIME_UNIT) & models.Q(time_unit="")),
                name="park_order_time_unit_with_form",
            ),
            models.CheckConstraint(
                condition=~models.Q(state__in=["imposed", "complied"]) | models.Q(decided_on__isnull=False),
                name="park_order_imposed_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"order {self.case_id} {self.created_at:%Y-%m-%d}"

    # The core's penalty rows about this order (casework/penalties: a generic reference, no foreign key).
    @property
    def forfeitures(self) -> Any:
        return Forfeiture.objects.of_order(self)

    @property
    def collection_requests(self) -> Any:
        return CollectionRequest.objects.of_order(self)

