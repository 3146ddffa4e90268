"""casework/signals/figures.py: "Signalen ondermijning (gemeente)" per year and quarter, by category and by
triage outcome, in one query, only the own organisation's signals."""

from __future__ import annotations

from datetime import date

import pytest

from casework.signals import figures
from casework.signals.models import Signal
from tests.casework.signals.factories import make_signal
from tests.conftest import count_queries

pytestmark = pytest.mark.django_db(databases="__all__")


def test_signals_by_category_and_outcome(officer):
    drugs = make_signal(officer, received_on=date(2025, 2, 3))
    laundering = make_signal(officer, category="laundering", received_on=date(2025, 8, 19))
    make_signal(officer, received_on=date(2025, 8, 20))  # waiting for triage
    make_signal(officer, received_on=date(2024, 12, 31))  # another year
    Signal.objects.filter(case=drugs).update(outcome="bibob", triaged_on=date(2025, 2, 10))
    Signal.objects.filter(case=laundering).update(outcome="no_action", triaged_on=date(2025, 8, 25))
    with count_queries() as queries:
        [signals] = figures.figures(organisation_id=officer.organisation_id, years=[2025])
    assert len(queries) == 1
    assert signals.years == {2025: 3} and signals.quarters == {(2025, 1): 1, (2025, 3): 2}
    by_category, by_outcome = signals.breakdowns
    assert by_category.values == {(2025, "drugs"): 2, (2025, "laundering"): 1}
    assert by_outcome.values == {(2025, "bibob"): 1, (2025, "no_action"): 1, (2025, ""): 1}
    assert {code for code, _label in by_outcome.categories} >= {"", "bibob", "no_action", "case"}
    assert figures.figures(organisation_id=None, years=[2025])[0].years == {}
