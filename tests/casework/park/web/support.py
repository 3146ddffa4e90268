"""Helpers for the park web tests (tests/casework/park/web/test_*.py); the cast is in
tests/casework/park/web/conftest.py. Data is made through the real services (tests/factories/park.py)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from tests.factories.park import forfeit, make_object, make_park_case, make_person, walk_to_order

# The order figures of the test files (amounts with cents, as the forms send them).
FIGURES = {"amount": Decimal("500.00"), "maximum": Decimal("5000.00")}


def park_url(name, case=None, **kwargs):
    if case is not None:
        kwargs["case_id"] = case.pk
    return reverse(f"casework:park_{name}", kwargs=kwargs or None)


def file_with_forfeiture(owner, lead, *, park, number=None, limitation_in_days=65):
    """A file with an imposed order and one forfeiture whose limitation date is `limitation_in_days` away."""
    today = timezone.localdate()
    forfeited_on = today + timedelta(days=limitation_in_days) - timedelta(days=365)
    obj = make_object(actor=owner, park=park, number=number)
    case = make_park_case(owner=owner, obj=obj, person=make_person(owner))
    order = walk_to_order(case, by=owner, lead=lead, decided_on=forfeited_on - timedelta(days=30), **FIGURES)
    forfeiture = forfeit(order, by=owner, on=forfeited_on)
    case.refresh_from_db()
    return case, order, forfeiture
