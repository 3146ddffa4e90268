"""Parallel legal tracks of a Damocles procedure: child rows with their own states and deadlines.

Each addressee (owner, tenant, occupant) gets their own announcement with its own date, method
and objection deadline (Awb 6:7/6:8 + Atw). Objections, interim relief and appeals run beside the
case's status: none of them suspends the decision, except a judge's suspension (schorsing).
Letters are stored encrypted; every download is audited by the view that serves it.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.damocles.casetype import PROCESSING_ACTIVITY as DAMOCLES
from casework.damocles.storage import letter_storage
from casework.models import Case, Person, case_row_history
from encryption.constraints import encrypted_column_constraint
from encryption.fields import DataKeyReference, EncryptedCharField, EncryptedTextField


class AddresseeRole(models.TextChoices):
    OWNER = "owner", _("Owner")
    TENANT = "tenant", _("Tenant")
    OCCUPANT = "occupant", _("Occupant")


class Announcement(models.Model):
    """Bekendmaking of the decision to one addressee; the objection deadline is theirs alone."""

    class Method(models.TextChoices):
        REGISTERED_POST = "registered_post", _("Registered post")
        HANDED_BY_POLICE = "handed_by_police", _("Handed over by the police")
        HANDED_IN_PERSON = "handed_in_person", _("Handed over in person")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="announcements")
    addressee_person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    addressee_name = EncryptedCharField(
        _("addressee"), max_length=200, label="damocles.Announcement.addressee_name", null=True, blank=True,
    )
    role = models.CharField(_("role"), max_length=16, choices=AddresseeRole.choices)
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    announced_on = models.DateField(_("announced on"))
    objection_deadline = models.DateField(_("objection deadline"), null=True, blank=True)

    history = case_row_history(DAMOCLES)

    class Meta:
        verbose_name = _("announcement")
        ordering = ["case", "announced_on"]
        constraints = [
            encrypted_column_constraint("addressee_name"),
            models.CheckConstraint(
                condition=models.Q(addressee_person__isnull=False) | models.Q(addressee_name__isnull=False),
                name="announcement_has_addressee",
            ),
        ]

    def __str__(self) -> str:
        return f"announcement {self.case_id} {self.role} {self.announced_on}"


class Objection(models.Model):
    """Bezwaar against the decision (Awb 6:7, 7:10); the decision term is computed, with suspensions and extensions."""

    class State(models.TextChoices):
        RECEIVED = "received", _("Received")
        HEARING = "hearing", _("Hearing planned")
        DECIDED = "decided", _("Decided")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Outcome(models.TextChoices):
        UPHELD = "upheld", _("Upheld (decision revoked or changed)")
        PARTLY = "partly", _("Partly upheld")
        DISMISSED = "dismissed", _("Unfounded")
        INADMISSIBLE = "inadmissible", _("Inadmissible")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="objections")
    announcement = models.ForeignKey(Announcement, on_delete=models.PROTECT, related_name="objections")
    received_on = models.DateField(_("received on"))
    advisory_committee = models.BooleanField(_("advisory committee"), default=False)
    suspension_days = models.PositiveIntegerField(_("days suspended while an omission was repaired"), default=0)
    extension_weeks = models.PositiveIntegerField(_("extension (weeks)"), default=0)
    extension_ground = EncryptedTextField(
        _("ground for extension"), label="damocles.Objection.extension_ground", null=True, blank=True,
    )
    decision_due_on = models.DateField(_("decision on objection due"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.RECEIVED)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)

    history = case_row_history(DAMOCLES)

    class Meta:
        verbose_name = _("objection")
        ordering = ["case", "received_on"]
        constraints = [encrypted_column_constraint("extension_ground")]

    def __str__(self) -> str:
        return f"objection {self.case_id} {self.received_on}"


class InterimRelief(models.Model):
    """Voorlopige voorziening (Awb 8:81): only the judge's suspension suspends the decision."""

    class State(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        SUSPENDED = "suspended", _("Decision suspended by the judge")
        REJECTED = "rejected", _("Request rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="interim_reliefs")
    requested_on = models.DateField(_("requested on"))
    municipality_waits = models.BooleanField(_("municipality waits voluntarily for the judge"), default=False)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.REQUESTED)
    ruled_on = models.DateField(_("ruled on"), null=True, blank=True)

    history = case_row_history(DAMOCLES)

    class Meta:
        verbose_name = _("interim relief")
        ordering = ["case", "requested_on"]

    def __str__(self) -> str:
        return f"interim relief {self.case_id} {self.requested_on}"


class Appeal(models.Model):
    """Beroep / hoger beroep against the decision on objection."""

    class Level(models.TextChoices):
        APPEAL = "beroep", _("Appeal (court)")
        HIGHER = "hoger_beroep", _("Higher appeal (Council of State)")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="appeals")
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    lodged_on = models.DateField(_("lodged on"))
    ruled_on = models.DateField(_("ruled on"), null=True, blank=True)
    outcome = EncryptedTextField(_("outcome"), label="damocles.Appeal.outcome", null=True, blank=True)

    history = case_row_history(DAMOCLES)

    class Meta:
        verbose_name = _("appeal")
        ordering = ["case", "lodged_on"]
        constraints = [encrypted_column_constraint("outcome")]

    def __str__(self) -> str:
        return f"appeal {self.case_id} {self.lodged_on}"


class Letter(models.Model):
    """A generated letter (voornemen, waarschuwing, besluit) as sealed HTML and PDF."""

    class Kind(models.TextChoices):
        VOORNEMEN = "voornemen", _("Intention (voornemen)")
        WAARSCHUWING = "waarschuwing", _("Warning letter")
        BESLUIT = "besluit", _("Decision (besluit)")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="letters")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    announcement = models.ForeignKey(
        Announcement, on_delete=models.PROTECT, related_name="letters", null=True, blank=True,
    )
    html = EncryptedTextField(_("letter (HTML)"), label="damocles.Letter.html")
    pdf = models.FileField(_("letter (PDF)"), storage=letter_storage, upload_to="letters/")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = case_row_history(DAMOCLES)

    class Meta:
        verbose_name = _("letter")
        ordering = ["case", "created_at"]
        constraints = [encrypted_column_constraint("html")]

    def __str__(self) -> str:
        return f"letter {self.kind} {self.case_id}"
