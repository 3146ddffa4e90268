"""The signals demo: 16 signals over every category and every outcome, synthetic data, idempotent."""

from __future__ import annotations

import pytest

from casework.models import Case, CaseLink, Person
from casework.signals.demo import SIGNAL_COUNT, demo_lines
from casework.signals.models import Outcome, Signal, SignalCategory, SignalPerson
from encryption.validators import is_valid_bsn

pytestmark = pytest.mark.django_db(databases="__all__")


def test_the_demo_covers_every_category_and_outcome_and_runs_twice_without_duplicates():
    first = demo_lines()
    assert f"Undermining signals (created): {SIGNAL_COUNT}" in first[0]
    assert set(Signal.objects.values_list("category", flat=True)) == set(SignalCategory.values)
    assert set(Signal.objects.values_list("outcome", flat=True)) == {"", *Outcome.values}
    assert CaseLink.objects.filter(kind="signal_routed").count() == 2
    assert SignalPerson.objects.filter(informing="postponed").count() == 3
    persons = SignalPerson.objects.select_related("person")
    assert all(is_valid_bsn(row.person.bsn) and row.person.surname.startswith("Test") for row in persons)
    counts = (Case.objects.count(), Person.objects.count())
    again = demo_lines()
    assert "already present" in again[0] and (Case.objects.count(), Person.objects.count()) == counts
