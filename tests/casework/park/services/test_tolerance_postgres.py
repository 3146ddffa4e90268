"""Concurrent one-way changes of a park dossier row on PostgreSQL (docs/adr/0017, amended at stop 30): officers
who opened the same page end one tolerance decision, or record one occupant's departure, at the same moment.
The service reads the row again under a row lock, so exactly one succeeds, the others are refused ("already
ended"/"already left"), and the winner's date stays — no lost update, no 500."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connections

from casework.park.models import Occupant, ToleranceDecision
from casework.park.services import occupant_leave, occupant_register, tolerance_end, tolerance_grant
from tests.auditlog import events
from tests.casework.versions.test_parallel_postgres import together
from tests.factories.park import make_park_case, make_person

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, databases="__all__")]
PARALLEL = 5


@pytest.fixture(autouse=True)
def seeded_tolerance_policy(db):
    """The national reference date comes from a data migration, which a transactional test's flush removes for
    the tests after the first on this worker: seed it again (idempotent), as tests/browser/test_park_pages.py does."""
    import importlib

    from django.apps import apps

    importlib.import_module("casework.park.migrations.0002_seed_tolerance_policy").seed(apps, None)


def _attempt(call: Callable[[], object]) -> str:
    try:
        call()
    except ValidationError:
        return "refused"
    return "done"


def test_parallel_endings_and_departures_one_wins_the_rest_are_refused(officer):
    assert connections["default"].vendor == "postgresql"
    resident = make_person(officer)
    case = make_park_case(owner=officer, person=resident)
    obj = case.park.object
    occupant = occupant_register(actor=officer, object=obj, person=resident, brp_status="registered",
                                 brp_checked_on=date(2024, 10, 1), since=date(1998, 6, 1))
    decision = tolerance_grant(actor=officer, object=obj, person=resident, resident_since=date(1998, 6, 1),
                               granted_on=date(2024, 1, 15))
    ends = [date(2024, 12, 1) + timedelta(days=n) for n in range(PARALLEL)]
    stale = [ToleranceDecision.objects.get(pk=decision.pk) for _ in ends]  # each officer's page, read before
    outcomes = together([
        (lambda d=d, row=row: _attempt(lambda: tolerance_end(actor=officer, decision=row, ended_on=d,
                                                             end_reason="revoked")))
        for d, row in zip(ends, stale, strict=True)])
    assert sorted(outcomes) == ["done"] + ["refused"] * (PARALLEL - 1), outcomes
    assert ToleranceDecision.objects.get(pk=decision.pk).ended_on == ends[outcomes.index("done")]
    assert events(action="update", object_type="park.ToleranceDecision", object_id=str(decision.pk)).count() == 1

    departures = [date(2025, 3, 1) + timedelta(days=n) for n in range(PARALLEL)]
    stale_occupants = [Occupant.objects.get(pk=occupant.pk) for _ in departures]
    outcomes = together([
        (lambda d=d, row=row: _attempt(lambda: occupant_leave(actor=officer, occupant=row, left_on=d)))
        for d, row in zip(departures, stale_occupants, strict=True)])
    assert sorted(outcomes) == ["done"] + ["refused"] * (PARALLEL - 1), outcomes
    assert Occupant.objects.get(pk=occupant.pk).left_on == departures[outcomes.index("done")]
