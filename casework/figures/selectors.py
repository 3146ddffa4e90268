"""Read side of the annual figures: every registered type's indicators, suppressed and with goals.

`annual_figures(user=, years=)` checks the capability, reads each type's figures as last computed
(casework/figures/stored.py, ADR 0058: the `figures` providers' aggregates are run by a nightly job, on
request, or on the first visit of a year), reads the goals and external figures (one query each) and applies
the suppression rule (casework/figures/suppression.py) before anything reaches a page or an export. The
number of queries does not depend on the number of cases, and once computed neither does the time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from casework.figures import stored, suppression
from casework.figures.access import VIEW, require
from casework.figures.indicators import AMOUNT, COUNT, QUARTERS, Indicator, Number
from casework.figures.models import ExternalFigure, ExternalKind, Goal
from casework.figures.stored import type_figures
from casework.figures.suppression import HIDDEN, NOT_RECORDED, SHOWN, SMALL

EXTERNAL = "external"
SMALL_TEXT, HIDDEN_TEXT, NOT_RECORDED_TEXT, NO_VALUE_TEXT = "< 5", "x", "n.g.", "–"


@dataclass(frozen=True)
class Cell:
    """What is published of one value: the value only when its state is SHOWN."""

    value: Number | None
    state: str
    unit: str = COUNT

    @property
    def shown(self) -> Number | None:
        return self.value if self.state == SHOWN else None

    @property
    def text(self) -> str:
        if self.state == SMALL:
            return SMALL_TEXT
        if self.state == HIDDEN:
            return HIDDEN_TEXT
        if self.state == NOT_RECORDED:
            return NOT_RECORDED_TEXT
        return format_value(self.value, self.unit)


def format_value(value: Number | None, unit: str) -> str:
    if value is None:
        return NO_VALUE_TEXT
    if unit == AMOUNT:
        return "€ " + number_format(value, decimal_pos=2, use_l10n=True, force_grouping=True)
    if unit == COUNT:
        return number_format(value, decimal_pos=0, use_l10n=True, force_grouping=True)
    return number_format(value, decimal_pos=1, use_l10n=True)


@dataclass
class YearRow:
    year: int
    total: Cell
    quarters: list[Cell]
    goal: Goal | None = None
    source: str = ""

    @property
    def goal_met(self) -> bool | None:
        return self.goal.met_by(self.total.shown) if self.goal else None


@dataclass
class BreakdownTable:
    code: str
    label: Promise | str
    categories: list[tuple[str, Promise | str]]
    rows: list[tuple[int, list[Cell]]]


@dataclass
class Published:
    """One indicator as published: rows per year (quarters, year, goal), breakdowns, its chart."""

    key: str  # "<type>.<indicator>": goals refer to it
    type_label: Promise | str
    indicator: Indicator
    rows: list[YearRow]
    breakdowns: list[BreakdownTable] = field(default_factory=list)
    quarterly: bool = True
    chart: dict[str, Any] = field(default_factory=dict)

    @property
    def suppressed_any(self) -> bool:
        cells = [cell for row in self.rows for cell in (row.total, *row.quarters)]
        cells += [cell for table in self.breakdowns for _year, row in table.rows for cell in row]
        return any(cell.state in (SMALL, HIDDEN) for cell in cells)


@dataclass
class Report:
    years: list[int]
    sections: list[tuple[Promise | str, list[Published]]]
    computed_at: datetime | None = None  # the oldest computation of the years shown (casework/figures/stored.py)

    @property
    def indicators(self) -> list[Published]:
        return [item for _label, items in self.sections for item in items]


def _primary(indicator: Indicator, year: int) -> set[Any]:
    """Cells of amounts and averages that rest on 1 to 4 rows or cases."""
    keys: set[Any] = set()
    if suppression.small(indicator.basis.get(year, 0)):
        keys.add("total")
    keys |= {("q", q) for q in QUARTERS if suppression.small(indicator.basis.get((year, q), 0))}
    for index, breakdown in enumerate(indicator.breakdowns):
        keys |= {(index, code) for code, _label in breakdown.categories
                 if suppression.small(breakdown.basis.get((year, code), 0))}
    return keys


def _group(indicator: Indicator, year: int, quarterly: bool) -> suppression.Group:
    breakdowns = [{code: breakdown.values.get((year, code), 0) for code, _label in breakdown.categories}
                  for breakdown in indicator.breakdowns]
    quarters = {q: indicator.quarters.get((year, q), 0) for q in QUARTERS} if quarterly else None
    default = None if not indicator.additive else 0
    if not indicator.identifying:
        group = suppression.group_for(total=indicator.years.get(year, default), quarters=quarters,
                                      breakdowns=breakdowns)
        group.state = dict.fromkeys(group.cells(), SHOWN)
        return group
    if indicator.unit == COUNT:
        return suppression.protect(suppression.group_for(
            total=indicator.years.get(year, 0), quarters=quarters, breakdowns=breakdowns))
    if not indicator.additive:  # averages are no sums of their quarters: the primary rule only
        values = {q: indicator.quarters.get((year, q)) for q in QUARTERS} if quarterly else None
        group = suppression.group_for(total=indicator.years.get(year), quarters=values, breakdowns=[],
                                      count_bounds=False, primary=_primary(indicator, year))
        group.state.update({key: SHOWN for key in group.cells() if key not in group.state})
        return group
    return suppression.protect(suppression.group_for(
        total=indicator.years.get(year, 0), quarters=quarters, breakdowns=breakdowns, count_bounds=False,
        primary=_primary(indicator, year)))


def publish(indicator: Indicator, *, key: str, type_label: Promise | str, years: Sequence[int],
            goals: dict[tuple[str, int], Goal], quarterly: bool = True) -> Published:
    """Apply the suppression rule to one indicator: the only way values reach a page or export."""
    rows: list[YearRow] = []
    tables = [BreakdownTable(b.code, b.label, list(b.categories), []) for b in indicator.breakdowns]
    for year in years:
        if not indicator.available:
            missing = Cell(None, NOT_RECORDED, indicator.unit)
            rows.append(YearRow(year, missing, [missing] * len(QUARTERS) if quarterly else [],
                                goals.get((key, year))))
            continue
        group = _group(indicator, year, quarterly)

        def cell(cell_key: Any, group: suppression.Group = group) -> Cell:
            return Cell(group.values.get(cell_key), group.state.get(cell_key, SHOWN), indicator.unit)

        rows.append(YearRow(year, cell("total"), [cell(("q", q)) for q in QUARTERS] if quarterly else [],
                            goals.get((key, year))))
        for index, table in enumerate(tables):
            table.rows.append((year, [cell((index, code)) for code, _label in table.categories]))
    from casework.figures.charts import chart

    published = Published(key, type_label, indicator, rows, tables, quarterly)
    published.chart = chart(published)
    return published


def _external(organisation_id: Any, years: Sequence[int], goals: dict[tuple[str, int], Goal]) -> list[Published]:
    rows = ExternalFigure.objects.filter(organisation_id=organisation_id, year__in=list(years))
    found = {(row.kind, row.year): row for row in rows}
    result = []
    for kind in ExternalKind:
        indicator = Indicator(
            code=kind.value, label=kind.label, identifying=False,
            rule=_("Entered by hand by a team lead, per calendar year, from the publication named as the source."),
            years={year: found[(kind.value, year)].value for year in years if (kind.value, year) in found},
        )
        published = publish(indicator, key=f"{EXTERNAL}.{kind.value}", type_label=_("Figures from outside"),
                            years=years, goals=goals, quarterly=False)
        for row in published.rows:
            entered = found.get((kind.value, row.year))
            row.source = entered.source if entered else ""
            if not entered:
                row.total = Cell(None, SHOWN, COUNT)
        result.append(published)
    return result


def indicator_choices(organisation_id: Any) -> list[tuple[str, str]]:
    """(key, "type: indicator") of every indicator a goal can be set for, without counting anything:
    the providers are asked for no years (so none opens a sealed value, as PGA's change in
    self-reliance would), and the external figures are named by their kinds."""
    found = [(f"{figures.case_type}.{indicator.code}", f"{figures.label}: {indicator.label}")
             for figures in type_figures(organisation_id=organisation_id, years=[])
             for indicator in figures.indicators]
    outside = _("Figures from outside")
    return found + [(f"{EXTERNAL}.{kind.value}", f"{outside}: {kind.label}") for kind in ExternalKind]


def annual_figures(*, user: Any, years: Sequence[int]) -> Report:
    """The published figures of the user's organisation for `years` (refused unless the user holds
    the figures capability)."""
    require(user, VIEW)
    goals = {(goal.indicator, goal.year): goal
             for goal in Goal.objects.filter(organisation_id=user.organisation_id, year__in=list(years))}
    sections: list[tuple[Promise | str, list[Published]]] = []
    counted, computed_at = stored.annual(user.organisation_id, years)
    for figures in counted:
        sections.append((figures.label, [
            publish(indicator, key=f"{figures.case_type}.{indicator.code}", type_label=figures.label,
                    years=years, goals=goals) for indicator in figures.indicators]))
    sections.append((_("Figures from outside"), _external(user.organisation_id, years, goals)))
    return Report(list(years), sections, computed_at)

