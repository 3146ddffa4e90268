"""Recreation objects and their occupants (object dossiers, outside any one file).

An object is found again by its number within the park (unique; casework/park/selectors/objects.py)
— every file, order and inspection names it (Rb Gelderland 2025-03-10, ECLI:NL:RBGEL:2025:1991).
Its BAG address, when one is assigned, is encrypted with blind indexes like Damocles premises.
Occupants are persons with their BRP status and the date it was checked: occupants must be
registered (or in the overnight register) even when the residence itself is illegal, and
registration gives no right to stay.
When an occupant leaves, their personal tolerance decision for the object ends with them
(casework/park/services/tolerance.py).
"""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import HANDHAVER
from audit.history import save_with_reason
from casework import bounds
from casework.addresses import bag_pick_errors, normalise_postcode
from casework.models import Person
from casework.park.models.objects import BrpStatus, ObjectKind, Occupant, Park, RecreationObject
from casework.park.services.common import check_person, parse_date, require_park_officer, text
from encryption.keystore import datakey_create

POSTCODE = re.compile(r"^\d{4}\s?[A-Za-z]{2}$")
BAG_ID = re.compile(r"^\d{16}$")
NUMBER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ./-]{0,19}$")


def _validate_object(park: Park, number: str, kind: str, address: dict[str, str], owner_person: Person | None,
                     owner_entity: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not NUMBER.match(number):
        errors["number"] = _("Enter the object's number as on the park map, e.g. B-017.")
    elif RecreationObject.objects.filter(park=park, number=number).exists():
        errors["number"] = _("This park already has an object with this number.")
    if kind not in ObjectKind.values:
        errors["kind"] = _("Choose chalet, pitch or other.")
    if address["postcode"] and not POSTCODE.match(address["postcode"]):
        errors["postcode"] = _("Enter a Dutch postcode such as 1234 AB.")
    if bool(address["postcode"]) != bool(address["house_number"]):
        errors["house_number"] = _("An address needs both a postcode and a house number.")
    if address["bag_id"] and not BAG_ID.match(address["bag_id"]):
        errors["bag_id"] = _("A BAG id has 16 digits.")
    errors.update(bag_pick_errors(bag_id=address["bag_id"], bag_object_id=address["bag_object_id"],
                                  verified=address["verified"] == "1"))
    if owner_person is not None and owner_entity:
        errors["owner_entity"] = _("The owner is either a person or a legal entity, not both.")
    if owner_person is not None and owner_person.controller_id != park.controller_id:
        errors["owner_person"] = _("The person must be registered under the same organisation.")
    return errors


@transaction.atomic
def object_register(
    *,
    actor: User,
    park: Park,
    number: str,
    kind: str,
    street: str = "",
    house_number: str = "",
    house_number_addition: str = "",
    postcode: str = "",
    city: str = "",
    bag_id: str = "",
    bag_object_id: str = "",
    address_verified: bool = False,
    owner_person: Person | None = None,
    owner_entity: str = "",
    notes: str = "",
) -> RecreationObject:
    """Register a recreation object of `park` as its own dossier (own data key).

    `bag_object_id` and `address_verified` come from a BAG pick only (casework/bag/forms.py).
    """
    require_park_officer(actor, park, what="object_register")
    number = text(number).upper()
    address = {"street": text(street), "house_number": text(house_number), "addition": text(house_number_addition),
               "postcode": text(postcode), "city": text(city), "bag_id": text(bag_id),
               "bag_object_id": text(bag_object_id), "verified": "1" if address_verified else ""}
    errors = {**bounds.lengths({"notes": text(notes)}, bounds.SHORT_TEXT),
              **_validate_object(park, number, kind, address, owner_person, text(owner_entity))}
    if errors:
        raise ValidationError(errors)
    obj = RecreationObject(
        data_key_id=datakey_create().id, park=park, number=number, kind=kind, street=address["street"] or None,
        house_number=address["house_number"] or None, house_number_addition=address["addition"] or None,
        postcode=normalise_postcode(address["postcode"]) if address["postcode"] else None,
        city=address["city"] or None, bag_id=address["bag_id"] or None,
        bag_object_id=address["bag_object_id"] or None, address_verified=bool(address_verified),
        owner_person=owner_person,
        owner_entity=text(owner_entity) or None, notes=text(notes) or None,
    )
    save_with_reason(obj, reason=f"recreation object registered ({kind})", user=actor)
    return obj


@transaction.atomic
def occupant_register(
    *,
    actor: User,
    object: RecreationObject,  # noqa: A002 - the domain's word
    person: Person,
    brp_status: str = BrpStatus.UNKNOWN,
    brp_checked_on: date | None = None,
    since: date | None = None,
) -> Occupant:
    """Record a person living on the object, or update the BRP status of a current occupant."""
    require_park_officer(actor, object.park, what="occupant_register", subject_id=person.pk)
    check_person(person, object.park.controller_id, "person")
    errors: dict[str, str] = {}
    if brp_status not in BrpStatus.values:
        errors["brp_status"] = _("Choose the BRP status.")
    checked = parse_date(brp_checked_on, "brp_checked_on")
    started = parse_date(since, "since")
    today = timezone.localdate()
    if brp_status != BrpStatus.UNKNOWN and checked is None:
        errors["brp_checked_on"] = _("Enter the date the BRP was checked.")
    if checked is not None and checked > today:
        errors["brp_checked_on"] = _("The BRP check cannot be in the future.")
    if started is not None and started > today:
        errors["since"] = _("Enter a date that is not in the future.")
    if errors:
        raise ValidationError(errors)
    occupant = Occupant.objects.filter(object=object, person=person, left_on__isnull=True).first()
    created = occupant is None
    if occupant is None:
        occupant = Occupant(object=object, data_key_id=object.data_key_id, person=person)
    occupant.brp_status, occupant.brp_checked_on = brp_status, checked
    if started is not None or created:
        occupant.since = started
    save_with_reason(occupant, reason=f"occupant {'registered' if created else 'updated'} (brp={brp_status})",
                     user=actor)
    return occupant


@transaction.atomic
def occupant_leave(*, actor: User, occupant: Occupant, left_on: date) -> Occupant:
    """The occupant left the object; a tolerance decision of theirs for this object ends with it."""
    from casework.park.services.tolerance import tolerance_end_for_departure

    require_park_officer(actor, occupant.object.park, what="occupant_leave", subject_id=occupant.person_id)
    left = parse_date(left_on, "left_on", required=True)
    # A one-way change of a dossier row (no version, ADR 0017): read again under a row lock, so of two
    # concurrent departures the second sees the first and is refused instead of overwriting its date.
    current = Occupant.objects.select_for_update().values_list("left_on", flat=True).get(pk=occupant.pk)
    if occupant.left_on is not None or current is not None:
        raise ValidationError(_("This occupant has already left."), code="already_left")
    if left is None or left > timezone.localdate():
        raise ValidationError({"left_on": _("Enter a date that is not in the future.")})
    if occupant.since is not None and left < occupant.since:
        raise ValidationError({"left_on": _("The occupant cannot leave before they came.")})
    occupant.left_on = left
    save_with_reason(occupant, reason="occupant left", user=actor)
    tolerance_end_for_departure(actor=actor, object=occupant.object, person=occupant.person, left_on=left)
    return occupant


def park_register(*, actor: User, name: str, municipality: str) -> Park:
    """A park of the actor's organisation (no personal data, so no history)."""
    if actor.role != HANDHAVER or actor.organisation is None:
        raise PermissionDenied(_("Only enforcement officers register parks."))
    if not text(name) or not text(municipality):
        raise ValidationError({"name": _("Enter the park's name and municipality.")})
    if Park.objects.filter(name=text(name)).exists():
        raise ValidationError({"name": _("A park with this name exists.")})
    return Park.objects.create(name=text(name), municipality=text(municipality), controller=actor.organisation)
