"""Persons (betrokkenen): every identifying field encrypted under the person's own data key.

A person record belongs to the controller organisation that registered it. The same BSN under
another controller is another record; the two are linked only through an explicit referral or
sharing decision (casework/persons.py enforces that nothing about the other record leaks).
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from audit.history import ReasonedHistoricalRecords
from encryption.blind_index import BlindIndexField
from encryption.constraints import encrypted_column_constraint
from encryption.fields import (
    DataKeyReference,
    EncryptedCharField,
    EncryptedDateField,
    EncryptedTextField,
)

ENCRYPTED_PERSON_FIELDS = (
    "first_names", "surname", "bsn", "date_of_birth", "address", "phone", "contact_notes",
)


class Person(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    controller = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="persons", verbose_name=_("controller")
    )
    first_names = EncryptedCharField(_("first names"), max_length=200, label="casework.Person.first_names")
    surname = EncryptedCharField(_("surname"), max_length=200, label="casework.Person.surname")
    bsn = EncryptedCharField(_("BSN"), max_length=9, label="casework.Person.bsn", null=True, blank=True)
    date_of_birth = EncryptedDateField(
        _("date of birth"), label="casework.Person.date_of_birth", null=True, blank=True
    )
    address = EncryptedTextField(_("address"), label="casework.Person.address", null=True, blank=True)
    phone = EncryptedCharField(_("phone"), max_length=40, label="casework.Person.phone", null=True, blank=True)
    contact_notes = EncryptedTextField(
        _("contact notes"), label="casework.Person.contact_notes", null=True, blank=True
    )
    bsn_index = BlindIndexField(sources=["bsn"], label="casework.Person.bsn")
    name_dob_index = BlindIndexField(
        sources=["surname", "date_of_birth"], label="casework.Person.surname+date_of_birth"
    )
    restricted = models.BooleanField(_("processing restricted (AVG art. 18)"), default=False)
    # The day name, BSN and date of birth were taken from the BRP (casework/brp/); None: entered by hand,
    # "niet geverifieerd in BRP".
    brp_verified_on = models.DateField(_("verified in the BRP on"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)

    # Not a column: which processing a change of this record belongs to, for its audit event
    # (set by the registering service; a person registered for Damocles is not PGA casework).
    # Empty: the processing of the person's oldest case (`activity_of_person`).
    processing_activity: str = ""

    history = ReasonedHistoricalRecords(
        audit_processing_activity=lambda person: person.processing_activity or activity_of_person(person),
        audit_subject=lambda person: person.pk,
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        constraints = [encrypted_column_constraint(name) for name in ENCRYPTED_PERSON_FIELDS]
        indexes = [
            models.Index(fields=["controller", "bsn_index"], name="person_ctrl_bsn_idx"),
            models.Index(fields=["controller", "name_dob_index"], name="person_ctrl_namedob_idx"),
            # AVG 18: every case query excludes restricted persons; this keeps that a lookup in a
            # tiny index instead of a scan of all persons (docs/adr/0009).
            models.Index(fields=["id"], condition=models.Q(restricted=True), name="person_restricted_idx"),
        ]

    def __str__(self) -> str:
        # Never the name: __str__ ends up in logs, admin and error reports.
        return f"Person {self.pk}"


def activity_of_person(person: Person) -> str:
    """The processing activity a change of `person` belongs to when the caller named none: that of
    the type of their oldest case, else of the first registered case type."""
    from casework import registry

    case_type = person.cases.order_by("opened_on").values_list("case_type", flat=True).first() if person.pk else None
    spec = registry.find(case_type) if case_type else None
    return (spec or registry.types()[0]).processing_activity
