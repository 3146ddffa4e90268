"""The CSV and XLSX exports of the annual figures: exactly the published cells (after suppression),
one line per value, machine codes beside the Dutch labels, each line with the moment its figures were
computed (casework/figures/stored.py), so a line copied into a budget report names its reference date.
Every text cell goes through casework/csv_export.py's `safe_cell` (formula injection); the XLSX is
written with openpyxl.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.csv_export import csv_response, safe_cell
from casework.figures.indicators import UNITS
from casework.figures.selectors import EXTERNAL, Cell, Published, Report

YEAR = "year"  # the period column holds codes: "year", "Q1" .. "Q4"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def header() -> list[str]:
    return ["indicator", _("Case type"), _("Indicator"), _("Unit"), _("Year"), _("Period"), _("Breakdown"),
            _("Category"), _("Value"), _("Value as a number"), _("Goal"), _("Counting rule"), _("Source"),
            _("Computed on")]


def _line(item: Published, year: int, period: str, cell: Cell, *, computed: str, breakdown: str = "",
          category: str = "", goal: str = "", source: str = "") -> list[Any]:
    shown = cell.shown
    return [item.key, str(item.type_label), str(item.indicator.label), str(UNITS[item.indicator.unit]), year, period,
            breakdown, category, cell.text, shown if shown is not None else "", goal, str(item.indicator.rule),
            source, computed]


def rows(report: Report) -> Iterator[list[Any]]:
    """Every published value: the year, its quarters and its breakdowns. The figures from outside were
    entered by hand, not computed: their lines leave the moment empty."""
    moment = timezone.localtime(report.computed_at).strftime("%Y-%m-%d %H:%M") if report.computed_at else ""
    for item in report.indicators:
        computed = "" if item.key.startswith(EXTERNAL + ".") else moment
        for row in item.rows:
            goal = row.goal.text if row.goal else ""
            yield _line(item, row.year, YEAR, row.total, computed=computed, goal=goal, source=row.source)
            for quarter, cell in enumerate(row.quarters, start=1):
                yield _line(item, row.year, f"Q{quarter}", cell, computed=computed)
        for table in item.breakdowns:
            labels = dict(table.categories)
            for year, cells in table.rows:
                for (code, _label), cell in zip(table.categories, cells, strict=True):
                    yield _line(item, year, YEAR, cell, computed=computed, breakdown=str(table.label),
                                category=str(labels[code]))


def csv_download(report: Report, *, filename: str) -> HttpResponse:
    return csv_response(header(), rows(report), filename=filename)


def xlsx_bytes(report: Report) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = _("Figures")[:31]
    sheet.append([safe_cell(value) for value in header()])
    for line in rows(report):
        sheet.append([safe_cell(value) for value in line])
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_download(report: Report, *, filename: str) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(report), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
