"""The Damocles indicators of the annual figures (registry `figures`, casework/figures/indicators.py).

"Waarschuwing/sluiting panden (wet Damocles)", the figure municipal budgets and annual reports
state: premises warned or closed per year, counted as on the Damocles figures page
(`figures.counted_procedures`: the same measure, the same year). A premises counts once per year and
measure, in the quarter of its first procedure of that year, so the quarters add up to the year.
One aggregate query (grouped by premises, measure and year); nothing is decrypted.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Min
from django.db.models.functions import ExtractMonth
from django.utils.translation import gettext_lazy as _

from casework.damocles.selectors.figures import CLOSURE, KINDS, WARNING, counted_on, counted_procedures
from casework.figures.indicators import Breakdown, Indicator, quarter_of

RULE = _("Premises for which the mayor decided on a warning or a closure under art. 13b Opiumwet (including "
         "an urgent closure), counted once per premises, measure and calendar year, in the year of the "
         "decision (else of the sealing, else of the first step into warning, decision or urgent closure) and "
         "in the quarter of its first procedure of that year. Procedures still being assessed do not count.")


def _rows(organisation_id: Any, years: Sequence[int]) -> list[dict[str, Any]]:
    procedures = counted_procedures(organisation_id).filter(year__in=list(years))  # type: ignore[misc]  # annotated
    return list(procedures.annotate(month=ExtractMonth(counted_on()))
                .values("premises_id", "premises__kind", "measure", "year").annotate(first_month=Min("month"))
                .order_by())


def figures(*, organisation_id: Any, years: Sequence[int]) -> list[Indicator]:
    """One indicator, broken down by measure and by kind of premises."""
    rows = _rows(organisation_id, years) if years else []
    totals: dict[int, int] = {}
    quarters: dict[tuple[int, int], int] = {}
    by_measure: dict[tuple[int, str], int] = {}
    by_kind: dict[tuple[int, str], int] = {}
    for row in rows:
        year, quarter = row["year"], quarter_of(row["first_month"] or 1)
        totals[year] = totals.get(year, 0) + 1
        quarters[(year, quarter)] = quarters.get((year, quarter), 0) + 1
        by_measure[(year, row["measure"])] = by_measure.get((year, row["measure"]), 0) + 1
        by_kind[(year, row["premises__kind"])] = by_kind.get((year, row["premises__kind"]), 0) + 1
    return [Indicator(
        code="premises", label=_("Warnings and closures of premises (wet Damocles)"), rule=RULE,
        years=totals, quarters=quarters,
        breakdowns=(
            Breakdown("measure", _("by measure"), ((WARNING, _("Warnings")), (CLOSURE, _("Closures")),),
                      by_measure),
            Breakdown("kind", _("by kind of premises"), tuple(KINDS.items()), by_kind),
        ),
    )]
