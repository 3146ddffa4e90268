"""casework/damocles/selectors/indicators.py: "Waarschuwing/sluiting panden (wet Damocles)" per year
and quarter, as the Damocles figures page counts it, in one query."""

from __future__ import annotations

from datetime import date

import pytest

from accounts.roles import HANDHAVER
from casework.damocles.selectors import indicators
from tests.casework.damocles.letters_support import make_premises, make_procedure
from tests.conftest import count_queries

pytestmark = pytest.mark.django_db(databases="__all__")


def decided(owner, premises, sanction, on, **extra):
    return make_procedure(owner=owner, premises=premises, with_person=False, chosen_sanction=sanction,
                          decided_on=on, chosen_days=28 if sanction == "closure" else None, **extra)


def test_premises_per_measure_year_and_quarter(make_user, other_organisation):
    officer = make_user(role=HANDHAVER)
    a, b = make_premises(actor=officer, kind="woning"), make_premises(actor=officer, kind="lokaal")
    decided(officer, a, "warning", date(2024, 2, 1))
    decided(officer, b, "warning", date(2024, 5, 1))
    decided(officer, a, "closure", date(2025, 2, 1))
    decided(officer, a, "closure", date(2025, 11, 1))  # the same premises again: once, in its first quarter
    decided(officer, b, "closure", date(2025, 8, 1))
    make_procedure(owner=officer, premises=make_premises(actor=officer), with_person=False,
                   chosen_sanction="closure")  # still being assessed: not counted
    foreign = make_user(role=HANDHAVER, organisation=other_organisation)
    decided(foreign, make_premises(actor=foreign), "closure", date(2025, 4, 1))
    with count_queries() as queries:
        [premises] = indicators.figures(organisation_id=officer.organisation_id, years=[2024, 2025, 2026])
    assert len(queries) == 1
    assert premises.years == {2024: 2, 2025: 2}
    assert premises.quarters == {(2024, 1): 1, (2024, 2): 1, (2025, 1): 1, (2025, 3): 1}
    measure, kind = premises.breakdowns
    assert measure.values == {(2024, "warning"): 2, (2025, "closure"): 2}
    assert kind.values == {(2024, "woning"): 1, (2024, "lokaal"): 1, (2025, "woning"): 1, (2025, "lokaal"): 1}
    assert indicators.figures(organisation_id=officer.organisation_id, years=[2023])[0].years == {}
