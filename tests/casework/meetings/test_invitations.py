"""Invitations, updates and cancellations as .ics by mail: only title, time, place or link and a link
into the application — never an agenda item, case reference or name; sent once per version."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from icalendar import Calendar

from casework.meetings.invitations import invitations_send, upcoming_send
from casework.meetings.services import agenda_add, occurrence_cancel, occurrence_move

pytestmark = pytest.mark.django_db(databases="__all__")


@pytest.fixture
def agenda(regisseur, sitting, case, partner_org, partner, make_pga_case_for):
    other = make_pga_case_for(regisseur)
    before = timezone.localtime(sitting.starts) - timedelta(days=3)
    for number, one in enumerate((case, other)):
        agenda_add(actor=regisseur, occurrence=sitting, case=one, goal=f"Doel {number}", invited=[partner_org],
                   now=before)
    return [case, other]


def _secrets(cases) -> list[str]:
    found = []
    for case in cases:
        found += [case.reference, str(case.pk), case.person.surname, case.person.first_names, case.person.address]
    return found


def _calendars() -> list[Calendar]:
    return [Calendar.from_ical(content) for message in mail.outbox for _name, content, _type in message.attachments]


def test_invitees_get_one_ics_each_without_case_references_or_names(regisseur, partner, sitting, agenda):
    mail.outbox.clear()
    assert invitations_send(occurrence=sitting) == 2  # the chair and the invited partner's user
    assert sorted(m.to[0] for m in mail.outbox) == sorted([regisseur.email, partner.email])
    for message in mail.outbox:
        [(_name, content, content_type)] = message.attachments
        text = " ".join([message.subject, message.body, content.decode() if isinstance(content, bytes) else content])
        assert not [secret for secret in _secrets(agenda) if secret and secret in text]
        assert "Wekelijkse triage" in message.subject and "Stadhuis, zaal 2" in message.body
        assert "method=REQUEST" in content_type
    event = _calendars()[0].walk("VEVENT")[0]
    assert (str(_calendars()[0]["METHOD"]), int(event["SEQUENCE"]), str(event["SUMMARY"])) == (
        "REQUEST", 0, "Wekelijkse triage")
    assert str(sitting.pk) in str(event["URL"]) and "ATTENDEE" not in event
    assert invitations_send(occurrence=sitting) == 0  # once per version


def test_a_move_sends_an_update_and_a_cancellation_goes_to_everyone_invited(regisseur, sitting, agenda, partner,
                                                                             django_capture_on_commit_callbacks):
    invitations_send(occurrence=sitting)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        occurrence_move(actor=regisseur, occurrence=sitting, starts=sitting.starts + timedelta(hours=2))
    assert len(mail.outbox) == 2 and all(m.subject.startswith("Gewijzigd") for m in mail.outbox)
    assert {int(c.walk("VEVENT")[0]["SEQUENCE"]) for c in _calendars()} == {1}
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        occurrence_cancel(actor=regisseur, occurrence=sitting)
    assert len(mail.outbox) == 2 and all(m.subject.startswith("Geannuleerd") for m in mail.outbox)
    calendar = _calendars()[0]
    assert (str(calendar["METHOD"]), int(calendar.walk("VEVENT")[0]["SEQUENCE"])) == ("CANCEL", 2)
    body = " ".join(m.body for m in mail.outbox)
    assert not [secret for secret in _secrets(agenda) if secret and secret in body]


def test_the_daily_command_plans_ahead_and_invites_for_the_coming_sittings(regisseur, triage, sitting, agenda):
    mail.outbox.clear()
    _planned, sent = upcoming_send(now=sitting.starts - timedelta(days=2))
    assert sent == len(mail.outbox) >= 2  # this sitting: chair and partner; a later one: the chair only
    assert len([m for m in mail.outbox if str(sitting.pk) in m.body]) == 2
    call_command("send_meeting_invitations", "--days", "30", stdout=StringIO())
    assert len([m for m in mail.outbox if str(sitting.pk) in m.body]) == 2  # nothing twice
