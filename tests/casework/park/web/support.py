"""Fixtures and helpers for the park web tests (tests/casework/park/web/test_*.py).

The cast: a handhaver who owns the files (team H), a team lead of the same organisation, a
handhaver of another organisation, a procesregisseur of the same organisation. Data is made
through the real services (tests/factories/park.py). Test modules take the fixtures with a star
import (`__all__` lists exactly the fixtures) and import helpers by name.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import HANDHAVER, PROCESREGISSEUR
from tests.casework.support import case_url, events, handhaver, lead  # noqa: F401  (case_url, events: re-exported)
from tests.factories.accounts import TeamFactory
from tests.factories.park import forfeit, make_object, make_park, make_park_case, make_person, walk_to_order

__all__ = ["handhaver", "lead", "other_org_handhaver", "park", "regisseur", "team"]


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


@pytest.fixture
def team(organisation):
    return TeamFactory(organisation=organisation, name="Team Handhaving Park")


@pytest.fixture
def regisseur(make_user, organisation):
    return make_user(role=PROCESREGISSEUR, team=TeamFactory(organisation=organisation, name="Team Zorg Park"))


@pytest.fixture
def other_org_handhaver(make_user, other_organisation):
    return make_user(role=HANDHAVER, organisation=other_organisation,
                     team=TeamFactory(organisation=other_organisation, name="Team Elders Park"))


@pytest.fixture
def park(organisation):
    return make_park(organisation, name="Testpark Rhederlaagse Meren")
