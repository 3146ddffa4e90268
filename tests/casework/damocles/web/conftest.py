"""The cast of the Damocles web tests: a handhaver who owns the procedures (team H), the team lead
of that team, a handhaver of another organisation, a procesregisseur of the same organisation
(other team), and a chain partner organisation with one user (`partner`, tests/casework/conftest.py).
Procedures are registered through the real services (tests/factories/damocles.py)."""

from __future__ import annotations

import pytest

from accounts.models import Organisation
from accounts.roles import HANDHAVER, PROCESREGISSEUR
from tests.casework.support import team_lead  # noqa: F401  (fixture `lead`: of this folder's team)
from tests.factories.accounts import OrganisationFactory, TeamFactory
from tests.factories.damocles import make_damocles_case


@pytest.fixture
def team(organisation):
    return TeamFactory(organisation=organisation, name="Team Handhaving")


@pytest.fixture
def regisseur(make_user, organisation):
    return make_user(role=PROCESREGISSEUR, team=TeamFactory(organisation=organisation, name="Team Zorg"))


@pytest.fixture
def other_org_handhaver(make_user, other_organisation):
    return make_user(role=HANDHAVER, organisation=other_organisation,
                     team=TeamFactory(organisation=other_organisation, name="Team Elders"))


@pytest.fixture
def partner_org(db):
    return OrganisationFactory(name="Testwoningcorporatie", kind=Organisation.Kind.WONINGCORPORATIE)


@pytest.fixture
def procedure(handhaver):
    """A registered procedure (rapportage ontvangen) with 12 g hard drugs, owned by `handhaver`."""
    return make_damocles_case(owner=handhaver, team=handhaver.team)
