"""PGA services: case conferences (casusoverleg) and the agreements (afspraken) made there."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from audit.history import save_with_reason
from casework import access, bounds
from casework.models import Case
from casework.pga.models import Agreement, Conference


@transaction.atomic
def conference_plan(
    *, actor: User, case: Case, held_on: date, invited: list[Organisation], minutes: str = "",
    attending: list[Organisation] | None = None,
) -> Conference:
    access.require(actor, access.CHANGE, case)
    bounds.raise_errors(bounds.planning_date(held_on, "held_on"),
                        bounds.lengths({"minutes": minutes}, bounds.LONG_TEXT))
    conference = Conference(case=case, data_key_id=case.data_key_id, held_on=held_on, minutes=minutes.strip() or None,
                            created_by=actor)
    save_with_reason(conference, reason="conference planned", user=actor)
    conference.invited.set(invited)
    if attending:
        conference.attending.set(attending)
    return conference


@transaction.atomic
def conference_record(
    *, actor: User, conference: Conference, attending: list[Organisation], minutes: str,
    held_on: date | None = None, invited: list[Organisation] | None = None,
) -> Conference:
    """Record attendance and minutes; the edit form may also move the date or change the invitations."""
    access.require(actor, access.CHANGE, conference.case)
    bounds.raise_errors(bounds.planning_date(held_on, "held_on"),
                        bounds.lengths({"minutes": minutes}, bounds.LONG_TEXT))
    conference.minutes = minutes.strip() or None
    if held_on is not None:
        conference.held_on = held_on
    save_with_reason(conference, reason="conference minutes recorded", user=actor)
    conference.attending.set(attending)
    if invited is not None:
        conference.invited.set(invited)
    return conference


@transaction.atomic
def conference_from_meeting(
    *, actor: User, case: Case, held_on: date, attending: list[Organisation], minutes: str,
    previous_minutes: str | None = None,
) -> Conference:
    """Attendance and minutes of the case's item on a meeting's agenda (casework/meetings/), written to
    the case's conference of that day: the one already planned for it, else a new one.

    Minutes never overwrite what was written on the conference itself: the item's minutes replace the
    conference's only where these came from the item (`previous_minutes`, the item's minutes before this
    save) or there are none; otherwise the item's minutes are added below them."""
    conference = Conference.objects.filter(case=case, held_on=held_on).order_by("id").first()
    if conference is None:
        return conference_plan(actor=actor, case=case, held_on=held_on, invited=attending, minutes=minutes,
                               attending=attending)
    own = (conference.minutes or "").strip()
    previous = (previous_minutes or "").strip()
    if own and own != previous:
        # the item's earlier minutes, added below the conference's own by this function (after a blank line)
        tail = f"\n\n{previous}"
        kept = own[: -len(tail)] if previous and own.endswith(tail) else own
        minutes = f"{kept}\n\n{minutes.strip()}" if minutes.strip() else kept
    return conference_record(actor=actor, conference=conference, attending=attending, minutes=minutes)


@transaction.atomic
def agreement_record(
    *, actor: User, case: Case, description: str, owner_organisation: Organisation, due_on: date,
    conference: Conference | None = None,
) -> Agreement:
    access.require(actor, access.CHANGE, case)
    if not description.strip():
        raise ValidationError({"description": _("Describe the agreement.")})
    bounds.raise_errors(bounds.planning_date(due_on, "due_on"),
                        bounds.lengths({"description": description}, bounds.SHORT_TEXT))
    if conference is not None and conference.case_id != case.pk:
        raise ValidationError({"conference": _("The conference belongs to another case.")})
    agreement = Agreement(case=case, data_key_id=case.data_key_id, conference=conference,
                          description=description.strip(), owner_organisation=owner_organisation, due_on=due_on)
    save_with_reason(agreement, reason="agreement recorded", user=actor)
    return agreement


@transaction.atomic
def agreement_update(*, actor: User, agreement: Agreement, status: str, due_on: date | None = None) -> Agreement:
    access.require(actor, access.CHANGE, agreement.case)
    if status not in Agreement.Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    bounds.raise_errors(bounds.planning_date(due_on, "due_on"))
    agreement.status = status
    if due_on is not None:
        agreement.due_on = due_on
    save_with_reason(agreement, reason=f"agreement status {status}", user=actor)
    return agreement
