"""AVG 12(3) terms counted by EU Regulation 1182/71 (casework.privacy.requests.regulation_term_end)."""

from __future__ import annotations

from datetime import date

import pytest

from casework.deadlines import Calendar
from casework.privacy.requests import answer_due_on, extended_due_on, regulation_term_end

CALENDAR = Calendar()  # the statutory holidays only, no equated days: no database needed


@pytest.mark.parametrize(("received", "due"), [
    (date(2028, 1, 31), date(2028, 2, 29)),  # art. 3(2)(c): no 31 February -> last day; 2028 is a leap year
    (date(2026, 1, 30), date(2026, 3, 2)),  # 28 Feb 2026 is a Saturday -> Monday 2 March (art. 3(4))
    (date(2026, 3, 15), date(2026, 4, 15)),  # same date in the next month, a Wednesday
    (date(2026, 3, 31), date(2026, 4, 30)),  # April has no 31st -> 30 April, a Thursday
    (date(2026, 3, 27), date(2026, 4, 28)),  # 27 April is King's Day (a Monday) -> Tuesday
    (date(2026, 3, 6), date(2026, 4, 7)),  # 6 April 2026 is Easter Monday -> Tuesday
    (date(2026, 11, 25), date(2026, 12, 28)),  # Christmas (Fri), Boxing Day (Sat), Sunday -> Monday 28 Dec
    (date(2027, 1, 31), date(2027, 3, 1)),  # 28 Feb 2027 is a Sunday -> Monday 1 March
])
def test_one_month_by_regulation_1182_71(received, due):
    assert regulation_term_end(event=received, months=1, calendar=CALENDAR) == due


def test_the_day_of_receipt_does_not_count():
    # Art. 3(1): a period starting from an event begins the next day, so a month ends on the same date.
    assert regulation_term_end(event=date(2026, 6, 10), months=1, calendar=CALENDAR) == date(2026, 7, 10)


def test_the_extension_runs_three_months_from_receipt():
    assert regulation_term_end(event=date(2026, 1, 31), months=3, calendar=CALENDAR) == date(2026, 4, 30)
    assert regulation_term_end(event=date(2026, 2, 5), months=3, calendar=CALENDAR) == date(2026, 5, 6)  # 5 May


def test_a_term_needs_a_positive_length():
    with pytest.raises(ValueError):
        regulation_term_end(event=date(2026, 1, 1), months=0, calendar=CALENDAR)


@pytest.mark.django_db
def test_the_public_helpers_ignore_days_equated_under_the_atw():
    """Regulation 1182/71 knows the Netherlands' public holidays, not the Atw's decree days (issue 13):
    an equated day on the last day does not move the answer."""
    from casework.models import EquatedDay

    EquatedDay.objects.create(date=date(2026, 4, 15), description="test: equated day", source="test")
    assert answer_due_on(date(2026, 3, 15)) == date(2026, 4, 15)
    assert extended_due_on(date(2026, 1, 15)) == date(2026, 4, 15)
