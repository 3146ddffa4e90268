"""Helpers for the case types' figures providers: one aggregate query per figure, grouped by the
year and quarter of a date column (and optionally by plain columns for a breakdown), and the
bookkeeping that turns the rows into an `Indicator`'s mappings. Nothing here decrypts anything:
group only by plain columns.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Count, Expression, QuerySet
from django.db.models.functions import ExtractQuarter, ExtractYear

from casework.figures.indicators import Number

Rows = dict[tuple[Any, ...], Any]


def grouped(queryset: QuerySet, date: str | Expression, *, years: Sequence[int], by: Sequence[str] = (),
            value: Any = None, **more: Any) -> list[dict[str, Any]]:
    """One query: `value` (default: a count of rows) and `more` aggregates per year, quarter and `by`
    of the rows whose `date` falls in `years`. Rows: {"year", "quarter", *by, "value", *more}."""
    if not years:
        return []
    rows = (queryset.annotate(figure_year=ExtractYear(date), figure_quarter=ExtractQuarter(date))
            .filter(figure_year__in=list(years))
            .values("figure_year", "figure_quarter", *by)
            .annotate(figure_value=value if value is not None else Count("pk"), **more).order_by())
    return [{"year": row.pop("figure_year"), "quarter": row.pop("figure_quarter"),
             "value": row.pop("figure_value"), **row} for row in rows]


def totals(rows: list[dict[str, Any]], key: str = "value") -> tuple[dict[int, Number], dict[tuple[int, int], Number]]:
    """Per year and per quarter: the sums of `key` (counts, amounts) over the rows."""
    years: dict[int, Number] = {}
    quarters: dict[tuple[int, int], Number] = {}
    for row in rows:
        value = row[key] or 0
        years[row["year"]] = years.get(row["year"], 0) + value
        quarters[(row["year"], row["quarter"])] = quarters.get((row["year"], row["quarter"]), 0) + value
    return years, quarters


def per_category(rows: list[dict[str, Any]], by: str, key: str = "value") -> dict[tuple[int, str], Number]:
    """Per year and category of `by`: the sums of `key` (a breakdown's values)."""
    result: dict[tuple[int, str], Number] = {}
    for row in rows:
        slot = (row["year"], row[by] if row[by] is not None else "")
        result[slot] = result.get(slot, 0) + (row[key] or 0)
    return result
