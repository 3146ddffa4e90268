"""Small-count suppression with secondary suppression (docs/adr/0028-small-count-suppression.md).

Per indicator and year the published cells are the year's value, its four quarters and the
categories of each breakdown; the quarters add up to the year and so do the categories of every
breakdown (for counts and amounts). The rule:

1. Primary: a count from 1 to 4 is shown as "< 5" (SMALL); an amount, average or score that rests on
   1 to 4 cases or rows is not shown (HIDDEN). Zero is shown: it points to nobody.
2. Secondary: no suppressed cell may be derivable from what is published: not from the year's value
   minus the other quarters, not from another breakdown, and not from the bounds a reader knows
   (a "< 5" is between 1 and 4, so four "< 5" quarters of a "< 5" year would give each away).
   `derivable()` computes, for every suppressed cell, the range of values consistent with the
   published cells; while a range is a single value, one more cell of its sums is suppressed
   (HIDDEN, a reader learns nothing of its size): the smallest published non-zero part, else a zero
   part, else the year's value; when nothing is left to suppress, a "< 5" becomes HIDDEN.

Averages (days, scores) are not sums of their quarters: only the primary rule applies to them.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

SUPPRESS_BELOW = 5
SHOWN, SMALL, HIDDEN, NOT_RECORDED = "shown", "small", "hidden", "not_recorded"
INF = math.inf

Key = Hashable


@dataclass
class Group:
    """The cells of one indicator in one year and the sums between them (each equation's parts add up
    to `total`). `values` are the true values; `state` what is published of each cell."""

    total: Key
    equations: list[list[Key]]
    values: dict[Key, Any]
    state: dict[Key, str] = field(default_factory=dict)
    count_bounds: bool = True  # a SMALL cell is known to lie in 1..4 (counts); else only >= 0

    def cells(self) -> list[Key]:
        return [self.total, *(key for parts in self.equations for key in parts)]

    def suppressed(self, key: Key) -> bool:
        return self.state.get(key, SHOWN) != SHOWN


def small(value: Any) -> bool:
    return 0 < value < SUPPRESS_BELOW


def _bounds(group: Group, key: Key) -> tuple[float, float]:
    """What a reader knows of a suppressed cell."""
    if group.state.get(key) == SMALL and group.count_bounds:
        return 1, SUPPRESS_BELOW - 1
    return 0, INF


def _known(group: Group, key: Key) -> float:
    return float(group.values.get(key, 0) or 0)


def ranges(group: Group) -> dict[Key, tuple[float, float]]:
    """For every suppressed cell, the smallest and largest value consistent with the published cells
    and the bounds a reader knows (exact for this structure: equations share only the total)."""
    if group.suppressed(group.total):
        t_lo, t_hi = _bounds(group, group.total)
    else:
        t_lo = t_hi = _known(group, group.total)
    sums = []
    for parts in group.equations:
        known = sum(_known(group, key) for key in parts if not group.suppressed(key))
        hidden = [key for key in parts if group.suppressed(key)]
        lo = sum(_bounds(group, key)[0] for key in hidden)
        hi = sum(_bounds(group, key)[1] for key in hidden)
        sums.append((known, hidden, lo, hi))
        t_lo, t_hi = max(t_lo, known + lo), min(t_hi, known + hi)
    result: dict[Key, tuple[float, float]] = {}
    if group.suppressed(group.total):
        result[group.total] = (t_lo, t_hi)
    for known, hidden, _lo, _hi in sums:
        for key in hidden:
            k_lo, k_hi = _bounds(group, key)
            others = [_bounds(group, other) for other in hidden if other != key]
            others_lo, others_hi = sum(b[0] for b in others), sum(b[1] for b in others)
            result[key] = (max(k_lo, t_lo - known - others_hi), min(k_hi, t_hi - known - others_lo))
    return result


def derivable(group: Group) -> list[Key]:
    """The suppressed cells whose value follows from the published ones."""
    return [key for key, (lo, hi) in ranges(group).items() if lo == hi]


def _equations_of(group: Group, key: Key) -> list[list[Key]]:
    if key == group.total:
        return group.equations
    return [parts for parts in group.equations if key in parts]


def _next_to_hide(group: Group, key: Key) -> Key | None:
    """The cell to suppress so that `key` is no longer derivable: the smallest published non-zero
    part of one of its sums, else a published zero part, else the total."""
    parts = [part for parts in _equations_of(group, key) for part in parts
             if part != key and not group.suppressed(part)]
    nonzero = sorted((part for part in parts if _known(group, part) > 0), key=lambda part: _known(group, part))
    if nonzero:
        return nonzero[0]
    if parts:
        return parts[0]
    return None if group.suppressed(group.total) else group.total


def protect(group: Group) -> Group:
    """Apply the primary rule to counts (cells already marked stay marked) and suppress until no
    suppressed cell is derivable. Changes and returns `group`."""
    for key in group.cells():
        if key not in group.state:
            group.state[key] = SMALL if group.count_bounds and small(group.values.get(key, 0) or 0) else SHOWN
    if not group.equations:
        return group
    for _round in range(4 * len(group.cells()) + 1):
        bad = derivable(group)
        if not bad:
            return group
        key = bad[0]
        hide = _next_to_hide(group, key)
        if hide is not None:
            group.state[hide] = HIDDEN
            continue
        small_cells = [cell for cell in [key, *group.cells()] if group.state.get(cell) == SMALL]
        if small_cells:
            group.state[small_cells[0]] = HIDDEN
            continue
        break
    for key in group.cells():  # cannot happen with the moves above; never publish a derivable cell
        if group.suppressed(key):
            group.state[key] = HIDDEN
    return group


def group_for(*, total: Any, quarters: Mapping[int, Any] | None, breakdowns: Sequence[Mapping[str, Any]],
              count_bounds: bool = True, primary: Iterable[Key] = ()) -> Group:
    """A group for one indicator-year: keys "total", ("q", n) and (breakdown index, category)."""
    values: dict[Key, Any] = {"total": total}
    equations: list[list[Key]] = []
    if quarters is not None:
        equations.append([("q", quarter) for quarter in quarters])
        values.update({("q", quarter): value for quarter, value in quarters.items()})
    for index, categories in enumerate(breakdowns):
        equations.append([(index, code) for code in categories])
        values.update({(index, code): value for code, value in categories.items()})
    group = Group(total="total", equations=equations, values=values, count_bounds=count_bounds)
    for key in primary:
        group.state[key] = HIDDEN
    return group
