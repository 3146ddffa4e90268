"""Limitation of the park's forfeited penalties: the periods and interruptions its rows record.

The law and our reading of it, the computation (`compute_limitation`) and the periods of the
remedies against an order (`order_periods`) are the core's: casework/penalties/limitation.py, for
every case type that imposes an order under penalty (ADR 0011). Here: the periods of the park's
requests for a collection decision and of the events its officers record, the interruptions by
its collection decisions, and storing the result on its forfeitures. Warnings: 3 months and
1 month before each date (`limitation_warnings`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet

from audit.history import save_with_reason
from casework.park.models import (
    CollectionDecision,
    CollectionRequest,
    Forfeiture,
    LimitationEvent,
    PenaltyOrder,
)
from casework.penalties.limitation import (  # noqa: F401 - re-exported for the park's modules and tests
    APPEAL_TERM_WEEKS,
    DURATION,
    ONE_MONTH,
    PASSED,
    TERM,
    THREE_MONTHS,
    UNTIL_RESOLVED,
    WARN_FIRST,
    WARN_SECOND,
    WARNING_LABELS,
    Limitation,
    Period,
    after_decision,
    compute_limitation,
    order_periods,
)


def request_periods(order: PenaltyOrder) -> list[Period]:
    """Awb 5:37a lid 2 and 3: a pending request, and the objection term against refusing it."""
    periods: list[Period] = []
    for request in CollectionRequest.objects.filter(order=order):
        periods.append(Period(request.requested_on, request.decided_on, rule="5:37a(2)"))
        if request.state == CollectionRequest.State.REJECTED and request.decided_on is not None:
            periods.append(Period(request.decided_on, after_decision(request.decided_on), rule="5:37a(3)"))
    return periods


def event_periods(order: PenaltyOrder) -> dict[Any, list[Period]]:
    """Periods the officer recorded, keyed by forfeiture id (None: every forfeiture of the order)."""
    found: dict[Any, list[Period]] = {}
    for event in LimitationEvent.objects.filter(order=order):
        if event.kind == LimitationEvent.Kind.SUSPENSION:
            period = Period(event.started_on, event.ended_on, DURATION, "5:37a(4)")
        else:
            period = Period(event.started_on, event.ended_on, rule="5:37a(3)")
        found.setdefault(event.forfeiture_id, []).append(period)
    return found


def interruptions_by_forfeiture(order: PenaltyOrder) -> dict[Any, list[date]]:
    """Awb 5:37a lid 1: the announcement dates of the collection decisions covering each forfeiture."""
    found: dict[Any, list[date]] = {}
    through = CollectionDecision.forfeitures.through
    for forfeiture_id, announced_on in through.objects.filter(collectiondecision__order=order).values_list(
            "forfeiture_id", "collectiondecision__announced_on"):
        found.setdefault(forfeiture_id, []).append(announced_on)
    return found


def limitation_of(forfeiture: Forfeiture) -> Limitation:
    order = forfeiture.order
    events = event_periods(order)
    periods = [*order_periods(order), *request_periods(order), *events.get(None, []),
               *events.get(forfeiture.pk, [])]
    return compute_limitation(forfeited_on=forfeiture.forfeited_on, periods=periods,
                              interruptions=interruptions_by_forfeiture(order).get(forfeiture.pk, []))


def limitation_recompute(*, actor: Any, order: PenaltyOrder, because: str) -> list[Forfeiture]:
    """Recompute and store the date of every open forfeiture of `order`; returns those that changed.

    Called by every service that records an event the term depends on, in its transaction.
    """
    base = [*order_periods(order), *request_periods(order)]
    events = event_periods(order)
    interruptions = interruptions_by_forfeiture(order)
    changed = []
    for forfeiture in Forfeiture.objects.filter(order=order, state=Forfeiture.State.OPEN):
        result = compute_limitation(
            forfeited_on=forfeiture.forfeited_on,
            periods=[*base, *events.get(None, []), *events.get(forfeiture.pk, [])],
            interruptions=interruptions.get(forfeiture.pk, []),
        )
        stored = (forfeiture.limitation_date, forfeiture.limitation_paused_since)
        if (result.limitation_date, result.paused_since) == stored:
            continue
        forfeiture.limitation_date, forfeiture.limitation_paused_since = result.limitation_date, result.paused_since
        save_with_reason(forfeiture, reason=f"limitation date recomputed ({because})", user=actor)
        changed.append(forfeiture)
    return changed


@dataclass(frozen=True)
class LimitationWarning:
    forfeiture: Forfeiture
    limitation_date: date
    level: str
    days_left: int

    @property
    def label(self) -> str:
        return str(WARNING_LABELS[self.level])


def limitation_warnings(cases: QuerySet[Any] | Iterable[Any], today: date) -> list[LimitationWarning]:
    """Open forfeitures of `cases` whose limitation date is within 3 months (or 1 month, or passed).

    `cases`: a queryset (e.g. casework.access.visible_cases(user): filtered in SQL) or case ids.
    One query; the forfeiture's case, order and object are loaded with it. Ordered by date.
    """
    case_filter = cases if isinstance(cases, QuerySet) else [getattr(case, "pk", case) for case in cases]
    rows = (Forfeiture.objects.filter(case__in=case_filter, state=Forfeiture.State.OPEN,
                                      limitation_date__isnull=False, limitation_date__lte=today + WARN_FIRST)
            .select_related("case", "order", "order__object").order_by("limitation_date", "forfeited_on"))
    warnings = []
    for forfeiture in rows:
        day = forfeiture.limitation_date
        assert day is not None  # noqa: S101 - filtered above
        level = PASSED if day < today else ONE_MONTH if day <= today + WARN_SECOND else THREE_MONTHS
        warnings.append(LimitationWarning(forfeiture, day, level, (day - today).days))
    return warnings
