"""The meetings cast: a weekly triage of the regisseur's organisation (Tuesday 10:00, referrals before
Monday 12:00) with a sitting next week, a PGA case of the regisseur on it."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.utils import timezone

from casework.meetings.models import Meeting, MeetingOccurrence
from casework.meetings.services import meeting_create
from casework.pga import workflow as pga
from tests.factories.casework import make_pga_case


def next_weekday(weekday: int, *, after_days: int = 7):
    day = timezone.localdate() + timedelta(days=after_days)
    return day + timedelta(days=(weekday - day.weekday()) % 7)


@pytest.fixture
def triage(regisseur) -> Meeting:
    return meeting_create(actor=regisseur, title="Wekelijkse triage", kind=Meeting.Kind.TRIAGE,
                          recurrence=Meeting.Recurrence.WEEKLY, weekday=1, first_on=next_weekday(1),
                          starts_at=time(10, 0), chair=regisseur, organisation=regisseur.organisation,
                          place="Stadhuis, zaal 2", referral_weekday=0, referral_time=time(12, 0))


@pytest.fixture
def sitting(triage) -> MeetingOccurrence:
    return triage.occurrences.order_by("starts").first()


@pytest.fixture
def case(regisseur):
    return make_pga_case(owner=regisseur, status=pga.IN_BEHANDELING)


@pytest.fixture
def make_pga_case_for():
    def _make(owner):
        return make_pga_case(owner=owner, status=pga.IN_BEHANDELING)
    return _make
