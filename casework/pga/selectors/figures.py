"""The PGA indicators of the annual figures (registry `figures`, casework/figures/indicators.py).

Counted over the PGA cases the organisation controls, on plain columns (dates, status, closure
reason), one aggregate query per figure; nothing is decrypted. Change in self-reliance
(zelfredzaamheid) is listed but not counted: a PGA case records no self-reliance score yet.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import (
    Avg,
    Count,
    DateField,
    DurationField,
    ExpressionWrapper,
    F,
    OuterRef,
    Subquery,
    Value,
    When,
)
from django.db.models import Case as CaseWhen
from django.utils.translation import gettext_lazy as _

from casework.figures.counting import grouped, per_category, totals
from casework.figures.indicators import DAYS, SCORE, Breakdown, Indicator, Number
from casework.models import Case
from casework.pga import workflow as wf
from casework.pga.casetype import CASE_TYPE
from casework.pga.models import ClosureReason, Conference, PgaCase
from casework.pga.selectors.monitoring import self_reliance_change

NOT_FOR_ZVH, NOT_RECORDED = "niet_voor_zvh", "not_recorded"
CLOSURE_CATEGORIES = (*ClosureReason.choices, (NOT_FOR_ZVH, _("Not for the ZVH (after triage)")),
                      (NOT_RECORDED, _("Reason not recorded")))


def _cases(organisation_id: Any):
    return Case.objects.filter(case_type=CASE_TYPE, controller_id=organisation_id)


def _referrals(organisation_id: Any, years: Sequence[int]) -> Indicator:
    per_year, per_quarter = totals(grouped(_cases(organisation_id), "opened_on", years=years))
    return Indicator(code="referrals", label=_("PGA referrals"), years=per_year, quarters=per_quarter,
                     rule=_("PGA cases opened (a referral registered) in the period, by the date the case was opened."))


def _started(organisation_id: Any, years: Sequence[int]) -> Indicator:
    # Each case's first step into "Accepted", as that step kept it on the details (`accepted_on`, ADR 0052):
    # 0.66 s searching the steps -> 0.15 s at 200,000 PGA cases (docs/performance.md).
    accepted = PgaCase.objects.filter(case__case_type=CASE_TYPE, case__controller_id=organisation_id)
    per_year, per_quarter = totals(grouped(accepted, "accepted_on", years=years))
    return Indicator(code="started", label=_("PGA approaches started"), years=per_year, quarters=per_quarter,
                     rule=_("PGA cases accepted after triage, by the date of their first step into “Accepted”; a "
                            "case accepted again after reopening counts once, in the period of the first time."))


def _closed(organisation_id: Any, years: Sequence[int]) -> Indicator:
    reason = CaseWhen(When(status=wf.NIET_VOOR_ZVH, then=Value(NOT_FOR_ZVH)),
                      When(pga__closure_reason="", then=Value(NOT_RECORDED)), default=F("pga__closure_reason"))
    cases = _cases(organisation_id).filter(status__in=wf.CLOSED_STATES).exclude(closed_on=None)
    rows = grouped(cases.annotate(reason=reason), "closed_on", years=years, by=("reason",))
    per_year, per_quarter = totals(rows)
    return Indicator(
        code="closed", label=_("PGA cases closed"), years=per_year, quarters=per_quarter,
        rule=_("PGA cases closed in the period (closed after triage as not for the ZVH, or closed with a closure "
               "reason), by the date of closure; a reopened case counts only when it is closed again."),
        breakdowns=(Breakdown("reason", _("by closure reason"), CLOSURE_CATEGORIES, per_category(rows, "reason")),),
    )


def _days(value: Any) -> Decimal | None:
    if value is None:
        return None
    days = Decimal(value.total_seconds()) / Decimal(86400) if isinstance(value, timedelta) else Decimal(value)
    return days.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _to_first_conference(organisation_id: Any, years: Sequence[int]) -> Indicator:
    first = (Conference.objects.filter(case_id=OuterRef("pk"), held_on__gte=OuterRef("opened_on"))
             .order_by("held_on").values("held_on")[:1])
    cases = _cases(organisation_id).annotate(first_conference=Subquery(first, output_field=DateField())).exclude(
        first_conference=None)
    waited = ExpressionWrapper(F("first_conference") - F("opened_on"), output_field=DurationField())
    rows = grouped(cases, "first_conference", years=years, value=Avg(waited), cases=Count("pk", distinct=True))
    per_year: dict[int, Any] = {}
    weights: dict[int, Decimal] = {}
    basis: dict[Any, int] = {}
    quarters: dict[tuple[int, int], Any] = {}
    for row in rows:
        days = _days(row["value"]) or Decimal(0)
        quarters[(row["year"], row["quarter"])] = days
        basis[(row["year"], row["quarter"])] = row["cases"]
        basis[row["year"]] = basis.get(row["year"], 0) + row["cases"]
        weights[row["year"]] = weights.get(row["year"], Decimal(0)) + days * row["cases"]
    for year, weight in weights.items():
        per_year[year] = _days(weight / basis[year]) if basis[year] else None
    return Indicator(
        code="days_to_conference", label=_("Days from referral to the first case conference"), unit=DAYS,
        years=per_year, quarters=quarters, basis=basis,
        rule=_("Average number of calendar days from the opening of a PGA case to its first case conference, "
               "over the cases whose first conference was held in the period (a conference dated before the opening "
               "does not count)."),
    )


def _self_reliance(organisation_id: Any, years: Sequence[int]) -> Indicator:
    """The average change per life domain between a closed case's first and last measurement
    (casework/pga/selectors/monitoring.py, ADR 0029: the scores are health data and stay encrypted,
    so this one figure opens them, inside the selector, and only the averages leave it)."""
    values: dict[int, Number] = {}
    basis: dict[int | tuple[int, int], int] = {}
    for year in years:
        change = self_reliance_change(year=year, organisation_id=organisation_id)
        if change.average is not None:
            values[year] = Decimal(str(change.average))
            basis[year] = change.cases
    return Indicator(
        code="self_reliance", label=_("Change in self-reliance (zelfredzaamheid)"), unit=SCORE, years=values,
        basis=basis,
        rule=_("PGA cases closed in the year with at least two measurements of a life domain: the average change "
               "from the first to the last score (scale 1 to 5) over every such domain; a positive value is a "
               "gain. Cases with one measurement, or none, do not count."),
    )


def figures(*, organisation_id: Any, years: Sequence[int]) -> list[Indicator]:
    """Five indicators: four aggregate queries, and two queries per year for the change in self-reliance."""
    return [_referrals(organisation_id, years), _started(organisation_id, years), _closed(organisation_id, years),
            _to_first_conference(organisation_id, years), _self_reliance(organisation_id, years)]
