"""Counted days: the anomaly rules' counts of each ended local day, kept in the audit database (ADR 0053).

A rule over a period reads, for every day of it that ended at least `GRACE` ago, the day's rows of
`audit.EventCount` (a few per actor) instead of all the day's events; only the rest of the period (today,
as a rule) is read from the events. A day is counted once, by whoever needs it first — the page that shows
the period, or the daily `count_audit_days` job that keeps yesterday counted — and never changes after.

Why a day can be counted once and for all: an event's time is set when it is appended, under the chain's
lock, in the transaction that stores it (audit/chain.py `append`), so no event arrives later for a time
long past. `GRACE` (one hour) covers an append's transaction that is still open when its day ends. Bulk
loading of past events (`seed_scale`) is the exception: it runs before anyone reads the period.

This module knows days and rows; which counts a rule keeps is the rules' business
(casework/privacy/anomalies.py `count_day`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.models import AUDIT_ALIAS, AuditEvent, CountedDay, EventCount

LOCAL = ZoneInfo("Europe/Amsterdam")
GRACE = timedelta(hours=1)
# Days one request counts at most (about 0.1 s each at 30,000 events a day); a period with more uncounted days
# reads the rest from the events this time. The daily job keeps the days counted ahead of the pages.
COUNT_PER_REQUEST = 31


@dataclass(frozen=True)
class Part:
    """A stretch of a period: read from the counts of `days` (first, last), or from the events (None)."""

    start: datetime
    end: datetime
    days: tuple[date, date] | None = None


def bounds(day: date) -> tuple[datetime, datetime]:
    """The local day as [start, end) in time."""
    start = datetime.combine(day, datetime.min.time(), tzinfo=LOCAL)
    return start, datetime.combine(day + timedelta(days=1), datetime.min.time(), tzinfo=LOCAL)


def countable(start: datetime, end: datetime, *, now: datetime | None = None) -> list[date]:
    """The local days lying wholly in [start, end) that ended at least GRACE before `now`, oldest first."""
    now = now or timezone.now()
    day = start.astimezone(LOCAL).date()
    if bounds(day)[0] < start:
        day += timedelta(days=1)
    days = []
    while bounds(day)[1] <= end and bounds(day)[1] + GRACE <= now:
        days.append(day)
        day += timedelta(days=1)
    return days


def parts(start: datetime, end: datetime, *, count: Callable[[date], object],
          now: datetime | None = None) -> list[Part]:
    """[start, end) as stretches of counted days and stretches read from the events, in order. Uncounted
    days that may be counted are counted first (`count(day)`), at most COUNT_PER_REQUEST of them."""
    days = countable(start, end, now=now)
    missing = uncounted(days)
    for day in missing[:COUNT_PER_REQUEST]:
        count(day)
    left = set(missing[COUNT_PER_REQUEST:])
    runs: list[list[date]] = []
    for day in days:
        if day in left:
            continue
        if runs and day == runs[-1][1] + timedelta(days=1):
            runs[-1][1] = day
        else:
            runs.append([day, day])
    found: list[Part] = []
    cursor = start
    for first, last in runs:
        run_start, run_end = bounds(first)[0], bounds(last)[1]
        if cursor < run_start:
            found.append(Part(cursor, run_start))
        found.append(Part(run_start, run_end, (first, last)))
        cursor = run_end
    if cursor < end:
        found.append(Part(cursor, end))
    return found


def uncounted(days: list[date]) -> list[date]:
    """Which of `days` have no counts yet (one query)."""
    if not days:
        return []
    done = set(CountedDay.objects.using(AUDIT_ALIAS).filter(day__gte=days[0], day__lte=days[-1])
               .values_list("day", flat=True))
    return [day for day in days if day not in done]


def store(day: date, counts: Iterable[EventCount]) -> bool:
    """The day's counts and its mark, in one transaction; False when another process counted it first."""
    start, end = bounds(day)
    events = AuditEvent.objects.using(AUDIT_ALIAS)
    last = events.filter(occurred_at__lt=end).order_by("-occurred_at", "-sequence").values_list(
        "sequence", flat=True).first()
    try:
        with transaction.atomic(using=AUDIT_ALIAS):
            CountedDay.objects.using(AUDIT_ALIAS).create(
                day=day, last_sequence=last or 0, counted_at=timezone.now(),
                events=events.filter(occurred_at__gte=start, occurred_at__lt=end).count())
            EventCount.objects.using(AUDIT_ALIAS).bulk_create(counts, batch_size=1000)
    except IntegrityError:
        return False
    return True
