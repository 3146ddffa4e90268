"""The open case counts under concurrent transactions on PostgreSQL (ADR 0057): transactions that change cases of one
organisation, type and status never wait for each other (the counts are appended rows, not one counter row per key),
a fold while another transaction's change is not yet committed loses nothing, and a TRUNCATE of the cases empties
the counts."""

from __future__ import annotations

import psycopg
import pytest
from django.db import connections

from casework import counts
from casework.models import OpenCaseCount
from casework.pga import workflow as pga
from tests.factories.casework import make_pga_case

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, databases="__all__")]


def _connect() -> psycopg.Connection:
    """A connection of its own to the test database (not in autocommit: each statement opens a transaction)."""
    settings = connections["default"].settings_dict
    return psycopg.connect(dbname=settings["NAME"], user=settings["USER"], password=settings["PASSWORD"] or None,
                           host=settings["HOST"], port=settings["PORT"] or None)


def _kept(controller_id) -> dict[tuple[str, str], int]:
    return {(case_type, status): n for case_type, status, n in counts.open_case_counts(controller_id)}


def test_transactions_changing_one_organisations_counts_do_not_wait_for_each_other(make_user, organisation):
    owner = make_user()
    first, second, third = (make_pga_case(owner=owner) for _ in range(3))
    with _connect() as one, _connect() as other:
        one.execute("UPDATE casework_case SET status = %s WHERE id = %s", [pga.TRIAGE, first.pk])
        # the first transaction is open and has counted -1 aangemeld, +1 triage. With one counter row per key the
        # second would wait for it to end, which it does not until the second is done: the lock timeout would
        # answer that wait with an error, whatever the machine's speed (no wait, no error: nothing is timed).
        other.execute("SET lock_timeout = '5s'")
        other.execute("UPDATE casework_case SET status = %s WHERE id = ANY(%s)", [pga.TRIAGE, [second.pk, third.pk]])
        other.execute("UPDATE casework_case SET closed_on = opened_on WHERE id = %s", [third.pk])
        other.commit()
        one.commit()
    assert _kept(organisation.pk) == {("pga", pga.TRIAGE): 2}
    assert counts.drift() == {}


def test_a_fold_during_an_uncommitted_change_loses_nothing(make_user, organisation):
    owner = make_user()
    first, _second = make_pga_case(owner=owner), make_pga_case(owner=owner)
    with _connect() as one:
        one.execute("UPDATE casework_case SET status = %s WHERE id = %s", [pga.TRIAGE, first.pk])
        assert counts.fold() > 0  # sums and deletes only the committed rows; the open transaction's stay its own
        assert _kept(organisation.pk) == {("pga", pga.AANGEMELD): 2}
        one.commit()
    assert _kept(organisation.pk) == {("pga", pga.AANGEMELD): 1, ("pga", pga.TRIAGE): 1}
    assert counts.drift() == {}
    counts.fold()
    assert sorted(OpenCaseCount.objects.values_list("status", "n")) == [(pga.AANGEMELD, 1), (pga.TRIAGE, 1)]


def test_a_truncate_of_the_cases_empties_the_counts(make_user):
    make_pga_case(owner=make_user())
    with _connect() as one:
        assert one.execute("SELECT count(*) FROM casework_opencasecount").fetchone()[0] > 0
        one.execute("TRUNCATE casework_case CASCADE")
        assert one.execute("SELECT count(*) FROM casework_opencasecount").fetchone()[0] == 0
        one.rollback()
