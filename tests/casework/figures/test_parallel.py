"""A long report's parallel workers (config/parallel.py, ADR 0045): granted for its own transaction only, on
PostgreSQL; every other query of the connection, before and after, also after a failure, runs without."""

from __future__ import annotations

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from accounts.roles import TEAMLEIDER
from casework.figures.selectors import annual_figures
from config.parallel import parallel_query


def _workers() -> str:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT current_setting('max_parallel_workers_per_gather')")
        return cursor.fetchone()[0]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_report_has_parallel_workers_for_its_own_transaction_only(settings):
    settings.REPORT_PARALLEL_WORKERS = 3
    assert _workers() == "0"
    with parallel_query("default"):
        assert _workers() == "3"
    assert _workers() == "0"
    with pytest.raises(RuntimeError), parallel_query("default"):
        assert _workers() == "3"
        raise RuntimeError("the report failed")
    assert _workers() == "0"
    settings.REPORT_PARALLEL_WORKERS = 0
    with parallel_query("default"):
        assert _workers() == "0"


@pytest.mark.postgres
@pytest.mark.django_db(databases="__all__", transaction=True)
def test_the_annual_figures_ask_for_workers_before_their_aggregates(make_user):
    lead = make_user(role=TEAMLEIDER)
    with CaptureQueriesContext(connections["default"]) as captured:
        report = annual_figures(user=lead, years=[2025, 2026])
    assert report.indicators
    statements = [query["sql"] for query in captured.captured_queries]
    granted = next(index for index, sql in enumerate(statements) if "max_parallel_workers_per_gather" in sql)
    aggregates = [index for index, sql in enumerate(statements) if '"casework_case"' in sql]
    assert aggregates and granted < min(aggregates)
    assert _workers() == "0"


@pytest.mark.django_db
def test_elsewhere_the_block_runs_as_it_is():
    if connections["default"].vendor == "postgresql":
        pytest.skip("SQLite has no parallel workers")
    with CaptureQueriesContext(connections["default"]) as captured, parallel_query("default"):
        pass
    assert captured.captured_queries == []
