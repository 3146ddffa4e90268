"""Awb terms with the Algemene termijnenwet (casework/deadlines.py), on concrete dates."""

from __future__ import annotations

import pickle
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casework.deadlines import (
    Calendar,
    kings_day,
    objection_deadline,
    statutory_holidays,
    term_end,
    term_start_backwards,
)
from casework.models import EquatedDay

PLAIN = Calendar()  # no equated days from the database


def test_holidays_2026():
    assert statutory_holidays(2026) == {
        date(2026, 1, 1), date(2026, 4, 3), date(2026, 4, 6), date(2026, 4, 27), date(2026, 5, 5),
        date(2026, 5, 14), date(2026, 5, 25), date(2026, 12, 25), date(2026, 12, 26),
    }


def test_kings_day_moves_to_the_26th_when_the_27th_is_a_sunday():
    assert kings_day(2025) == date(2025, 4, 26)  # 27 April 2025 is a Sunday
    assert kings_day(2026) == date(2026, 4, 27)


def test_objection_term_is_six_weeks_from_the_day_after_announcement():
    # Announced Monday 2 November 2026: the term ends Monday 14 December 2026.
    assert objection_deadline(announced_on=date(2026, 11, 2), calendar=PLAIN) == date(2026, 12, 14)


def test_term_ending_on_christmas_runs_past_boxing_day_and_the_weekend():
    # Friday 13 November 2026 + 6 weeks = Friday 25 December; 26 Sat (Boxing Day), 27 Sun -> Mon 28.
    assert objection_deadline(announced_on=date(2026, 11, 13), calendar=PLAIN) == date(2026, 12, 28)


def test_term_ending_on_good_friday_runs_to_the_tuesday_after_easter():
    # Friday 20 February 2026 + 6 weeks = Good Friday 3 April; Sat, Sun, Easter Monday -> Tue 7 April.
    assert objection_deadline(announced_on=date(2026, 2, 20), calendar=PLAIN) == date(2026, 4, 7)


def test_term_ending_on_ascension_day_moves_to_friday():
    assert term_end(event=date(2026, 4, 30), weeks=2, calendar=PLAIN) == date(2026, 5, 15)


def test_term_ending_on_kings_day_saturday_2025_moves_to_monday():
    assert term_end(event=date(2025, 4, 12), weeks=2, calendar=PLAIN) == date(2025, 4, 28)


def test_art2_a_three_day_term_contains_two_working_days():
    # Event Thursday 10 December 2026: Fri 11, Sat 12, Sun 13 -> art. 1 gives Mon 14, which already
    # holds two working days (Fri 11, Mon 14).
    assert term_end(event=date(2026, 12, 10), days=3, calendar=PLAIN) == date(2026, 12, 14)
    # Event Wednesday 23 December 2026: Thu 24, Fri 25 (Christmas), Sat 26 (Boxing Day) -> Mon 28;
    # working days Thu 24 and Mon 28.
    assert term_end(event=date(2026, 12, 23), days=3, calendar=PLAIN) == date(2026, 12, 28)
    # Event Thursday 24 December 2026: Fri 25, Sat 26, Sun 27 hold no working day; art. 1 gives
    # Mon 28 (one working day); art. 2 needs a second one: Tue 29.
    assert term_end(event=date(2026, 12, 24), days=3, calendar=PLAIN) == date(2026, 12, 29)


def test_art2_does_not_apply_to_terms_shorter_than_three_days():
    assert term_end(event=date(2026, 12, 24), days=2, calendar=PLAIN) == date(2026, 12, 28)


def test_non_statutory_terms_are_counted_plainly():
    assert term_end(event=date(2026, 11, 13), weeks=6, statutory=False) == date(2026, 12, 25)


def test_backward_terms_are_not_extended():
    # Two weeks before a hearing on Monday 4 January 2027 is Monday 21 December 2026, and a
    # backward count landing on Christmas stays there.
    assert term_start_backwards(before=date(2027, 1, 4), weeks=2) == date(2026, 12, 21)
    assert term_start_backwards(before=date(2027, 1, 8), weeks=2) == date(2026, 12, 25)


def test_month_terms_end_on_the_same_day_number():
    assert term_end(event=date(2026, 1, 31), months=1, statutory=False) == date(2026, 2, 28)


def test_a_term_needs_a_positive_length():
    with pytest.raises(ValueError):
        term_end(event=date(2026, 1, 1))
    with pytest.raises(ValueError):
        term_end(event=date(2026, 1, 1), days=-1)


@pytest.mark.django_db
def test_days_equated_by_royal_decree_come_from_the_table():
    # Monday 14 December 2026 would be the end; a (fictitious test) decree equates it to a holiday.
    EquatedDay.objects.create(date=date(2026, 12, 14), description="Testdag gelijkgesteld")
    assert objection_deadline(announced_on=date(2026, 11, 2)) == date(2026, 12, 15)


@pytest.mark.django_db
def test_the_equated_days_are_read_when_a_day_is_first_judged(django_assert_num_queries):
    """A page builds one calendar for every term it may compute (`calendar_around`); it reads the equated days
    when a day is first judged, once, and a calendar kept in the cache is pickled with them."""
    EquatedDay.objects.create(date=date(2026, 12, 14), description="Testdag gelijkgesteld")
    with django_assert_num_queries(0):
        calendar = Calendar.atw(2026)
    with django_assert_num_queries(1):
        assert calendar.is_rest_day(date(2026, 12, 14)) and not calendar.is_rest_day(date(2026, 12, 15))
    with django_assert_num_queries(0):
        assert calendar.is_rest_day(date(2026, 12, 14))
    unread = Calendar.atw(2026)
    with django_assert_num_queries(1):
        kept = pickle.dumps(unread)
    with django_assert_num_queries(0):
        assert pickle.loads(kept).is_rest_day(date(2026, 12, 14))  # noqa: S301 - our own bytes


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)), st.integers(1, 120))
def test_statutory_term_never_ends_on_a_rest_day_nor_before_the_plain_end(event, days):
    end = term_end(event=event, days=days, calendar=PLAIN)
    assert not PLAIN.is_rest_day(end)
    assert end >= term_end(event=event, days=days, statutory=False)
    if days >= 3:
        assert PLAIN.working_days_between(event + timedelta(days=1), end) >= 2


# --- the two calendars (issue 13): Atw decree days count for statutory terms, never for Reg. 1182/71 ---

DECREE_DAYS = (date(2026, 1, 2), date(2026, 5, 15), date(2027, 5, 7), date(2028, 4, 28), date(2028, 5, 26))


@pytest.mark.django_db
def test_the_known_decree_days_are_seeded_with_their_decree():
    seeded = {day.date: day for day in EquatedDay.objects.filter(date__in=DECREE_DAYS)}
    assert set(seeded) == set(DECREE_DAYS)
    assert all("art. 3 lid 3 Atw" in day.source and day.description for day in seeded.values())


@pytest.mark.django_db
@pytest.mark.parametrize(("announced", "deadline"), [
    (date(2025, 11, 21), date(2026, 1, 5)),  # six weeks end on Fri 2 Jan 2026, equated -> Monday 5 Jan
    (date(2026, 4, 3), date(2026, 5, 18)),  # ... on Fri 15 May 2026, equated (after Ascension) -> Monday 18 May
    (date(2027, 3, 26), date(2027, 5, 10)),  # ... on Fri 7 May 2027, equated -> Monday 10 May
    (date(2028, 3, 17), date(2028, 5, 1)),  # ... on Fri 28 April 2028, equated (after King's Day) -> Monday 1 May
    (date(2028, 4, 14), date(2028, 5, 29)),  # ... on Fri 26 May 2028, equated -> Monday 29 May
])
def test_an_objection_term_over_a_decree_day_runs_on(announced, deadline):
    assert objection_deadline(announced_on=announced) == deadline  # the Atw calendar with the seeded days
    assert objection_deadline(announced_on=announced, calendar=PLAIN) == deadline - timedelta(days=3)


@pytest.mark.django_db
def test_the_regulation_calendar_ignores_decree_days():
    from casework.privacy.requests import answer_due_on

    # One month from 7 April 2027 ends on Friday 7 May 2027: a decree day for the Atw, a working day
    # for Regulation 1182/71, so the AVG answer is due that day, not on Monday 10 May.
    assert answer_due_on(date(2027, 4, 7)) == date(2027, 5, 7)
    assert not Calendar.regulation_1182_71(2027).is_rest_day(date(2027, 5, 7))
    assert Calendar.atw(2027).is_rest_day(date(2027, 5, 7))
    assert Calendar.regulation_1182_71(2026).is_rest_day(date(2026, 4, 3))  # Good Friday is a public holiday
