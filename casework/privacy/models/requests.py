"""Data-subject requests (AVG art. 15-21) and the decision that answers them (UAVG art. 34).

A `DataSubjectRequest` is a request of one data subject to the organisation of the privacy
officer who registers it: inzage (15), correctie (16), verwijdering (17), beperking (18) or
bezwaar (21). Its term is one month from receipt, counted by EU Regulation 1182/71
(casework/privacy/requests.py), extendable once by two months when that is announced within the
first month (AVG 12(3)). The answer is an Awb decision, open to objection for six weeks
(UAVG art. 34); its date and the objection deadline are stored with it.

The request names the person record it concerns (`person`, nullable: an erased person leaves the
request with its pseudonym). Texts that may describe the person (notes, motivation) are
encrypted under a data key of the request's own, so the request outlives an erasure of the
person. A request in `OPEN_STATUSES` is a legal hold on that person's dossiers
(casework/privacy/holds.py reads it).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from encryption.constraints import encrypted_column_constraint
from encryption.fields import DataKeyReference, EncryptedTextField

__all__ = ["OPEN_STATUSES", "DataSubjectRequest"]


class DataSubjectRequest(models.Model):
    """One request of a data subject and, once decided, its decision (open to objection)."""

    class Kind(models.TextChoices):
        INZAGE = "inzage", _("Access (inzage, AVG art. 15)")
        CORRECTIE = "correctie", _("Rectification (correctie, AVG art. 16)")
        VERWIJDERING = "verwijdering", _("Erasure (verwijdering, AVG art. 17)")
        BEPERKING = "beperking", _("Restriction (beperking, AVG art. 18)")
        BEZWAAR = "bezwaar", _("Objection (bezwaar, AVG art. 21)")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        IN_PROGRESS = "in_progress", _("In progress")
        DECIDED = "decided", _("Decided")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Outcome(models.TextChoices):
        GRANTED = "granted", _("Granted")
        PARTLY_GRANTED = "partly_granted", _("Partly granted")
        REFUSED = "refused", _("Refused")

    class PostponementGround(models.TextChoices):
        """AVG art. 23(1) / UAVG art. 41: grounds on which informing the subject may be postponed."""

        NONE = "", _("No postponement")
        NATIONAL_SECURITY = "avg23_1_a", _("National security (AVG 23(1)(a))")
        PUBLIC_SECURITY = "avg23_1_c", _("Public security (AVG 23(1)(c))")
        CRIMINAL_OFFENCES = "avg23_1_d", _("Prevention and investigation of criminal offences (AVG 23(1)(d))")
        PUBLIC_INTEREST = "avg23_1_e", _("Other important public interest (AVG 23(1)(e))")
        SUPERVISION = "avg23_1_h", _("Supervision, inspection or regulation (AVG 23(1)(h))")
        RIGHTS_OF_OTHERS = "avg23_1_i", _("Protection of the data subject or the rights of others (AVG 23(1)(i))")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation"),
    )
    person = models.ForeignKey(
        "casework.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="privacy_requests",
        verbose_name=_("person record"),
    )
    subject_pseudonym = models.CharField(_("data subject (pseudonym)"), max_length=64, blank=True)
    kind = models.CharField(_("kind of request"), max_length=16, choices=Kind.choices)
    received_on = models.DateField(_("received on"))
    due_on = models.DateField(_("answer due on"))
    extension_announced_on = models.DateField(_("extension announced on"), null=True, blank=True)
    extended_due_on = models.DateField(_("extended due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.RECEIVED)
    notes = EncryptedTextField(_("notes"), label="privacy.DataSubjectRequest.notes", null=True, blank=True)
    extension_reason = EncryptedTextField(
        _("reason for the extension"), label="privacy.DataSubjectRequest.extension_reason", null=True, blank=True,
    )
    postponement_ground = models.CharField(
        _("informing postponed on ground"), max_length=16, choices=PostponementGround.choices, blank=True, default="",
    )
    legal_duty_to_keep = models.TextField(
        _("legal duty to keep"), blank=True, default="",
        help_text=_("The statutory duty that forbids erasure (e.g. Archiefwet, selection list). No personal data."),
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True, default="")
    motivation = EncryptedTextField(
        _("motivation of the decision"), label="privacy.DataSubjectRequest.motivation", null=True, blank=True,
    )
    decided_on = models.DateField(_("decision date"), null=True, blank=True)
    objection_deadline = models.DateField(_("objection deadline"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("decided by"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("registered by"),
    )
    created_at = models.DateTimeField(_("registered at"))
    updated_at = models.DateTimeField(_("changed at"))

    class Meta:
        ordering = ["due_on", "received_on"]
        verbose_name = _("data-subject request")
        verbose_name_plural = _("data-subject requests")
        indexes = [
            models.Index(fields=["organisation", "status", "due_on"], name="privacy_request_org_status"),
            models.Index(fields=["person", "status"], name="privacy_request_person"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(due_on__gte=models.F("received_on")),
                                   name="privacy_request_due_after_receipt"),
            models.CheckConstraint(
                condition=models.Q(extended_due_on__isnull=True) | models.Q(extended_due_on__gt=models.F("due_on")),
                name="privacy_request_extension_later",
            ),
            models.CheckConstraint(
                condition=models.Q(extension_announced_on__isnull=True)
                | models.Q(extension_announced_on__lte=models.F("due_on")),
                name="privacy_request_extension_in_first_month",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="decided") | (~models.Q(outcome="") & models.Q(decided_on__isnull=False)),
                name="privacy_request_decided_has_outcome",
            ),
            encrypted_column_constraint("notes"),
            encrypted_column_constraint("extension_reason"),
            encrypted_column_constraint("motivation"),
        ]

    def __str__(self) -> str:
        return f"request {self.kind} {self.pk} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def answer_due_on(self):
        """The date that counts now: the extended one when an extension was announced."""
        return self.extended_due_on or self.due_on


OPEN_STATUSES = (DataSubjectRequest.Status.RECEIVED, DataSubjectRequest.Status.IN_PROGRESS)
