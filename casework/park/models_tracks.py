"""Remedies against a penalty order: child rows with their own states and deadlines.

Each addressee gets their own announcement (Awb 3:41) with their own objection deadline (Awb
6:7/6:8 + Atw); objections (7:10 decision term) and appeals run beside the case's status. They
also decide how long the limitation term of forfeited amounts runs on (Awb 5:35 lid 2: extended
while an objection or appeal against the order is open or pending; see casework/park/limitation.py).
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.models import Case, Person, case_row_history
from casework.park.casetype import PROCESSING_ACTIVITY as PARK_ENFORCEMENT
from encryption.constraints import encrypted_column_constraint
from encryption.fields import DataKeyReference, EncryptedTextField


class AnnouncementMethod(models.TextChoices):
    REGISTERED_POST = "registered_post", _("Registered post")
    HANDED_IN_PERSON = "handed_in_person", _("Handed over in person")
    BAILIFF = "bailiff", _("Served by a bailiff")


class OrderAnnouncement(models.Model):
    """Bekendmaking of the order to one addressee (a person named in the order)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="park_announcements")
    order = models.ForeignKey("park.PenaltyOrder", on_delete=models.CASCADE, related_name="announcements")
    addressee = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("addressee"))
    method = models.CharField(_("method"), max_length=20, choices=AnnouncementMethod.choices)
    announced_on = models.DateField(_("announced on"))
    objection_deadline = models.DateField(_("objection deadline"))

    history = case_row_history(PARK_ENFORCEMENT)

    class Meta:
        verbose_name = _("announcement of the order")
        ordering = ["order", "announced_on"]
        constraints = [
            models.UniqueConstraint(fields=["order", "addressee"], name="park_announcement_once_per_addressee"),
            models.CheckConstraint(condition=models.Q(objection_deadline__gt=models.F("announced_on")),
                                   name="park_announcement_deadline_after"),
        ]

    def __str__(self) -> str:
        return f"announcement {self.order_id} {self.announced_on}"


class OrderObjection(models.Model):
    """Bezwaar against the order as announced to one addressee (Awb 6:7, 7:10)."""

    class State(models.TextChoices):
        RECEIVED = "received", _("Received")
        HEARING = "hearing", _("Hearing planned")
        DECIDED = "decided", _("Decided")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Outcome(models.TextChoices):
        UPHELD = "upheld", _("Upheld (order revoked or changed)")
        PARTLY = "partly", _("Partly upheld")
        DISMISSED = "dismissed", _("Unfounded")
        INADMISSIBLE = "inadmissible", _("Inadmissible")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="park_objections")
    announcement = models.ForeignKey(OrderAnnouncement, on_delete=models.PROTECT, related_name="objections")
    received_on = models.DateField(_("received on"))
    advisory_committee = models.BooleanField(_("advisory committee"), default=False)
    extension_weeks = models.PositiveIntegerField(_("extension (weeks)"), default=0)
    extension_ground = EncryptedTextField(_("ground for extension"), label="park.OrderObjection.extension_ground",
                                          null=True, blank=True)
    decision_due_on = models.DateField(_("decision on objection due"))
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.RECEIVED)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)

    history = case_row_history(PARK_ENFORCEMENT)

    class Meta:
        verbose_name = _("objection against the order")
        ordering = ["case", "received_on"]
        constraints = [
            encrypted_column_constraint("extension_ground"),
            models.CheckConstraint(
                condition=~models.Q(state="decided") | (models.Q(decided_on__isnull=False) & ~models.Q(outcome="")),
                name="park_objection_decided_has_outcome",
            ),
        ]

    def __str__(self) -> str:
        return f"objection {self.case_id} {self.received_on}"


class OrderAppeal(models.Model):
    """Beroep (court) or hoger beroep (Council of State) about the order."""

    class Level(models.TextChoices):
        APPEAL = "beroep", _("Appeal (court)")
        HIGHER = "hoger_beroep", _("Higher appeal (Council of State)")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="park_appeals")
    order = models.ForeignKey("park.PenaltyOrder", on_delete=models.CASCADE, related_name="appeals")
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    lodged_on = models.DateField(_("lodged on"))
    ruled_on = models.DateField(_("ruled on"), null=True, blank=True)
    outcome = EncryptedTextField(_("outcome"), label="park.OrderAppeal.outcome", null=True, blank=True)

    history = case_row_history(PARK_ENFORCEMENT)

    class Meta:
        verbose_name = _("appeal about the order")
        ordering = ["case", "lodged_on"]
        constraints = [
            encrypted_column_constraint("outcome"),
            models.CheckConstraint(condition=models.Q(ruled_on__isnull=True) | models.Q(ruled_on__gte=models.F(
                "lodged_on")), name="park_appeal_ruled_after_lodged"),
        ]

    def __str__(self) -> str:
        return f"appeal {self.case_id} {self.lodged_on}"
