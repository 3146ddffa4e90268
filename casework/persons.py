"""Registering and finding persons (betrokkenen) within one controller's records.

A person record belongs to the controller that registered it. Registering a BSN this controller
already holds reuses that record; under another controller it is a new record, and nothing
about the other controller's records (not even that one exists) is revealed here.
"""

from __future__ import annotations

from datetime import date
from typing import cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Organisation
from audit.history import save_with_reason
from casework import bounds
from casework.models import Person
from encryption.blind_index import blind_lookup
from encryption.keystore import datakey_create
from encryption.validators import validate_bsn


def persons_by_bsn(*, controller: Organisation, bsn: str) -> list[Person]:
    return cast(list[Person], blind_lookup(Person.objects.filter(controller=controller), "bsn_index", bsn))


def persons_by_name_and_birth(*, controller: Organisation, surname: str, date_of_birth: date) -> list[Person]:
    return cast(list[Person], blind_lookup(Person.objects.filter(controller=controller), "name_dob_index", surname,
                                           date_of_birth))


def _verified(person: Person, verified_on: date | None, first_names: str, surname: str,
              date_of_birth: date | None, actor) -> Person:
    same = (person.first_names, person.surname, person.date_of_birth) == (first_names.strip(), surname.strip(),
                                                                          date_of_birth)
    if verified_on is not None and same and person.brp_verified_on != verified_on:
        person.brp_verified_on = verified_on
        save_with_reason(person, reason="person verified in the BRP", user=actor)
    return person


@transaction.atomic
def person_register(
    *,
    actor,
    controller: Organisation,
    first_names: str,
    surname: str,
    bsn: str | None = None,
    date_of_birth: date | None = None,
    address: str | None = None,
    phone: str | None = None,
    contact_notes: str | None = None,
    processing_activity: str = "",
    brp_verified_on: date | None = None,
) -> tuple[Person, bool]:
    """Return (person, created). Reuses this controller's record with the same BSN.

    `processing_activity` names, in the audit trail, the processing the person is registered for
    (a person registered for a Damocles procedure is not PGA casework). `brp_verified_on` is the day
    the details were taken from the BRP (a proven prefill, casework/brp/prefill.py); None: typed by hand.
    A reused record becomes verified when it was not and its details are the ones the BRP gave.
    """
    bounds.raise_errors(
        bounds.birth_date(date_of_birth),
        bounds.lengths({"first_names": first_names, "surname": surname, "phone": phone}, bounds.NAME),
        bounds.lengths({"address": address}, bounds.LINE),
        bounds.lengths({"contact_notes": contact_notes}, bounds.LONG_TEXT),
    )
    bsn = (bsn or "").strip() or None
    if bsn:
        validate_bsn(bsn)
        existing = persons_by_bsn(controller=controller, bsn=bsn)
        if existing:
            return _verified(existing[0], brp_verified_on, first_names, surname, date_of_birth, actor), False
    elif not (surname.strip() and date_of_birth):
        raise ValidationError({"bsn": _("Enter a BSN, or a surname and date of birth.")})
    if not surname.strip():
        raise ValidationError({"surname": _("Enter the surname.")})
    key = datakey_create()
    person = Person(
        data_key_id=key.id, controller=controller, first_names=first_names.strip(), surname=surname.strip(),
        bsn=bsn, date_of_birth=date_of_birth, address=address or None, phone=phone or None,
        contact_notes=contact_notes or None, brp_verified_on=brp_verified_on if bsn else None,
    )
    person.processing_activity = processing_activity
    save_with_reason(person, reason="person registered", user=actor)
    return person, True
