"""Granting and ending personal tolerance decisions (the write side of casework/park/tolerance.py).

A decision is granted to a person living on the object since before the reference date of the
policy in force; it is personal and not transferable: it ends when that person leaves
(occupant_leave ends it automatically) and is otherwise ended with a reason.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import HANDHAVER, TEAMLEIDER
from audit.history import save_with_reason
from casework import bounds
from casework.models import Person
from casework.park.models import Occupant, RecreationObject, ToleranceDecision
from casework.park.services.common import check_person, parse_date, require_park_officer, text
from casework.park.tolerance import policy_in_force, tolerances_in_force


@transaction.atomic
def tolerance_grant(
    *,
    actor: User,
    object: RecreationObject,  # noqa: A002 - the domain's word
    person: Person,
    resident_since: date,
    granted_on: date | None = None,
    notes: str = "",
) -> ToleranceDecision:
    """Grant a personal tolerance decision to a person living on the object since before the reference date."""
    require_park_officer(actor, object.park, what="tolerance_grant", subject_id=person.pk)
    check_person(person, object.park.controller_id, "person")
    bounds.raise_errors(bounds.lengths({"notes": text(notes)}, bounds.SHORT_TEXT))
    since = parse_date(resident_since, "resident_since", required=True)
    granted = parse_date(granted_on, "granted_on") or timezone.localdate()
    assert since is not None  # noqa: S101 - required=True raises first
    if granted > timezone.localdate():
        raise ValidationError({"granted_on": _("A decision cannot be granted in the future.")})
    policy = policy_in_force(granted)
    if since >= policy.reference_date:
        raise ValidationError({"resident_since": _(
            "Only a person living on the object before the reference date (%(date)s) can get a personal "
            "tolerance decision.") % {"date": policy.reference_date.strftime("%d-%m-%Y")}})
    if not Occupant.objects.filter(object=object, person=person, left_on__isnull=True).exists():
        raise ValidationError({"person": _("Register the person as a current occupant of this object first.")})
    if tolerances_in_force(object=object, persons=[person], on=granted).exists() or ToleranceDecision.objects.filter(
            object=object, person=person, ended_on__isnull=True).exists():
        raise ValidationError({"person": _("This person already holds a tolerance decision for this object.")})
    decision = ToleranceDecision(
        object=object, data_key_id=object.data_key_id, person=person, policy=policy,
        reference_date=policy.reference_date, resident_since=since, granted_on=granted, notes=text(notes) or None,
        created_by=actor,
    )
    save_with_reason(decision, reason=f"tolerance decision granted (reference date {policy.reference_date})",
                     user=actor)
    return decision


@transaction.atomic
def tolerance_end(*, actor: User, decision: ToleranceDecision, ended_on: date, end_reason: str,
                  notes: str | None = None) -> ToleranceDecision:
    """End a tolerance decision (the person left or died, or it was revoked); it cannot be transferred."""
    require_park_officer(actor, decision.object.park, what="tolerance_end", roles=(HANDHAVER, TEAMLEIDER),
                         subject_id=decision.person_id)
    ended = parse_date(ended_on, "ended_on", required=True)
    assert ended is not None  # noqa: S101
    bounds.raise_errors(bounds.lengths({"notes": text(notes) if notes is not None else None}, bounds.SHORT_TEXT))
    # A one-way change of a dossier row (no version, ADR 0017): read again under a row lock (see occupant_leave).
    current = ToleranceDecision.objects.select_for_update().values_list("ended_on", flat=True).get(pk=decision.pk)
    if decision.ended_on is not None or current is not None:
        raise ValidationError(_("This tolerance decision has already ended."), code="ended")
    if end_reason not in ToleranceDecision.EndReason.values:
        raise ValidationError({"end_reason": _("Choose why the decision ends.")})
    if ended < decision.granted_on:
        raise ValidationError({"ended_on": _("A decision cannot end before it was granted.")})
    decision.ended_on, decision.end_reason = ended, end_reason
    if notes is not None:
        decision.notes = text(notes) or None
    save_with_reason(decision, reason=f"tolerance decision ended ({end_reason})", user=actor)
    return decision


def tolerance_end_for_departure(*, actor: User, object: RecreationObject,  # noqa: A002
                                person: Person, left_on: date) -> list[ToleranceDecision]:
    """Called when an occupant leaves: their decisions for this object end that day (not transferable)."""
    ended = []
    for decision in ToleranceDecision.objects.filter(object=object, person=person, ended_on__isnull=True):
        decision.ended_on = max(left_on, decision.granted_on)
        decision.end_reason = ToleranceDecision.EndReason.PERSON_LEFT
        save_with_reason(decision, reason="tolerance decision ended (person_left)", user=actor)
        ended.append(decision)
    return ended
