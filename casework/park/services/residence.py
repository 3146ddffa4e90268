"""BRP residence checks on a recreation object: who is registered at its address now and who was in a period,
stored as dated, encrypted evidence (`ResidenceCheck`), and the BRP status of its current occupants set from it.

The object's adresseerbaar object id comes from the BAG pick (casework/bag/): an address typed by hand has none, and
the BRP is not searched by a typed address. Both BRP calls are made before anything is written, so a failing or
refusing BRP leaves nothing half-saved; the calls are audited by the client under park enforcement, with their span
of the request's trace (kept on the check as `trace_id`). Persons the BRP names who are not yet occupants are only
evidence: the officer registers an occupant by hand (`occupant_register`).
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit import context as audit_context
from audit.history import save_with_reason
from casework.brp import client
from casework.brp.access import BrpRefused
from casework.park.casetype import PROCESSING_ACTIVITY as PARK_ENFORCEMENT
from casework.park.models import BrpStatus, Inspection, InspectionSource, RecreationObject, ResidenceCheck
from casework.park.services.common import parse_date, require_park_officer


def _person(person: client.BrpPerson) -> dict[str, Any]:
    return {"bsn": person.bsn, "first_names": person.first_names, "surname": person.surname,
            "date_of_birth": person.date_of_birth.isoformat() if person.date_of_birth else None}


def _answer(now: list[client.BrpPerson], periods: list[client.Residence]) -> str:
    return json.dumps({
        "residents": [_person(p) for p in now],
        "residences": [{"from": p.date_from.isoformat(), "to": p.date_to.isoformat(),
                        "residents": [_person(r) for r in p.residents],
                        "possible_residents": [_person(r) for r in p.possible_residents]} for p in periods],
    }, sort_keys=True)


def _period(date_from: Any, date_to: Any) -> tuple[date, date]:
    start = parse_date(date_from, "period_from", required=True)
    end = parse_date(date_to, "period_to", required=True)
    assert start is not None and end is not None  # noqa: S101 (required=True)
    if end <= start:
        raise ValidationError({"period_to": _("The end of the period must be after its start.")})
    if end > timezone.localdate() + timedelta(days=1):
        raise ValidationError({"period_to": _("Enter a date that is not in the future.")})
    return start, end


@transaction.atomic
def _store(*, actor: User, obj: RecreationObject, inspection: Inspection | None, start: date, end: date,
           now: list[client.BrpPerson], periods: list[client.Residence]) -> ResidenceCheck:
    context = audit_context.current()
    check = ResidenceCheck(object=obj, data_key_id=obj.data_key_id, inspection=inspection,
                           checked_at=timezone.now(), checked_by=actor, period_from=start, period_to=end,
                           answer=_answer(now, periods), trace_id=context.trace_id if context else "")
    save_with_reason(check, reason="BRP residence check stored", user=actor)
    registered = {person.bsn for person in now}
    today = timezone.localdate()
    for occupant in obj.occupants.filter(left_on__isnull=True).select_related("person"):
        bsn = occupant.person.bsn
        if not bsn:
            continue  # a person without BSN cannot be matched; their status stays as it was
        status = BrpStatus.REGISTERED if bsn in registered else BrpStatus.NOT_REGISTERED
        occupant.brp_status, occupant.brp_checked_on = status, today
        save_with_reason(occupant, reason=f"occupant BRP status from the BRP (brp={status})", user=actor)
    if inspection is not None and InspectionSource.BRP not in inspection.sources:
        inspection.sources = [*inspection.sources, InspectionSource.BRP]
        save_with_reason(inspection, reason="BRP checked during the inspection", user=actor)
    return check


def residence_check(*, actor: User, object: RecreationObject,  # noqa: A002 - the domain's word
                    date_from: Any, date_to: Any, inspection: Inspection | None = None) -> ResidenceCheck:
    """Ask the BRP who lives at the object now and who lived there in [date_from, date_to); store it as evidence."""
    require_park_officer(actor, object.park, what="residence_check")
    if inspection is not None and inspection.object_id != object.pk:
        raise ValidationError({"inspection": _("This inspection is of another object.")})
    start, end = _period(date_from, date_to)
    if not (object.address_verified and object.bag_object_id):
        raise ValidationError(_("Pick the object's address in the BAG first: the BRP is searched by the BAG's "
                                "addressable object, never by a typed address."), code="no_bag_object")
    try:
        now = client.residents(object.bag_object_id, user=actor, processing_activity=PARK_ENFORCEMENT)
        periods = client.residence_history(object.bag_object_id, date_from=start, date_to=end, user=actor,
                                           processing_activity=PARK_ENFORCEMENT)
    except (client.BrpError, BrpRefused) as exc:
        raise ValidationError(exc.message, code="brp") from None
    return _store(actor=actor, obj=object, inspection=inspection, start=start, end=end, now=now, periods=periods)


def residence_evidence(check: ResidenceCheck) -> dict[str, Any]:
    """The stored answer of a check (decrypted with the object's key); the caller audits the read."""
    return json.loads(check.answer)


__all__ = ["residence_check", "residence_evidence"]
