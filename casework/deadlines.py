"""Statutory terms: Awb terms with the Algemene termijnenwet (Atw), and the calendar of EU
Regulation 1182/71.

Two calendars (`Calendar.atw()`, `Calendar.regulation_1182_71()`):
- the Atw calendar: Saturdays, Sundays, the generally recognised holidays of Atw art. 3 lid 1,
  Good Friday (equated by art. 3 lid 2 itself) and the days equated by royal decree under art. 3
  lid 3 (the `EquatedDay` table: data with its decree, maintained by a team lead);
- the Regulation 1182/71 calendar (periods of EU law, e.g. the answer to a data-subject request
  under AVG 12(3)): Saturdays, Sundays and the public holidays of the Netherlands — the same
  holidays, without the Atw decree days, which are a Dutch statutory device the regulation does not
  know (art. 2(2): the public holidays of the Member State).


- Atw art. 1: a statutory term that ends on a Saturday, Sunday or generally recognised holiday
  runs to the next day that is none of these. Terms counted backwards are not extended (art. 1
  lid 2 excludes them).
- Atw art. 2: a term of at least three days runs on until it contains at least two days that are
  not a Saturday, Sunday or holiday.
- Atw art. 3: the holidays (lid 1: New Year's Day, Easter Monday, Ascension Day, Whit Monday,
  Christmas and Boxing Day, King's Day, 5 May), Good Friday (lid 2) and days equated by royal
  decree (lid 3: the `EquatedDay` table, so a new decree is data, not code).
- Atw art. 1 lid 2 and art. 4: terms counted backwards, and long terms (e.g. the one-year
  limitation of Awb 5:35), are not extended; callers count those plainly.

Awb terms (objection 6:7/6:8, view 4:8 by policy) start on the day after the event: a six-week
objection term after an announcement on day D ends at the end of D + 6 weeks. Easter comes from
python-dateutil, not hand-rolled.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

MIN_TERM_DAYS_FOR_ART2 = 3
MIN_WORKING_DAYS_ART2 = 2


def kings_day(year: int) -> date:
    """27 April, or 26 April when the 27th is a Sunday (Wet van 2013 / Atw art. 3)."""
    day = date(year, 4, 27)
    return day - timedelta(days=1) if day.weekday() == 6 else day


@lru_cache(maxsize=64)
def statutory_holidays(year: int) -> frozenset[date]:
    """Generally recognised holidays of Atw art. 3 lid 1, plus Good Friday (equated by art. 3 lid 2).

    The same days are the Netherlands' public holidays for EU Regulation 1182/71."""
    easter_sunday = easter(year)
    return frozenset({
        date(year, 1, 1),
        easter_sunday - timedelta(days=2),  # Good Friday
        easter_sunday + timedelta(days=1),  # Easter Monday
        kings_day(year),
        date(year, 5, 5),
        easter_sunday + timedelta(days=39),  # Ascension Day
        easter_sunday + timedelta(days=50),  # Whit Monday
        date(year, 12, 25),
        date(year, 12, 26),
    })


def equated_days(years: Iterable[int]) -> frozenset[date]:
    """Days equated to holidays by royal decree, from the EquatedDay table."""
    from casework.models import EquatedDay

    return frozenset(EquatedDay.objects.filter(date__year__in=list(years)).values_list("date", flat=True))


class Calendar:
    """Answers 'is this a day on which a term may not end' for a span of years."""

    ATW = "atw"
    REGULATION_1182_71 = "regulation_1182_71"

    def __init__(self, extra_days: Iterable[date] = (), *, kind: str = ATW,
                 load: Callable[[], Iterable[date]] | None = None) -> None:
        """`extra_days` rest days besides the weekend and the holidays; or `load`, asked for them when a day is first
        judged (a page that builds a calendar for every term it may compute, and computes none, queries nothing)."""
        self._load = load or (lambda: extra_days)
        self.kind = kind

    @functools.cached_property
    def _extra(self) -> frozenset[date]:
        return frozenset(self._load())

    def __getstate__(self) -> dict[str, Any]:
        """Pickled (a calendar kept in the cache) with its days, loaded first if they were not yet."""
        return {"_extra": self._extra, "kind": self.kind}

    @classmethod
    def atw(cls, *years: int) -> Calendar:
        """The Algemene termijnenwet: holidays, Good Friday and the days equated by decree (one query, when a day is
        first judged)."""
        return cls(kind=cls.ATW, load=functools.partial(equated_days, range(min(years) - 1, max(years) + 2)))

    for_years = atw  # the calendar of Dutch statutory terms

    @classmethod
    def regulation_1182_71(cls, *years: int) -> Calendar:
        """EU Regulation 1182/71: the Netherlands' public holidays, no Atw decree days (no query)."""
        return cls((), kind=cls.REGULATION_1182_71)

    def is_rest_day(self, day: date) -> bool:
        return day.weekday() >= 5 or day in statutory_holidays(day.year) or day in self._extra

    def next_working_day(self, day: date) -> date:
        while self.is_rest_day(day):
            day += timedelta(days=1)
        return day

    def working_days_between(self, first: date, last: date) -> int:
        """Working days in [first, last], both inclusive."""
        count, day = 0, first
        while day <= last:
            count += not self.is_rest_day(day)
            day += timedelta(days=1)
        return count


def term_end(
    *,
    event: date,
    days: int = 0,
    weeks: int = 0,
    months: int = 0,
    statutory: bool = True,
    calendar: Calendar | None = None,
) -> date:
    """Last day of a term that starts the day after `event` (e.g. an announcement).

    `statutory` terms are extended under Atw art. 1 and 2; terms a municipality sets itself
    (e.g. a policy term for a view) can pass statutory=False to be counted plainly.
    """
    if min(days, weeks, months) < 0 or not (days or weeks or months):
        raise ValueError("a term needs a positive length")
    plain_end = event + relativedelta(days=days, weeks=weeks, months=months)
    if not statutory:
        return plain_end
    calendar = calendar or Calendar.for_years(event.year, plain_end.year)
    end = calendar.next_working_day(plain_end)  # art. 1
    if (plain_end - event).days >= MIN_TERM_DAYS_FOR_ART2:
        first_day = event + timedelta(days=1)
        while calendar.working_days_between(first_day, end) < MIN_WORKING_DAYS_ART2:  # art. 2
            end = calendar.next_working_day(end + timedelta(days=1))
    return end


def term_start_backwards(*, before: date, days: int = 0, weeks: int = 0, months: int = 0) -> date:
    """A term counted backwards from `before` (e.g. 'at least 2 weeks before the hearing').

    Not extended: the Atw does not apply to terms counted backwards.
    """
    if min(days, weeks, months) < 0 or not (days or weeks or months):
        raise ValueError("a term needs a positive length")
    return before - relativedelta(days=days, weeks=weeks, months=months)


def objection_deadline(*, announced_on: date, calendar: Calendar | None = None) -> date:
    """Awb 6:7/6:8: six weeks from the day after the announcement, extended by the Atw."""
    return term_end(event=announced_on, weeks=6, calendar=calendar)


WKPB_DAYS = 4


def wkpb_deadline(*, effective_on: date, calendar: Calendar | None = None) -> date:
    """Wet kenbaarheid publiekrechtelijke beperkingen art. 5: the mayor registers a closure
    (art. 13b Opiumwet, art. 174a Gemeentewet) within four days. A term set by statute, so the Atw
    applies (art. 1 and 2): four days after a sealing on Tuesday 28 April 2026 end on Monday 4 May,
    not on Saturday 2 May; after 23 December 2026 on Monday 28 December, not on Sunday 27 December.
    """
    return term_end(event=effective_on, days=WKPB_DAYS, calendar=calendar)


def working_days_after(start: date, days: int, *, calendar: Calendar | None = None) -> date:
    """The day on which `days` working days have passed after `start` (e.g. PGA triage: contact
    within 5 working days after the referral). Weekends, Atw holidays and equated days do not count.
    """
    if days <= 0:
        raise ValueError("count at least one working day")
    calendar = calendar or Calendar.for_years(start.year, start.year + 1)
    day, counted = start, 0
    while counted < days:
        day += timedelta(days=1)
        counted += not calendar.is_rest_day(day)
    return day
