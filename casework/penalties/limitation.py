"""Limitation (verjaring) of forfeited penalties, for every case type that imposes an order under
penalty (last onder dwangsom): each forfeiture's own date, recomputed on every event (ADR 0011).

The law (since 1 April 2021, Stb. 2020, 500):
- Awb 5:35 lid 1: the claim to a forfeited penalty expires one year after the day it was
  forfeited. Each forfeited amount runs its own term (ABRvS 10 May 2017, AB 2017/258).
- Awb 5:35 lid 2: if on the day the claim would expire an objection, appeal or higher appeal
  against the order is *open* (its term is running) or *pending*, the term is extended until the
  decision on it is irrevocable.
- Awb 5:37a lid 1: a collection decision (beschikking tot invordering) interrupts (stuit) the term.
- Awb 5:37a lid 2: if on that day a request for a collection decision (5:37 lid 2) is pending,
  the term is extended until the decision on the request is irrevocable.
- Awb 5:37a lid 3: likewise while an objection or (higher) appeal against refusing such a request,
  or against not deciding on it in time, is open or pending.
- Awb 5:37a lid 4: if on that day the collection decision is suspended by the interim-relief
  judge, the term is extended by the duration of the suspension.

Our reading, where the law leaves a choice (documented so it can be challenged):
- The date stored is the *last day* of the term: the claim is time-barred after the end of that
  day, so `forfeiture_mark_expired` is refused on and before it. Forfeited on 10 March 2026 →
  limitation date 10 March 2027 (calendar year, 29 February → 28 February). The term is not
  extended under the Algemene termijnenwet: it is no term within which someone must act, and the
  earlier date is the safe one for warnings.
- "Until irrevocable" (lid 2 of both articles) ends on the last day of the open term or on the day
  of the decision that ends the pending procedure: an objection decided → the appeal term
  (6 weeks, Awb 6:7, counted from the decision with the Atw) is open; an appeal (beroep) ruled →
  the higher-appeal term is open; a higher appeal ruled → irrevocable. A withdrawn objection or
  request ends on its withdrawal. These periods chain: when the extended date falls in the next
  open or pending period, it is extended again.
- Interruption (5:37a lid 1) starts a new term of one year from the announcement of the
  collection decision (the decision takes effect when announced, Awb 3:40; the new term has the
  length of the original, as after an interruption under Awb 4:105/4:106). A decision announced
  after the claim expired interrupts nothing (and the service refuses to record it).
- A period without an end (still pending) that covers the day the claim would expire keeps the
  claim alive without a date: `limitation_date` is empty and `limitation_paused_since` holds the
  day the term reached; the date returns when the period ends and the forfeiture is recomputed.
- Periods recorded by the officer (`LimitationEvent`) apply to one forfeiture or, when it names
  none, to every forfeiture of the order.
Warnings: 3 months and 1 month before each date (`limitation_warnings`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext_lazy as _

from casework.deadlines import term_end
from casework.remedies.models import Announcement, Appeal, Objection
from casework.remedies.selectors import about

TERM = relativedelta(years=1)  # Awb 5:35 lid 1
APPEAL_TERM_WEEKS = 6  # Awb 6:7
UNTIL_RESOLVED = "until_resolved"  # 5:35 lid 2, 5:37a lid 2 and 3: extended until irrevocable
DURATION = "duration"  # 5:37a lid 4: extended by the duration of the suspension
WARN_FIRST = relativedelta(months=3)
WARN_SECOND = relativedelta(months=1)


@dataclass(frozen=True)
class Period:
    """A span during which a remedy, request or suspension is open or pending (end None: still is)."""

    start: date
    end: date | None
    effect: str = UNTIL_RESOLVED
    rule: str = "5:35(2)"

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Limitation:
    """The outcome for one forfeiture: a date, or no date while a period without end keeps it open."""

    limitation_date: date | None
    paused_since: date | None = None
    interrupted_on: date | None = None


def _extend(end: date, periods: Sequence[Period]) -> tuple[date, date | None]:
    """Apply every period that covers the (moving) end date; returns (end, paused_since)."""
    applied: set[int] = set()
    changed = True
    while changed:
        changed = False
        for number, period in enumerate(periods):
            if not period.covers(end) or number in applied:
                continue
            if period.end is None:
                return end, end
            if period.effect == DURATION:
                end += timedelta(days=(period.end - period.start).days + 1)
                applied.add(number)
                changed = True
            elif period.end > end:
                end = period.end
                changed = True
    return end, None


def compute_limitation(*, forfeited_on: date, periods: Sequence[Period] = (),
                       interruptions: Iterable[date] = ()) -> Limitation:
    """The limitation date of one forfeiture (pure: no database). See the module docstring."""
    start, interrupted = forfeited_on, None
    pending = sorted(day for day in interruptions if day >= forfeited_on)
    while True:
        end, paused = _extend(start + TERM, periods)
        later = [day for day in pending if day > start or (interrupted is None and day == start)]
        following = next((day for day in later if paused is not None or day <= end), None)
        if following is None:
            return Limitation(limitation_date=None if paused else end, paused_since=paused, interrupted_on=interrupted)
        start = interrupted = following
        pending = [day for day in pending if day > following]


# --- gathering the periods from the rows --------------------------------------------------------

def after_decision(day: date) -> date:
    return term_end(event=day, weeks=APPEAL_TERM_WEEKS, statutory=True)


def order_periods(order: Any) -> list[Period]:
    """Awb 5:35 lid 2: when objection or appeal against the order (any case type's decided row, the
    core's legal remedies about it) is open or pending."""
    periods: list[Period] = []
    for announcement in Announcement.objects.filter(about(order)):
        periods.append(Period(announcement.announced_on + timedelta(days=1), announcement.objection_deadline))
    for objection in Objection.objects.filter(announcement__in=Announcement.objects.filter(about(order))):
        periods.append(Period(objection.received_on, objection.decided_on))
        if objection.state == Objection.State.DECIDED and objection.decided_on is not None:
            periods.append(Period(objection.decided_on, after_decision(objection.decided_on)))
    for appeal in Appeal.objects.filter(about(order)):
        periods.append(Period(appeal.lodged_on, appeal.ruled_on))
        if appeal.level == Appeal.Level.APPEAL and appeal.ruled_on is not None:
            periods.append(Period(appeal.ruled_on, after_decision(appeal.ruled_on)))
    return periods


# --- warnings -----------------------------------------------------------------------------------

PASSED = "passed"
ONE_MONTH = "one_month"
THREE_MONTHS = "three_months"
WARNING_LABELS = {
    PASSED: _("Limitation date passed: mark as time-barred"),
    ONE_MONTH: _("Time-barred within 1 month"),
    THREE_MONTHS: _("Time-barred within 3 months"),
}
