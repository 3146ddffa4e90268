"""Small-count suppression (casework/figures/suppression.py, ADR 0028): the primary rule, and a
property test that plays the reader who tries to work out a suppressed cell from what is published.

The reader's attack is written independently of the implementation's interval reasoning: for every
sum it enumerates which values the suppressed cells can take together (a set of reachable sums per
equation, built cell by cell), and a suppressed cell counts as derived when only one value of it is
consistent with everything published, with each "< 5" between 1 and 4 and every "x" zero or more.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from casework.figures.suppression import HIDDEN, SHOWN, SMALL, group_for, protect

CAP = 60  # larger than any sum the strategy below produces: an "x" is searched up to here


def _domain(group, key) -> range:
    state = group.state[key]
    if state == SHOWN:
        value = group.values[key]
        return range(value, value + 1)
    return range(1, 5) if state == SMALL else range(0, CAP + 1)


def _sums(domains: list[range]) -> set[int]:
    reachable = {0}
    for domain in domains:
        reachable = {total + value for total in reachable for value in domain if total + value <= CAP}
    return reachable


def reader_values(group) -> dict:
    """Every value each suppressed cell can take, consistent with all published cells and bounds."""
    totals = [t for t in _domain(group, group.total)
              if all(t in _sums([_domain(group, key) for key in parts]) for parts in group.equations)]
    possible: dict = {}
    if group.state[group.total] != SHOWN:
        possible[group.total] = set(totals)
    for parts in group.equations:
        for key in parts:
            if group.state[key] == SHOWN:
                continue
            others = _sums([_domain(group, other) for other in parts if other != key])
            possible[key] = {value for value in _domain(group, key) for t in totals if t - value in others}
    return possible


quarter_values = st.lists(st.integers(0, 9), min_size=4, max_size=4)
category_values = st.lists(st.integers(0, 9), min_size=1, max_size=4)


@st.composite
def tables(draw):
    """A year's quarters and up to two breakdowns of the same total (each a partition of it)."""
    quarters = draw(quarter_values)
    total = sum(quarters)
    breakdowns = []
    for _index in range(draw(st.integers(0, 2))):
        size = draw(st.integers(1, 4))
        cuts = sorted(draw(st.lists(st.integers(0, total), min_size=size - 1, max_size=size - 1)))
        bounds = [0, *cuts, total]
        breakdowns.append({f"c{i}": bounds[i + 1] - bounds[i] for i in range(size)})
    return total, dict(enumerate(quarters, start=1)), breakdowns


@settings(deadline=None, max_examples=300)
@given(tables())
def test_no_suppressed_cell_can_be_derived_from_the_published_ones(table):
    total, quarters, breakdowns = table
    group = protect(group_for(total=total, quarters=quarters, breakdowns=breakdowns))
    for key in group.cells():  # every count from 1 to 4 is suppressed; what is shown is exact
        value = group.values[key]
        if 0 < value < 5:
            assert group.state[key] in (SMALL, HIDDEN)
        if group.state[key] == SMALL:
            assert 0 < value < 5
    for key, values in reader_values(group).items():
        assert group.values[key] in values  # the reader's model is sound
        assert len(values) > 1, (key, group.state, group.values)


def test_a_lone_small_quarter_takes_a_second_cell_with_it():
    group = protect(group_for(total=20, quarters={1: 3, 2: 9, 3: 0, 4: 8}, breakdowns=[]))
    assert group.state[("q", 1)] == SMALL
    assert group.state[("q", 4)] == HIDDEN  # the smallest non-zero other quarter
    assert group.state["total"] == SHOWN and group.state[("q", 2)] == SHOWN and group.state[("q", 3)] == SHOWN


def test_four_small_quarters_of_a_small_year_do_not_give_each_other_away():
    """Four "< 5" quarters under a "< 5" year would each be 1: one of them is withheld as "x"."""
    group = protect(group_for(total=4, quarters={1: 1, 2: 1, 3: 1, 4: 1}, breakdowns=[]))
    assert sorted(group.state.values()).count(HIDDEN) >= 1
    assert all(len(values) > 1 for values in reader_values(group).values())


def test_a_breakdown_protects_through_the_shared_total():
    group = protect(group_for(total=12, quarters={1: 6, 2: 6, 3: 0, 4: 0},
                              breakdowns=[{"a": 10, "b": 2}]))
    assert group.state[(0, "b")] == SMALL and group.state[(0, "a")] == HIDDEN
    assert group.state["total"] == SHOWN


def test_zero_and_large_counts_are_shown():
    group = protect(group_for(total=25, quarters={1: 0, 2: 5, 3: 10, 4: 10}, breakdowns=[]))
    assert set(group.state.values()) == {SHOWN}


def test_amounts_are_withheld_by_their_basis_and_protected_the_same_way():
    group = protect(group_for(total=900, quarters={1: 100, 2: 800, 3: 0, 4: 0}, breakdowns=[], count_bounds=False,
                              primary=[("q", 1)]))
    assert group.state[("q", 1)] == HIDDEN and group.state[("q", 2)] == HIDDEN
