"""Fixtures for the park API tests: an enforcement team, the lead of another team (`other_team_lead`),
a process director of another team (`regisseur`), a partner, an outsider, and a
file walked to a forfeiture whose limitation date is within the warning window."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Organisation
from accounts.roles import HANDHAVER
from tests.casework.support import regisseur_of_another_team  # noqa: F401  (fixture `regisseur`)
from tests.factories.accounts import OrganisationFactory, TeamFactory
from tests.factories.park import forfeit, make_object, make_park, make_park_case, make_person, walk_to_order


@pytest.fixture
def handhaver(make_user, organisation):
    return make_user(role=HANDHAVER, team=TeamFactory(organisation=organisation, name="Team Handhaving Park"))


@pytest.fixture
def outsider(make_user, other_organisation):
    return make_user(role=HANDHAVER, organisation=other_organisation,
                     team=TeamFactory(organisation=other_organisation, name="Handhaving Elders"))


@pytest.fixture
def partner_org(db):
    return OrganisationFactory(name="Test-Provincie Toezicht", kind=Organisation.Kind.POLITIE)


@pytest.fixture
def park(organisation):
    return make_park(organisation, name="Testpark Rhederlaag")


@pytest.fixture
def resident(handhaver):
    return make_person(handhaver, bsn="999990032")


@pytest.fixture
def park_file(handhaver, park, resident):
    obj = make_object(actor=handhaver, park=park, number="B-017", street="Recreatieweg", house_number="17",
                      postcode="9999 XA", city="Demodorp")
    return make_park_case(owner=handhaver, obj=obj, person=resident)


@pytest.fixture
def forfeited(handhaver, other_team_lead, park_file):
    """The file with an imposed order (decided 380 days ago) and one forfeiture 340 days ago:
    its limitation date lies within 3 months."""
    today = timezone.localdate()
    # Amounts as entered in a form ("500.00"): the approval payload compares them as text.
    order = walk_to_order(park_file, by=handhaver, lead=other_team_lead, decided_on=today - timedelta(days=380),
                          amount="500.00", maximum="5000.00")
    return forfeit(order, by=handhaver, on=today - timedelta(days=340))
