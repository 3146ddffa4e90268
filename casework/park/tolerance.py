"""Personal tolerance decisions (persoonsgebonden gedoogbeschikkingen) and the reference date.

National policy (2003) tolerates permanent residence in a recreation object for a named person
who already lived there before the reference date, 31 October 2003; a municipality may set
another date. The date is data with a date of effect (`TolerancePolicy`, seeded by migration
0002): the version in force on the day a decision is granted applies, and the decision stores
both the version and the date it used, so a later policy change never rewrites an old decision.

The decision is personal and not transferable: it names one person and one object, ends when
that person leaves (occupant_leave ends it automatically) and is otherwise ended with a reason.
While it is in force (granted and not ended on a given day) no penalty order naming that person
for that object may be requested or imposed (casework/park/services_orders.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import HANDHAVER, TEAMLEIDER
from audit.history import save_with_reason
from casework.models import Person
from casework.park.models.objects import Occupant, RecreationObject, ToleranceDecision, TolerancePolicy
from casework.park.services_common import check_person, parse_date, require_park_officer, text

NATIONAL_REFERENCE_DATE = date(2003, 10, 31)


def policy_in_force(on: date) -> TolerancePolicy:
    """The tolerance policy version in force on `on` (the latest with effective_from <= on)."""
    policy = TolerancePolicy.objects.filter(effective_from__lte=on).order_by("-effective_from").first()
    if policy is None:
        raise ValidationError(_("No tolerance policy is in force on this date."), code="no_policy")
    return policy


def tolerances_in_force(*, object: RecreationObject, persons: Iterable[Any] | None = None,  # noqa: A002
                        on: date | None = None) -> QuerySet[ToleranceDecision]:
    """Decisions for `object` in force on `on` (default today): granted by then and not ended by then."""
    day = on or timezone.localdate()
    decisions = ToleranceDecision.objects.filter(object=object, granted_on__lte=day).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=day),
    )
    if persons is not None:
        decisions = decisions.filter(person__in=[getattr(person, "pk", person) for person in persons])
    return decisions


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
    if decision.ended_on is not None:
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
