"""The woonoverlast demo: 12 files over every state, two municipalities' APV texts, synthetic data,
idempotent (casework/woonoverlast/demo.py)."""

from __future__ import annotations

import pytest

from casework.models import Case, Person
from casework.woonoverlast import workflow as wf
from casework.woonoverlast.demo import FILE_COUNT, demo_lines
from casework.woonoverlast.models import ApvArticle, BehaviouralOrder, Closure, Melding
from encryption.validators import is_valid_bsn

pytestmark = pytest.mark.django_db(databases="__all__")


def test_the_demo_spreads_files_over_every_state_and_runs_twice_without_duplicates():
    first = demo_lines()
    assert f"Woonoverlast files (created): {FILE_COUNT}" in first[0]
    statuses = set(Case.objects.filter(case_type="woonoverlast").values_list("status", flat=True))
    assert statuses == set(wf.STATES)
    assert ApvArticle.objects.values("organisation").distinct().count() == 2
    assert BehaviouralOrder.objects.filter(state="imposed").count() >= 3
    assert Closure.objects.filter(state="imposed", urgent=True).exists()
    counts = (Case.objects.count(), Person.objects.count(), Melding.objects.count())
    again = demo_lines()
    assert "already present" in again[0]
    assert (Case.objects.count(), Person.objects.count(), Melding.objects.count()) == counts


def test_demo_people_are_synthetic():
    demo_lines()
    people = [p for p in Person.objects.all() if (p.bsn or "").startswith("99998")]
    assert len(people) > FILE_COUNT * 2
    for person in people:
        assert person.surname.startswith(("Testmelder-", "Testveroorzaker-")) and is_valid_bsn(person.bsn)
