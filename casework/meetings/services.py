"""Meeting services: plan a series and its sittings, put a case on the agenda, record attendance and
minutes per item, move or cancel a sitting. Each writes its audit event; invitations and updates go
out through casework/meetings/invitations.py after the transaction commits.

Who organises: colleagues (procesregisseur, handhaver, team lead) of the meeting's organisation.
Who puts a case on the agenda: whoever may change that case (`access.require(CHANGE)`), before the
meeting's referral deadline. Who records minutes: whoever may change the case, from the start of
the sitting on.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _

from accounts.models import Organisation, Team, User
from accounts.roles import TEAMLEIDER
from audit import record
from audit.actions import Action, Outcome
from audit.activities import CHAIN_SHARING
from audit.history import save_with_reason
from casework import access, bounds, registry
from casework.categories import NOTES
from casework.meetings.models import AgendaItem, Meeting, MeetingOccurrence
from casework.models import Case

PLAN_WEEKS = 8  # a weekly series has its sittings planned this far ahead
ORGANISER_ROLES = access.CASEWORKER_ROLES | {TEAMLEIDER}
OCCURRENCE = "meetings.MeetingOccurrence"


def may_organise(user: Any, meeting: Meeting) -> bool:
    return bool(getattr(user, "is_active", False) and user.role in ORGANISER_ROLES
                and user.organisation_id == meeting.organisation_id)


def may_create(user: Any) -> bool:
    """Whether `user` may plan a meeting series for their own organisation."""
    return bool(getattr(user, "is_active", False) and user.role in ORGANISER_ROLES
                and user.organisation_id is not None)


def require_may_create(actor: User) -> Organisation:
    """The organisation `actor` may plan meetings for; refused (recorded, 403) for anyone but its staff."""
    if may_create(actor) and actor.organisation is not None:
        return actor.organisation
    record(action=Action.ACCESS_DENIED, outcome=Outcome.DENIED, processing_activity=CHAIN_SHARING,
           object_type="meetings.Meeting", reason="action:create", actor=actor)
    raise PermissionDenied(_("Only colleagues of an organisation may plan its meetings."))


def require_organiser(actor: User, meeting: Meeting, occurrence: MeetingOccurrence | None = None) -> None:
    """Refused (recorded, 403) unless `actor` may organise `meeting`."""
    if may_organise(actor, meeting):
        return
    record(action=Action.ACCESS_DENIED, outcome=Outcome.DENIED, processing_activity=CHAIN_SHARING,
           object_type=OCCURRENCE if occurrence else "meetings.Meeting",
           object_id=(occurrence or meeting).pk, reason="action:organise", actor=actor)
    raise PermissionDenied(_("Only colleagues of the organising organisation may change this meeting."))


def _record_meeting(action: str, obj: Meeting | MeetingOccurrence, actor: User, reason: str) -> None:
    record(action=action, processing_activity=CHAIN_SHARING,
           object_type="meetings.Meeting" if isinstance(obj, Meeting) else OCCURRENCE,
           object_id=obj.pk, reason=reason, actor=actor)


def _validate_series(meeting: Meeting) -> None:
    errors: dict[str, str] = {}
    if not meeting.title.strip():
        errors["title"] = _("Give the meeting a title.")
    if not meeting.place.strip() and not meeting.video_link.strip():
        errors["place"] = _("Give a place or a video link.")
    if meeting.recurrence == Meeting.Recurrence.WEEKLY and meeting.weekday is None:
        errors["weekday"] = _("Choose the weekday of a weekly meeting.")
    if (meeting.referral_weekday is None) != (meeting.referral_time is None):
        errors["referral_time"] = _("Give both the weekday and the time of the referral deadline, or neither.")
    if errors:
        raise ValidationError(errors)
    meeting.full_clean(exclude=["chair", "organisation", "created_by"])


@transaction.atomic
def meeting_create(
    *, actor: User, title: str, kind: str, recurrence: str, first_on: date, starts_at: time,
    chair: User, organisation: Organisation, place: str = "", video_link: str = "", duration_minutes: int = 60,
    weekday: int | None = None, team: Team | None = None, staff: list[User] | None = None,
    referral_weekday: int | None = None, referral_time: time | None = None,
) -> Meeting:
    """A meeting series of `organisation`, with its sittings of the coming weeks planned."""
    meeting = Meeting(title=title.strip(), kind=kind, recurrence=recurrence, first_on=first_on, starts_at=starts_at,
                      chair=chair, organisation=organisation, place=place.strip(), video_link=video_link.strip(),
                      duration_minutes=duration_minutes, team=team, created_by=actor,
                      weekday=first_on.weekday() if recurrence == Meeting.Recurrence.WEEKLY and weekday is None
                      else weekday,
                      referral_weekday=referral_weekday, referral_time=referral_time)
    require_organiser(actor, meeting)
    _check_own_organisation(meeting, staff or [])
    # a first day in the year 9999 would overflow the planning of the sittings (a 500, found by the hostile sweep)
    bounds.raise_errors(bounds.planning_date(first_on, "first_on"))
    _validate_series(meeting)
    if recurrence == Meeting.Recurrence.SINGLE and Meeting.start_time(first_on, starts_at) <= timezone.now():
        raise ValidationError({"first_on": _("Choose a moment in the future.")})
    meeting.save()
    if staff:
        meeting.staff.set(staff)
    _record_meeting(Action.CREATE, meeting, actor, f"kind:{kind} recurrence:{recurrence}")
    occurrences_plan(meeting=meeting, until=max(first_on, timezone.localdate()) + timedelta(weeks=PLAN_WEEKS))
    return meeting


def _check_own_organisation(meeting: Meeting, staff: list[User]) -> None:
    errors: dict[str, str] = {}
    if meeting.chair.organisation_id != meeting.organisation_id:
        errors["chair"] = _("The chair works for the organising organisation.")
    if meeting.team is not None and meeting.team.organisation_id != meeting.organisation_id:
        errors["team"] = _("Choose a team of the organising organisation.")
    if any(user.organisation_id != meeting.organisation_id for user in staff):
        errors["staff"] = _("Invite colleagues of the organising organisation only.")
    if errors:
        raise ValidationError(errors)


EDITABLE = ("title", "kind", "place", "video_link", "chair", "team", "referral_weekday", "referral_time")
SENT_OUT = ("title", "place", "video_link")  # what the invitations carry: a change is sent as an update


@transaction.atomic
def meeting_update(*, actor: User, meeting: Meeting, staff: list[User], **changes: Any) -> Meeting:
    """Change a series' title, kind, place or link, chair, team, invited colleagues or referral deadline.

    The times stay (move a single sitting with `occurrence_move`). When what the invitations carry
    changed, every coming sitting already sent out gets an update (SEQUENCE + 1); newly invited
    colleagues get the coming sittings already sent out."""
    require_organiser(actor, meeting)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    before = {name: getattr(meeting, name) for name in EDITABLE}
    for name, value in changes.items():
        setattr(meeting, name, value.strip() if isinstance(value, str) else value)
    _check_own_organisation(meeting, staff)
    _validate_series(meeting)
    changed = sorted(name for name in EDITABLE if getattr(meeting, name) != before[name])
    old_staff = set(meeting.staff.values_list("pk", flat=True))
    if {user.pk for user in staff} != old_staff:
        changed.append("staff")
    if not changed:
        return meeting
    meeting.save()
    meeting.staff.set(staff)
    # The audit row names the fields, never their values (a title goes out by mail, but stays out of the log).
    _record_meeting(Action.UPDATE, meeting, actor, "changed:" + ",".join(changed))
    sent = meeting.occurrences.filter(status=MeetingOccurrence.Status.PLANNED, starts__gt=timezone.now(),
                                      invitations__isnull=False).distinct()
    for occurrence in sent:
        if set(changed) & set(SENT_OUT):
            occurrence.sequence += 1
            occurrence.save(update_fields=["sequence"])
        _send_after_commit(occurrence)
    return meeting


def occurrences_plan(*, meeting: Meeting, until: date, today: date | None = None) -> list[MeetingOccurrence]:
    """Create the sittings of `meeting` from today to `until` that do not exist yet (idempotent)."""
    today = today or timezone.localdate()
    existing = set(meeting.occurrences.values_list("starts", flat=True))
    made = []
    for day in meeting.dates(today, until):
        starts = Meeting.start_time(day, meeting.starts_at)
        if starts in existing:
            continue
        made.append(MeetingOccurrence.objects.create(
            meeting=meeting, starts=starts, ends=starts + timedelta(minutes=meeting.duration_minutes)))
    return made


def referral_deadline(occurrence: MeetingOccurrence) -> datetime | None:
    return occurrence.meeting.referral_deadline(timezone.localtime(occurrence.starts))


def _check_open_for_referral(occurrence: MeetingOccurrence, now: datetime) -> None:
    if occurrence.cancelled:
        raise ValidationError({"occurrence": _("This meeting has been cancelled.")})
    if occurrence.starts <= now:
        raise ValidationError({"occurrence": _("This meeting has already started.")})
    deadline = referral_deadline(occurrence)
    if deadline is not None and now > deadline:
        local = timezone.localtime(deadline)
        raise ValidationError({"occurrence": _(
            "The referral deadline of this meeting has passed (before %(day)s %(time)s). Choose a later meeting "
            "or ask the chair.") % {"day": date_format(local, "l j F"), "time": time_format(local, "H:i")}})


def _minutes_category(case: Case) -> str:
    spec = registry.find(case.case_type)
    return (spec.meeting_category if spec else "") or NOTES


@transaction.atomic
def agenda_add(
    *, actor: User, occurrence: MeetingOccurrence, case: Case, goal: str = "",
    invited: list[Organisation] | None = None, now: datetime | None = None, notify: bool = True,
) -> AgendaItem:
    """Put `case` on the agenda of `occurrence` (before its referral deadline), inviting partners for it.

    Newly invited users get the invitation after the commit (`notify=False`: the daily command sends it)."""
    access.require(actor, access.CHANGE, case)
    bounds.raise_errors(bounds.lengths({"goal": goal}, bounds.SHORT_TEXT))
    _check_open_for_referral(occurrence, now or timezone.now())
    if occurrence.items.filter(case=case).exists():
        raise ValidationError({"occurrence": _("This case is already on the agenda of this meeting.")})
    # Lock the sitting's row so two referrals at once do not take the same number.
    MeetingOccurrence.objects.select_for_update().filter(pk=occurrence.pk).first()
    number = (occurrence.items.aggregate(top=Max("number"))["top"] or 0) + 1
    item = AgendaItem(occurrence=occurrence, case=case, data_key_id=case.data_key_id, number=number,
                      goal=goal.strip() or None, minutes_category=_minutes_category(case), added_by=actor)
    # The history row's audit event (create, with the case and its person) records the referral.
    save_with_reason(item, reason=f"agenda item added to {occurrence.pk}", user=actor)
    item.invited.set(invited or [])
    if notify:
        _send_after_commit(occurrence)
    return item


@transaction.atomic
def minutes_record(
    *, actor: User, item: AgendaItem, minutes: str, attending: list[Organisation],
    attending_users: list[User] | None = None, now: datetime | None = None,
) -> AgendaItem:
    """Attendance and minutes of one agenda item, also written to the case's own conference record."""
    case = item.case
    access.require(actor, access.CHANGE, case)
    bounds.raise_errors(bounds.lengths({"minutes": minutes}, bounds.LONG_TEXT))
    occurrence = item.occurrence
    if occurrence.cancelled:
        raise ValidationError({"minutes": _("This meeting has been cancelled.")})
    if occurrence.starts > (now or timezone.now()):
        raise ValidationError({"minutes": _("Minutes can be recorded from the start of the meeting.")})
    previous_minutes = item.minutes
    item.minutes = minutes.strip() or None
    item.recorded_at = now or timezone.now()
    save_with_reason(item, reason=f"minutes recorded; attending {len(attending)}", user=actor)
    item.attending.set(attending)
    item.attending_users.set(attending_users or [])
    if occurrence.status == MeetingOccurrence.Status.PLANNED:
        MeetingOccurrence.objects.filter(pk=occurrence.pk).update(status=MeetingOccurrence.Status.HELD)
    spec = registry.find(case.case_type)
    if spec is not None and spec.meeting_record is not None:
        spec.provider("meeting_record")(actor=actor, case=case, held_on=timezone.localdate(occurrence.starts),
                                        attending=attending, minutes=minutes, previous_minutes=previous_minutes)
    return item


@transaction.atomic
def occurrence_move(*, actor: User, occurrence: MeetingOccurrence, starts: datetime) -> MeetingOccurrence:
    """Move one sitting; the invitees get an update (SEQUENCE + 1)."""
    require_organiser(actor, occurrence.meeting, occurrence)
    if occurrence.cancelled:
        raise ValidationError({"starts": _("This meeting has been cancelled.")})
    if starts <= timezone.now():
        raise ValidationError({"starts": _("Choose a moment in the future.")})
    bounds.raise_errors(bounds.planning_date(starts.date(), "starts"))
    if occurrence.meeting.occurrences.exclude(pk=occurrence.pk).filter(starts=starts).exists():
        raise ValidationError({"starts": _("This meeting already has a sitting at that moment.")})
    length = occurrence.ends - occurrence.starts
    occurrence.starts, occurrence.ends = starts, starts + length
    occurrence.sequence += 1
    occurrence.save(update_fields=["starts", "ends", "sequence"])
    _record_meeting(Action.UPDATE, occurrence, actor, f"moved sequence:{occurrence.sequence}")
    _send_after_commit(occurrence)
    return occurrence


@transaction.atomic
def occurrence_cancel(*, actor: User, occurrence: MeetingOccurrence) -> MeetingOccurrence:
    """Cancel one sitting; everyone invited gets a cancellation (METHOD:CANCEL)."""
    require_organiser(actor, occurrence.meeting, occurrence)
    if occurrence.cancelled:
        return occurrence
    occurrence.status = MeetingOccurrence.Status.CANCELLED
    occurrence.sequence += 1
    occurrence.save(update_fields=["status", "sequence"])
    _record_meeting(Action.UPDATE, occurrence, actor, f"cancelled sequence:{occurrence.sequence}")
    _send_after_commit(occurrence)
    return occurrence


def _send_after_commit(occurrence: MeetingOccurrence) -> None:
    from casework.meetings.invitations import invitations_send

    transaction.on_commit(lambda: invitations_send(occurrence=MeetingOccurrence.objects.get(pk=occurrence.pk)))
