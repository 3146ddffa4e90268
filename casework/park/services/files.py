"""Opening a park enforcement file for one object, and recording inspections with their photos.

Every file names one recreation object (the file's `object` is NOT NULL), and one object has at
most one open file at a time. A file gets its own data key (like every case); the inspection,
its findings (encrypted) and its photos (encrypted attachments bound to their row) use it.
A re-inspection names the order it checks and whether the order was complied with; a compliant
re-inspection marks the order complied with.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, Team, User
from accounts.roles import HANDHAVER
from audit.history import save_with_reason
from casework import bounds, uploads
from casework.models import Case, Person
from casework.park.casetype import CASE_TYPE
from casework.park.casetype import PROCESSING_ACTIVITY as PARK_ENFORCEMENT
from casework.park.models import Inspection, InspectionPhoto, InspectionSource, ParkFile, PenaltyOrder
from casework.park.models.objects import RecreationObject
from casework.park.services.common import (
    check_person,
    field_error,
    object_of,
    park_file,
    parse_date,
    require_officer,
    require_open,
    require_park_officer,
    text,
)
from casework.persons import person_register
from casework.services import case_create
from encryption.storage import sealed_content

PHOTO_TYPES = {"image/jpeg": "jpg", "image/png": "png"}
MAX_PHOTO_BYTES = 10 * 1024 * 1024


def open_file_for(obj: RecreationObject) -> Case | None:
    return Case.objects.filter(case_type=CASE_TYPE, park__object=obj, closed_on__isnull=True).first()


@transaction.atomic
def park_file_open(
    *,
    actor: User,
    object: RecreationObject,  # noqa: A002 - the domain's word
    owner: User | None = None,
    person: Person | dict[str, Any] | None = None,
    team: Team | None = None,
    reason: str = "park enforcement file opened",
) -> Case:
    """Open a park enforcement file for one named object; status `controle`.

    `person`: the main person of the file (an occupant or the owner), a Person of the park's
    organisation or a dict for casework.persons.person_register. `owner`: the officer who owns the
    file (default: the actor).
    """
    park = object.park
    require_park_officer(actor, park, what="park_file_open")
    owner = owner or actor
    if owner.organisation_id != park.controller_id or owner.role != HANDHAVER or not owner.is_active:
        raise ValidationError({"owner": _("The owner must be an active enforcement officer of the organisation.")})
    if open_file_for(object) is not None:
        raise field_error("object", _("This object already has an open enforcement file."), "open_file")
    if isinstance(person, dict):
        person, _created = person_register(actor=actor, controller=park.controller,
                                           processing_activity=PARK_ENFORCEMENT, **person)
    check_person(person, park.controller_id, "person")
    case = case_create(case_type=CASE_TYPE, owner=owner, controller=park.controller, person=person,
                       team=team, by=actor, reason=text(reason) or "park enforcement file opened")
    save_with_reason(ParkFile(case=case, data_key_id=case.data_key_id, object=object),
                     reason=f"park file opened for object {object.pk}", user=actor)
    return case


def linked_file_open(*, actor: User, controller: Organisation, owner: User,
                     object: RecreationObject | None = None,  # noqa: A002 - the domain's word
                     person: Person | None = None, reason: str = "", address: str = "") -> Case:
    """The registry's `create_linked`: a park file opened from another case type's case (an undermining
    signal about a holiday park), with the rules of `park_file_open`. `object` comes from `linked_form`;
    `reason` and `address` are not stored (a park file has no free text of its own; the object carries
    the address), the link to the other case says where the file came from."""
    if object is None:
        raise ValidationError({"object": _("Choose the recreation object the file is about.")})
    if object.park.controller_id != controller.pk:
        raise ValidationError({"object": _("Choose an object of a park of this organisation.")})
    return park_file_open(actor=actor, object=object, owner=owner, person=person, team=owner.team,
                          reason="park enforcement file opened from another case")


def _validate_officers(case: Case, officers: Sequence[User]) -> list[User]:
    if not officers:
        raise ValidationError({"officers": _("Name at least one officer who inspected.")})
    for officer in officers:
        if not officer.is_active or officer.organisation_id != case.controller_id:
            raise ValidationError({"officers": _("Every officer must be an active user of the organisation.")})
    return list(officers)


def _validate_sources(sources: Iterable[str]) -> list[str]:
    chosen = list(dict.fromkeys(sources))
    if not chosen:
        raise ValidationError({"sources": _("Tick at least one source that was checked.")})
    if any(source not in InspectionSource.values for source in chosen):
        raise ValidationError({"sources": _("Unknown source.")})
    return chosen


def _validate_reinspection(case: Case, order: PenaltyOrder | None, compliant: bool | None,
                           inspected_on: date) -> None:
    if order is None:
        if compliant is not None:
            raise ValidationError({"compliant": _("Only a re-inspection of an order says whether it was complied "
                                                  "with.")})
        return
    if order.case_id != case.pk:
        raise ValidationError({"order": _("The order belongs to another file.")})
    if order.state != PenaltyOrder.State.IMPOSED:
        raise ValidationError({"order": _("Only an imposed order that is not complied with yet can be re-inspected.")})
    if compliant is None:
        raise ValidationError({"compliant": _("State whether the order was complied with.")})
    if order.decided_on is not None and inspected_on < order.decided_on:
        raise ValidationError({"inspected_on": _("A re-inspection cannot precede the order.")})


@transaction.atomic
def inspection_record(
    *,
    actor: User,
    case: Case,
    inspected_on: date,
    officers: Sequence[User],
    sources: Iterable[str],
    findings: str,
    drugs_found: bool = False,
    order: PenaltyOrder | None = None,
    compliant: bool | None = None,
    photos: Sequence[tuple[bytes, str, str]] = (),
) -> Inspection:
    """Record an inspection (controle) of the file's object; with `order` it is a re-inspection.

    `photos`: (content, content type, caption) triples, sealed as encrypted attachments.
    """
    require_officer(actor, case)
    require_open(case)
    day = parse_date(inspected_on, "inspected_on", required=True)
    assert day is not None  # noqa: S101
    if day > timezone.localdate():
        raise ValidationError({"inspected_on": _("An inspection cannot be in the future.")})
    chosen_officers = _validate_officers(case, officers)
    chosen_sources = _validate_sources(sources)
    if not text(findings):
        raise ValidationError({"findings": _("Record the findings.")})
    _validate_reinspection(case, order, compliant, day)
    checked = [(_check_photo(content, content_type), _checked_caption(caption))
               for content, content_type, caption in photos]
    inspection = Inspection(
        case=case, data_key_id=case.data_key_id, object=object_of(case), inspected_on=day, sources=chosen_sources,
        findings=text(findings), drugs_found=bool(drugs_found), order=order, compliant=compliant, created_by=actor,
    )
    kind = "re-inspection" if order is not None else "inspection"
    save_with_reason(inspection, reason=f"{kind} recorded (compliant={compliant})", user=actor)
    inspection.officers.set(chosen_officers)
    for photo, caption in checked:
        _save_photo(actor, inspection, photo, caption)
    if order is not None and compliant:
        order.state = PenaltyOrder.State.COMPLIED
        save_with_reason(order, reason=f"order complied with (re-inspection {inspection.pk})", user=actor)
        details = park_file(case)
        details.complied_on = day
        save_with_reason(details, reason="complied with (re-inspection)", user=actor)
    return inspection


def _check_photo(content: bytes, content_type: str) -> uploads.CheckedUpload:
    """Judged by its bytes (the claimed type must agree), re-encoded without metadata (casework/uploads.py)."""
    if content_type not in PHOTO_TYPES:
        raise ValidationError({"photos": _("A photo must be a JPEG or PNG image.")})
    try:
        photo = uploads.check_upload(content, accepted=uploads.IMAGE_TYPES, name="inspection photo",
                                     max_bytes=MAX_PHOTO_BYTES)
    except ValidationError as exc:
        raise ValidationError({"photos": exc.messages}) from exc
    if photo.content_type != content_type:
        raise ValidationError({"photos": _("A photo must be a JPEG or PNG image.")})
    return photo


def _checked_caption(caption: str) -> str:
    """A photo's caption within its column's length, checked before the photo's file is written (the field itself
    refuses a longer caption only when its row is saved, after the file)."""
    bounds.raise_errors(bounds.lengths({"caption": text(caption)},
                                       InspectionPhoto._meta.get_field("caption").max_length or bounds.LINE))
    return caption


def _save_photo(actor: User, inspection: Inspection, photo: uploads.CheckedUpload, caption: str) -> InspectionPhoto:
    row = InspectionPhoto(case_id=inspection.case_id, data_key_id=inspection.data_key_id, inspection=inspection,
                          content_type=photo.content_type, caption=text(caption) or None, created_by=actor)
    row.file.save(f"{uuid.uuid4()}.{photo.extension}",
                  sealed_content(photo.content, data_key_id=inspection.data_key_id, owner_id=row.id), save=False)
    save_with_reason(row, reason="inspection photo added", user=actor)
    return row


@transaction.atomic
def inspection_photo_add(*, actor: User, inspection: Inspection, content: bytes, content_type: str,
                         caption: str = "") -> InspectionPhoto:
    """Add one photo to a recorded inspection (sealed with the file's key, bound to the photo row)."""
    require_officer(actor, inspection.case)
    require_open(inspection.case)
    return _save_photo(actor, inspection, _check_photo(content, content_type), _checked_caption(caption))
