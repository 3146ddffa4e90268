"""casework/park/selectors/figures.py: orders, forfeitures by present state, amounts received and
forfeitures lost to limitation, per year and quarter, one query each."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from casework.park.selectors import figures
from casework.park.services import payment_record
from casework.penalties.models import Forfeiture
from tests.conftest import count_queries
from tests.factories.park import forfeit, make_park_case, make_person, walk_to_order

pytestmark = pytest.mark.django_db(databases="__all__")


def test_orders_forfeitures_payments_and_limitation(officer, lead):
    order = walk_to_order(make_park_case(owner=officer, person=make_person(officer)), by=officer, lead=lead,
                          decided_on=date(2025, 1, 6))
    first = forfeit(order, by=officer, on=date(2025, 2, 3))
    second = forfeit(order, by=officer, on=date(2025, 5, 5))
    payment_record(actor=officer, forfeiture=first, paid_on=date(2025, 3, 1), amount=str(first.amount))
    Forfeiture.objects.filter(pk=second.pk).update(state=Forfeiture.State.EXPIRED, closed_on=date(2026, 2, 1))
    with count_queries() as queries:
        orders, forfeitures, collected, time_barred = figures.figures(organisation_id=officer.organisation_id,
                                                                      years=[2025, 2026])
    assert len(queries) == 4
    assert orders.years == {2025: 1} and orders.quarters == {(2025, 1): 1}
    assert forfeitures.years == {2025: 2} and forfeitures.quarters == {(2025, 1): 1, (2025, 2): 1}
    assert forfeitures.breakdowns[0].values == {(2025, "paid"): 1, (2025, "expired"): 1}
    assert collected.unit == "amount" and collected.years == {2025: Decimal(first.amount)}
    assert collected.basis == {2025: 1, (2025, 1): 1}
    assert time_barred.years == {2026: 1} and time_barred.quarters == {(2026, 1): 1}
