"""Invitations, updates and cancellations of a sitting as iCalendar (.ics) by mail.

A mail leaves the system's protection (mail servers, phones, calendars shared with colleagues), so
its subject, body and .ics carry only the meeting's title, time, place or video link and a link into
the application — never an agenda item, a case reference or a name (no ATTENDEE lines either: the
invitees' addresses stay out of each other's calendars). Each invitee gets their own mail.

Idempotent: `InvitationSent` keeps which invitee got which version (`sequence`) of a sitting, so a
second run, or the daily command after a service already sent, sends nothing twice. A moved sitting
raises the sequence (an update, METHOD:REQUEST); a cancelled one goes out as METHOD:CANCEL to those
who were invited.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress

from accounts.models import User
from casework.meetings.models import InvitationSent, Meeting, MeetingOccurrence

REQUEST, CANCEL = "REQUEST", "CANCEL"
LOOK_AHEAD_DAYS = 14  # the daily command invites for the sittings of the coming two weeks


def occurrence_link(occurrence: MeetingOccurrence) -> str:
    return settings.APP_BASE_URL + reverse("casework:meeting_occurrence", kwargs={"occurrence_id": occurrence.pk})


def invitees(occurrence: MeetingOccurrence) -> list[User]:
    """The chair, the invited colleagues and the active users of every organisation invited for an item."""
    meeting = occurrence.meeting
    organisations = occurrence.items.values("invited")
    found = User.objects.filter(
        Q(pk=meeting.chair_id) | Q(pk__in=meeting.staff.values("pk")) | Q(organisation_id__in=organisations),
        is_active=True,
    ).exclude(email="").order_by("username")
    return list(found)


def _when(occurrence: MeetingOccurrence) -> str:
    local = timezone.localtime(occurrence.starts)
    return f"{date_format(local, 'l j F Y')} {date_format(local, 'H:i')}"


def message_text(occurrence: MeetingOccurrence, method: str) -> tuple[str, str]:
    """(subject, body): title, time, place or link, and the link into the application only."""
    meeting = occurrence.meeting
    values = {"title": meeting.title, "when": _when(occurrence)}
    if method == CANCEL:
        subject = _("Cancelled: %(title)s, %(when)s") % values
    elif occurrence.sequence:
        subject = _("Changed: %(title)s, %(when)s") % values
    else:
        subject = _("Invitation: %(title)s, %(when)s") % values
    lines = [meeting.title, _("When: %(when)s") % values]
    if meeting.place:
        lines.append(_("Where: %(place)s") % {"place": meeting.place})
    if meeting.video_link:
        lines.append(_("Video link: %(link)s") % {"link": meeting.video_link})
    lines += ["", _("This meeting has been cancelled.") if method == CANCEL else
              _("The agenda is in the application; you see the items you have access to:"),
              occurrence_link(occurrence)]
    return subject, "\n".join(lines)


def ics(occurrence: MeetingOccurrence, method: str, *, now: datetime | None = None) -> bytes:
    """The iCalendar object of one sitting (RFC 5545/5546), without agenda, names or references."""
    meeting = occurrence.meeting
    calendar = Calendar()
    calendar.add("prodid", "-//Zorgveilig//Overleggen//NL")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    event = Event()
    event.add("uid", f"{occurrence.pk}@zorgveilig")
    event.add("sequence", occurrence.sequence)
    event.add("dtstamp", (now or timezone.now()).astimezone(UTC))
    event.add("dtstart", occurrence.starts.astimezone(UTC))
    event.add("dtend", occurrence.ends.astimezone(UTC))
    event.add("summary", meeting.title)
    event.add("location", meeting.place or meeting.video_link)
    event.add("url", occurrence_link(occurrence))
    event.add("description", message_text(occurrence, method)[1])
    event.add("organizer", vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL}"))
    event.add("status", "CANCELLED" if method == CANCEL else "CONFIRMED")
    calendar.add_component(event)
    return calendar.to_ical()


def _recipients(occurrence: MeetingOccurrence, method: str) -> list[User]:
    done = set(occurrence.invitations.filter(sequence=occurrence.sequence, method=method)
               .values_list("user_id", flat=True))
    if method == CANCEL:
        invited = set(occurrence.invitations.filter(method=REQUEST).values_list("user_id", flat=True))
        users = list(User.objects.filter(pk__in=invited - done, is_active=True).exclude(email="").order_by("username"))
    else:
        users = [user for user in invitees(occurrence) if user.pk not in done]
    return users


def invitations_send(*, occurrence: MeetingOccurrence, now: datetime | None = None) -> int:
    """Send the current version of `occurrence` to every invitee who has not had it; returns the count."""
    now = now or timezone.now()
    if occurrence.cancelled:
        method = CANCEL
    elif occurrence.starts > now and occurrence.status == MeetingOccurrence.Status.PLANNED:
        method = REQUEST
    else:
        return 0
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        subject, body = message_text(occurrence, method)
        attachment = ics(occurrence, method, now=now)
        for user in _recipients(occurrence, method):
            mail = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
            mail.attach("uitnodiging.ics", attachment, f"text/calendar; method={method}; charset=UTF-8")
            mail.send(fail_silently=False)
            InvitationSent.objects.create(occurrence=occurrence, user=user, sequence=occurrence.sequence,
                                          method=method)
            sent += 1
    return sent


def upcoming_send(*, now: datetime | None = None, days: int = LOOK_AHEAD_DAYS) -> tuple[int, int]:
    """Plan the weekly series ahead and invite for the sittings of the coming `days` days.

    Returns (sittings planned, mails sent). Run daily by `manage.py send_meeting_invitations`.
    """
    from casework.meetings.services import PLAN_WEEKS, occurrences_plan

    now = now or timezone.now()
    today = timezone.localdate(now)
    planned = sum(len(occurrences_plan(meeting=meeting, until=today + timedelta(weeks=PLAN_WEEKS), today=today))
                  for meeting in Meeting.objects.filter(recurrence=Meeting.Recurrence.WEEKLY))
    upcoming = MeetingOccurrence.objects.filter(starts__gt=now, starts__lte=now + timedelta(days=days)) \
        .select_related("meeting").order_by("starts")
    sent = sum(invitations_send(occurrence=occurrence, now=now) for occurrence in upcoming)
    return planned, sent
