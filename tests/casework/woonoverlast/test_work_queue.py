"""Woonoverlast on the shared pages: its dashboard rows show the file's real next term (derived by
the core from its `deadlines`, it gives no `next_deadline` of its own) and its terms reach Mijn werk."""

from __future__ import annotations

import pytest

from casework import access, dashboards, worklist
from casework.woonoverlast.models import Intention
from tests.factories.woonoverlast import to_intention

pytestmark = pytest.mark.django_db(databases="__all__")


def test_the_next_term_on_the_dashboard_and_in_my_work(case, officer):
    to_intention(case, by=officer)
    view_due = Intention.objects.get(case=case).view_due_on

    rows, total = dashboards.open_rows_of_type(user=officer, visible=access.visible_cases(officer),
                                               case_type="woonoverlast", today=view_due)
    assert total == 1 and rows[0].next_deadline == view_due

    items = worklist.work_items(user=officer, today=view_due)
    assert [(item.case, item.kind, item.due_on, item.legal_basis) for item in items] == [
        (case, worklist.DEADLINE, view_due, "Awb 4:8")]
