"""casework/figures/counting.py `grouped`: the years asked, as local calendar years, whether the date is a day
or a moment; the years as a range where they follow each other, tested per year where they do not."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from accounts.roles import PROCESREGISSEUR
from casework.figures.counting import grouped
from casework.models import Case, CaseStep
from tests.conftest import count_queries
from tests.factories.casework import make_pga_case

pytestmark = pytest.mark.django_db(databases="__all__")


@pytest.fixture
def cases(make_user):
    owner = make_user(role=PROCESREGISSEUR)
    made = [make_pga_case(owner=owner) for _ in range(4)]
    for case, opened in zip(made, (date(2023, 12, 31), date(2024, 1, 1), date(2025, 6, 30), date(2026, 1, 1)),
                            strict=True):
        Case.objects.filter(pk=case.pk).update(opened_on=opened)
    # the first step of each: 23:30 UTC on New Year's Eve is 00:30 on 1 January in Amsterdam
    moments = (datetime(2023, 12, 31, 22, 30, tzinfo=UTC), datetime(2023, 12, 31, 23, 30, tzinfo=UTC),
               datetime(2025, 7, 1, 9, tzinfo=UTC), datetime(2026, 12, 31, 23, 30, tzinfo=UTC))
    for case, at in zip(made, moments, strict=True):
        CaseStep.objects.filter(case=case, sequence=1).update(at=at)
    return made


def _per_year(rows) -> dict[int, int]:
    found: dict[int, int] = {}
    for row in rows:
        found[row["year"]] = found.get(row["year"], 0) + row["value"]
    return found


def test_days_are_counted_in_their_calendar_year(cases):
    mine = Case.objects.filter(pk__in=[case.pk for case in cases])
    assert _per_year(grouped(mine, "opened_on", years=[2024, 2025])) == {2024: 1, 2025: 1}
    assert _per_year(grouped(mine, "opened_on", years=[2023, 2024, 2025, 2026])) == {2023: 1, 2024: 1, 2025: 1,
                                                                                      2026: 1}


def test_moments_are_counted_in_their_local_year(cases):
    steps = CaseStep.objects.filter(case__in=cases, sequence=1)
    assert _per_year(grouped(steps, "at", years=[2024, 2025])) == {2024: 1, 2025: 1}  # 00:30 local on 1 Jan 2024
    assert _per_year(grouped(steps, "at", years=[2023])) == {2023: 1}
    assert _per_year(grouped(steps, "at", years=[2026, 2027])) == {2027: 1}


def test_years_with_a_gap_are_tested_one_by_one_in_one_query(cases):
    mine = Case.objects.filter(pk__in=[case.pk for case in cases])
    with count_queries() as queries:
        rows = grouped(mine, "opened_on", years=[2023, 2026])
    assert _per_year(rows) == {2023: 1, 2026: 1} and len(queries) == 1
