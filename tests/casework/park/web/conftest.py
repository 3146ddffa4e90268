"""The cast of the park web tests: a handhaver who owns the files (team H), the team lead of that
team, a handhaver of another organisation, a procesregisseur of the same organisation, and a park."""

from __future__ import annotations

import pytest

from accounts.roles import HANDHAVER, PROCESREGISSEUR
from tests.casework.support import team_lead  # noqa: F401  (fixture `lead`: of this folder's team)
from tests.factories.accounts import TeamFactory
from tests.factories.park import make_park


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
