"""The protocol a case type's `figures` provider answers in (registry.CaseTypeSpec.figures).

    def figures(*, organisation_id, years: Sequence[int]) -> list[Indicator]

The provider counts, with one or a few aggregate queries on plain columns (never decrypting), the
cases its organisation controls, for the given calendar years; the core checks who may see them,
suppresses small counts (casework/figures/suppression.py), adds goal lines and renders and exports
them. A provider returns every indicator it knows, also when all its values are zero, so the page
shows the same rows every year.

Values per year and per quarter: `years[year]` and `quarters[(year, quarter)]` (quarter 1..4); a key
left out is zero. For a count the quarters add up to the year; so do they for an amount. For days
and scores (averages) `basis` holds the number of cases each value rests on, for an amount the number
of rows summed; suppression reads it. A breakdown splits the year's value into categories that add
up to it (a partition: every counted case in exactly one category).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Union

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

Number = Union[int, Decimal]  # noqa: UP007 - a runtime alias

COUNT, AMOUNT, DAYS, SCORE = "count", "amount", "days", "score"
UNITS = {COUNT: _("count"), AMOUNT: _("euro"), DAYS: _("days (average)"), SCORE: _("score (average change)")}
ADDITIVE_UNITS = frozenset({COUNT, AMOUNT})
QUARTERS = (1, 2, 3, 4)


@dataclass(frozen=True)
class Breakdown:
    """The year's value split into categories that add up to it (closure reasons, kinds of premises)."""

    code: str
    label: Promise | str
    categories: tuple[tuple[str, Promise | str], ...]  # (code, label), in the order shown
    values: Mapping[tuple[int, str], Number] = field(default_factory=dict)  # (year, category) -> value
    basis: Mapping[tuple[int, str], int] = field(default_factory=dict)  # amounts: rows summed


@dataclass(frozen=True)
class Indicator:
    """One figure of a case type, e.g. "Waarschuwing/sluiting panden (wet Damocles)".

    `code` is unique within the type (the core prefixes the type's code: "damocles.premises");
    `rule` is the counting rule shown beside the figure (what counts, in which period, by which
    date); `identifying`: a small count could point to a person, so counts below 5 are suppressed.
    `available=False`: the data is not recorded (the rule says why); the page says so, no values.
    """

    code: str
    label: Promise | str
    rule: Promise | str
    unit: str = COUNT
    identifying: bool = True
    years: Mapping[int, Number] = field(default_factory=dict)
    quarters: Mapping[tuple[int, int], Number] = field(default_factory=dict)
    basis: Mapping[int | tuple[int, int], int] = field(default_factory=dict)  # year or (year, quarter)
    breakdowns: tuple[Breakdown, ...] = ()
    available: bool = True

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ValueError(f"unknown unit {self.unit!r}")
        if self.breakdowns and self.unit not in ADDITIVE_UNITS:
            raise ValueError("an average has no breakdown: its categories would not add up to it")

    @property
    def additive(self) -> bool:
        return self.unit in ADDITIVE_UNITS


@dataclass(frozen=True)
class TypeFigures:
    """The indicators of one case type, as the page shows them (code and label of the type)."""

    case_type: str
    label: Promise | str
    indicators: tuple[Indicator, ...]


def quarter_of(month: int) -> int:
    return (month - 1) // 3 + 1

