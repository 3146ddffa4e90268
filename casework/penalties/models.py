"""Forfeitures and their collection, shared by every case type that imposes an order under penalty:
child rows of a case, each forfeited amount its own row with its own limitation date.

- Forfeiture (verbeurte, Awb 5:33): by law, when a re-inspection finds the order not complied
  with after the compliance term; payment due 6 weeks after forfeiture (5:33); limitation date
  computed by casework/penalties/dates.py (5:35, 5:37a) and stored, recomputed on every event.
- CollectionIntention (voornemen tot invordering, with a term for a view, Awb 4:8).
- CollectionRequest: a party asks for a collection decision; decided within 4 weeks (5:37 lid 2).
- CollectionDecision (invorderingsbeschikking, 5:37 lid 1): its announcement interrupts the
  limitation of the forfeitures it covers (5:37a lid 1).
- LimitationEvent: what the officer records besides those rows that extends the term: an
  objection, appeal or higher appeal open or pending against the refusal of a request for a
  collection decision, or against not deciding on it in time (5:37a lid 3), and a judge's
  suspension of the collection decision (5:37a lid 4).
- Payment: amounts paid against one forfeiture.

The core cannot point a foreign key at a case type's model, so a row names the order it is about
generically: `order_type` (its model label, e.g. "park.PenaltyOrder") and `order_id`; a forfeiture
names the row that established it likewise (`basis_type`, `basis_id`: the park's re-inspection).
`row.order` and `forfeiture.basis` load that row. Rows moved here from a case type keep their id
and the label their values were sealed under (`moved_from`, the field's `sealed_as`; ADR 0011).
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.history import ReasonedHistoricalRecords
from casework.models import Case, Person
from casework.models.cases import processing_activity_of
from encryption.constraints import encrypted_column_constraint
from encryption.fields import DataKeyReference, EncryptedCharField, EncryptedTextField

MOVED_FROM = "moved_from"


def penalty_history() -> ReasonedHistoricalRecords:
    """History of a row of one case, audited under the processing activity of the case's type."""
    return ReasonedHistoricalRecords(
        audit_processing_activity=lambda obj: processing_activity_of(obj.case),
        audit_subject=lambda obj: obj.case.person_id,
        audit_case=lambda obj: obj.case_id,
    )


def _load(label: str, pk: Any) -> Any:
    return apps.get_model(label)._default_manager.get(pk=pk)


class PenaltyQuerySet(models.QuerySet):
    def of_order(self, order: Any) -> PenaltyQuerySet:
        """The rows about `order` (a case type's decided order)."""
        return self.filter(order_type=order._meta.label, order_id=order.pk)


class OrderReference(models.Model):
    """What every penalty row has: its case, its dossier key, the order it is about."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    order_type = models.CharField(_("order (model)"), max_length=64)
    order_id = models.UUIDField(_("order"))
    # The model label the row's encrypted values were sealed under before it moved here (empty for
    # rows written here): the values keep opening under that label (encryption/fields.py sealed_as).
    moved_from = models.CharField(max_length=64, blank=True, default="", editable=False)

    objects = PenaltyQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def order(self) -> Any:
        """The order row (loaded once)."""
        cached = getattr(self, "_order_row", None)
        if cached is None or cached.pk != self.order_id:
            cached = self._order_row = _load(self.order_type, self.order_id)
        return cached

    @order.setter
    def order(self, value: Any) -> None:
        self.order_type, self.order_id, self._order_row = value._meta.label, value.pk, value


class Forfeiture(OrderReference):
    class State(models.TextChoices):
        OPEN = "open", _("Open")
        PAID = "paid", _("Paid")
        COLLECTED = "collected", _("Collected")
        EXPIRED = "expired", _("Time-barred (verjaard)")
        WAIVED = "waived", _("Waived")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="penalty_forfeitures")
    basis_type = models.CharField(_("established by (model)"), max_length=64)
    basis_id = models.UUIDField(_("established by"))
    forfeited_on = models.DateField(_("forfeited on"))
    amount = models.DecimalField(_("amount (EUR)"), max_digits=12, decimal_places=2)
    payment_due_on = models.DateField(_("payment due on"))
    limitation_date = models.DateField(_("limitation date"), null=True, blank=True,
                                       help_text=_("The claim is time-barred after the end of this day."))
    limitation_paused_since = models.DateField(
        _("limitation term extended while pending, from"), null=True, blank=True,
        help_text=_("The day the term reached while a remedy, request or suspension without an end date was "
                    "pending: the claim does not expire until that is resolved."),
    )
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.OPEN)
    closed_on = models.DateField(_("state reached on"), null=True, blank=True)

    history = penalty_history()

    class Meta:
        verbose_name = _("forfeiture")
        ordering = ["case", "forfeited_on"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="penalties_forfeiture_amount_positive"),
            models.CheckConstraint(condition=models.Q(payment_due_on__gt=models.F("forfeited_on")),
                                   name="penalties_forfeiture_due_after"),
        ]
        indexes = [models.Index(fields=["state", "limitation_date"], name="penalties_limitation_idx"),
                   models.Index(fields=["order_id"], name="penalties_forfeit_order_idx")]

    def __str__(self) -> str:
        return f"forfeiture {self.order_id} {self.forfeited_on}"

    @property
    def basis(self) -> Any:
        """The row that established the forfeiture (the park's re-inspection; loaded once)."""
        cached = getattr(self, "_basis_row", None)
        if cached is None or cached.pk != self.basis_id:
            cached = self._basis_row = _load(self.basis_type, self.basis_id)
        return cached

    @basis.setter
    def basis(self, value: Any) -> None:
        self.basis_type, self.basis_id, self._basis_row = value._meta.label, value.pk, value


class CollectionIntention(OrderReference):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="penalty_collection_intentions")
    forfeitures = models.ManyToManyField(Forfeiture, related_name="intentions")
    sent_on = models.DateField(_("intention sent on"))
    view_term_weeks = models.PositiveSmallIntegerField(_("term for a view (weeks)"), default=2)
    view_due_on = models.DateField(_("view due on"))
    view_received_on = models.DateField(_("view received on"), null=True, blank=True)
    view_summary = EncryptedTextField(_("view"), label="penalties.CollectionIntention.view_summary",
                                      sealed_as=MOVED_FROM, null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = penalty_history()

    class Meta:
        verbose_name = _("intention to collect")
        ordering = ["case", "sent_on"]
        constraints = [encrypted_column_constraint("view_summary")]

    def __str__(self) -> str:
        return f"intention to collect {self.order_id} {self.sent_on}"


class CollectionRequest(OrderReference):
    """A party's request for a collection decision (Awb 5:37 lid 2; lid 3: decide within 4 weeks)."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        GRANTED = "granted", _("Granted (collection decision taken)")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="penalty_collection_requests")
    requester_person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    requester_name = EncryptedCharField(_("requested by"), max_length=200,
                                        label="penalties.CollectionRequest.requester_name", sealed_as=MOVED_FROM,
                                        null=True, blank=True)
    requested_on = models.DateField(_("requested on"))
    decision_due_on = models.DateField(_("decision due on"))
    # Awb 4:14 lid 1: told before the four weeks ended that the decision comes later, and by when.
    delay_notice_sent_on = models.DateField(_("notice of delay sent on"), null=True, blank=True)
    delayed_due_on = models.DateField(_("new decision date"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.PENDING)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)

    history = penalty_history()

    class Meta:
        verbose_name = _("request for a collection decision")
        ordering = ["case", "requested_on"]
        constraints = [
            encrypted_column_constraint("requester_name"),
            models.CheckConstraint(
                condition=models.Q(requester_person__isnull=False) | models.Q(requester_name__isnull=False),
                name="penalties_request_has_requester",
            ),
            models.CheckConstraint(
                condition=models.Q(state="pending", decided_on__isnull=True)
                | (~models.Q(state="pending") & models.Q(decided_on__isnull=False)),
                name="penalties_request_decided_has_date",
            ),
            models.CheckConstraint(condition=models.Q(delayed_due_on__isnull=True)
                                   | (models.Q(delayed_due_on__gt=models.F("decision_due_on"))
                                      & models.Q(delay_notice_sent_on__isnull=False)
                                      & models.Q(delay_notice_sent_on__lte=models.F("decision_due_on"))),
                                   name="penalties_request_delay_noticed_in_time"),
        ]

    def __str__(self) -> str:
        return f"collection request {self.order_id} {self.requested_on}"

    @property
    def due_on(self) -> date:
        """The date that counts now: the one named in the 4:14 notice, or the four weeks of 5:37 lid 3."""
        return self.delayed_due_on or self.decision_due_on


class CollectionDecision(OrderReference):
    """Invorderingsbeschikking (Awb 5:37): its announcement interrupts the limitation (5:37a lid 1)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="penalty_collection_decisions")
    forfeitures = models.ManyToManyField(Forfeiture, related_name="collection_decisions")
    request = models.ForeignKey(CollectionRequest, on_delete=models.PROTECT, related_name="decisions", null=True,
                                blank=True)
    decided_on = models.DateField(_("decided on"))
    announced_on = models.DateField(_("announced on"))
    amount = models.DecimalField(_("amount collected (EUR)"), max_digits=12, decimal_places=2)
    notes = EncryptedTextField(_("notes"), label="penalties.CollectionDecision.notes", sealed_as=MOVED_FROM,
                               null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = penalty_history()

    class Meta:
        verbose_name = _("collection decision")
        ordering = ["case", "decided_on"]
        constraints = [
            encrypted_column_constraint("notes"),
            models.CheckConstraint(condition=models.Q(announced_on__gte=models.F("decided_on")),
                                   name="penalties_collection_announced_after_decided"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="penalties_collection_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"collection decision {self.order_id} {self.decided_on}"


class LimitationEvent(OrderReference):
    """An event the officer records that extends the limitation term (Awb 5:37a lid 3 and 4).

    `ended_on` empty: still pending (the term cannot end while it is).
    """

    class Kind(models.TextChoices):
        REQUEST_REMEDY = "request_remedy", _("Objection or appeal open or pending against refusing a request")
        SUSPENSION = "suspension", _("Collection decision suspended by the judge")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="penalty_limitation_events")
    forfeiture = models.ForeignKey(Forfeiture, on_delete=models.PROTECT, related_name="limitation_events",
                                   null=True, blank=True, help_text=_("Empty: every forfeiture of the order."))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"), null=True, blank=True)
    note = EncryptedTextField(_("note"), label="penalties.LimitationEvent.note", sealed_as=MOVED_FROM, null=True,
                              blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = penalty_history()

    class Meta:
        verbose_name = _("limitation event")
        ordering = ["case", "started_on"]
        constraints = [
            encrypted_column_constraint("note"),
            models.CheckConstraint(condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F(
                "started_on")), name="penalties_limitation_event_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.order_id} {self.started_on}"


class Payment(models.Model):
    """An amount paid against one forfeiture (about the forfeiture's order)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="penalty_payments")
    forfeiture = models.ForeignKey(Forfeiture, on_delete=models.PROTECT, related_name="payments")
    paid_on = models.DateField(_("paid on"))
    amount = models.DecimalField(_("amount (EUR)"), max_digits=12, decimal_places=2)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    moved_from = models.CharField(max_length=64, blank=True, default="", editable=False)

    history = penalty_history()

    class Meta:
        verbose_name = _("payment")
        ordering = ["case", "paid_on"]
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0),
                                              name="penalties_payment_amount_positive")]

    def __str__(self) -> str:
        return f"payment {self.forfeiture_id} {self.paid_on}"
