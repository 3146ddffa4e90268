"""The woonoverlast demo: 12 files over every state, two municipalities' APV texts, synthetic data,
idempotent (casework/woonoverlast/demo.py). On the databases `seed_demo` left (seeded once per run)."""

from __future__ import annotations

import pytest

from casework.models import Case, Person
from casework.woonoverlast import workflow as wf
from casework.woonoverlast.demo import FILE_COUNT, demo_lines
from casework.woonoverlast.models import ApvArticle, BehaviouralOrder, Closure, Melding
from encryption.validators import is_valid_bsn

pytestmark = pytest.mark.django_db(transaction=True, databases="__all__")  # seeded_demo restores the databases


def test_the_demo_spreads_files_over_every_state_and_runs_twice_without_duplicates(seeded_demo):
    assert f"Woonoverlast files (created): {FILE_COUNT}" in seeded_demo
    statuses = set(Case.objects.filter(case_type="woonoverlast").values_list("status", flat=True))
    assert statuses == set(wf.STATES)
    assert ApvArticle.objects.values("organisation").distinct().count() == 2
    assert BehaviouralOrder.objects.filter(state="imposed").count() >= 3
    assert Closure.objects.filter(state="imposed", urgent=True).exists()
    counts = (Case.objects.count(), Person.objects.count(), Melding.objects.count())
    again = demo_lines()
    assert "already present" in again[0]
    assert (Case.objects.count(), Person.objects.count(), Melding.objects.count()) == counts


def test_demo_people_are_synthetic(seeded_demo):
    people = [p for p in Person.objects.all() if (p.bsn or "").startswith("99998")]
    assert len(people) > FILE_COUNT * 2
    for person in people:
        assert person.surname.startswith(("Testmelder-", "Testveroorzaker-")) and is_valid_bsn(person.bsn)
