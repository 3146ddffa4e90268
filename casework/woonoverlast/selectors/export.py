"""The woonoverlast file list as CSV rows: one line per file the user may read, no names, no
addresses, no reporter — and of the figures only those whose sharing category the user sees for
that file (`access.case_access_many`): reports per source category with `woonoverlast_evidence`
(AVG 14: the source only as a category), decisions with `woonoverlast_decisions`. Cells the user
may not see are empty. A fixed number of queries, whatever the number of files (one for the files
with their figures, at most three for the access of all of them).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, IntegerField, Max, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from casework import access
from casework.models import Case
from casework.woonoverlast.categories import DECISIONS, EVIDENCE
from casework.woonoverlast.models import BehaviouralOrder, Closure, DecisionState, Melding, Source
from casework.woonoverlast.selectors.overview import status_label, woonoverlast_cases

CSV_LIMIT = 5000
IMPOSED = (DecisionState.IMPOSED, DecisionState.ENDED)
HEADER = ["reference", "status", "opened_on", "closed_on", *(f"reports_{code}" for code in Source.values),
          "gedragsaanwijzingen_imposed", "closures_imposed", "closed_until"]


def _count(queryset: QuerySet[Any]) -> Coalesce:
    counted = queryset.filter(case=OuterRef("pk")).order_by().values("case").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def export_cases(user: Any) -> QuerySet[Case]:
    """The files `user` may read (the overview's order), with their figures, at most CSV_LIMIT."""
    sources = {f"reports_{code}": _count(Melding.objects.filter(source=code)) for code in Source.values}
    closed_until = Closure.objects.filter(case=OuterRef("pk"), state__in=IMPOSED).order_by().values("case") \
        .annotate(last=Max("ends_on")).values("last")
    return woonoverlast_cases(user).annotate(
        **sources,
        orders_imposed=_count(BehaviouralOrder.objects.filter(state__in=IMPOSED)),
        closures_imposed=_count(Closure.objects.filter(state__in=IMPOSED)),
        closed_until=Subquery(closed_until),
    )[:CSV_LIMIT]


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def csv_rows(user: Any, cases: list[Case]) -> list[list[Any]]:
    """The header and one line per file; figures only for a category the user sees on that file."""
    seen = access.case_access_many(user, cases)
    lines: list[list[Any]] = [list(HEADER)]
    for case in cases:
        sees = seen[case.pk]
        evidence, decisions = sees.sees(EVIDENCE), sees.sees(DECISIONS)
        lines.append([
            case.reference, status_label(case.status), _day(case.opened_on), _day(case.closed_on),
            *(getattr(case, f"reports_{code}") if evidence else "" for code in Source.values),
            case.orders_imposed if decisions else "",  # type: ignore[attr-defined]
            case.closures_imposed if decisions else "",  # type: ignore[attr-defined]
            _day(case.closed_until) if decisions else "",  # type: ignore[attr-defined]
        ])
    return lines


__all__ = ["CSV_LIMIT", "HEADER", "csv_rows", "export_cases"]
