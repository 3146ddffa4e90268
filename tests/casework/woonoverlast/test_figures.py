"""casework/woonoverlast/selectors/figures.py: files, reports by source, gedragsaanwijzingen and
closures per year and quarter, one query each, only the own organisation's files."""

from __future__ import annotations

from datetime import date

import pytest

from casework.models import Case
from casework.woonoverlast.models import BehaviouralOrder, Closure
from casework.woonoverlast.selectors import figures
from tests.conftest import count_queries
from tests.factories.woonoverlast import make_file, walk_to_closure, walk_to_order

pytestmark = pytest.mark.django_db(databases="__all__")


def test_files_reports_orders_and_closures(officer, lead, apv):
    ordered = make_file(owner=officer, reports=2)
    walk_to_order(ordered, by=officer, lead=lead)
    closed = make_file(owner=officer)
    walk_to_closure(closed, by=officer, lead=lead, urgent=True)
    Case.objects.filter(pk=ordered.pk).update(opened_on=date(2025, 1, 10))
    Case.objects.filter(pk=closed.pk).update(opened_on=date(2025, 7, 10))
    BehaviouralOrder.objects.update(decided_on=date(2025, 4, 14))
    Closure.objects.update(decided_on=date(2025, 9, 1))
    make_file(owner=officer)  # opened today, outside the years asked; its report is of 2025
    with count_queries() as queries:
        files, reports, orders, closures = figures.figures(organisation_id=officer.organisation_id, years=[2025])
    assert len(queries) == 4
    assert files.years == {2025: 2} and files.quarters == {(2025, 1): 1, (2025, 3): 1}
    assert reports.years == {2025: 4} and reports.breakdowns[0].values == {(2025, "neighbour"): 4}
    assert orders.years == {2025: 1} and orders.quarters == {(2025, 2): 1}
    assert sum(orders.breakdowns[0].values.values()) == 1
    assert closures.years == {2025: 1} and closures.quarters == {(2025, 3): 1}
    assert figures.figures(organisation_id=None, years=[2025])[0].years == {}
