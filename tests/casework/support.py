"""Fixtures that several casework test folders share, and `case_url`.

A conftest.py takes by name the fixtures that fit its folder's cast (never `import *`), so each
name has one meaning per folder:

- `handhaver`: an enforcement officer of the folder's own `team` fixture.
- `team_lead` (fixture name `lead`): the team lead of the folder's own `team` (web pages).
- `officer` and `lead_without_team` (fixture name `lead`): an enforcement officer and a team lead
  without a team (the Damocles and park service tests).
- `regisseur_of_another_team` (fixture name `regisseur`): a process director of another team of the
  organisation (the Damocles and park API tests).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.roles import HANDHAVER, PROCESREGISSEUR, TEAMLEIDER
from tests.factories.accounts import TeamFactory


def case_url(case):
    return reverse("casework:case_detail", kwargs={"case_id": case.pk})


@pytest.fixture
def handhaver(make_user, team):
    return make_user(role=HANDHAVER, team=team)


@pytest.fixture(name="lead")
def team_lead(make_user, team):
    return make_user(role=TEAMLEIDER, team=team)


@pytest.fixture
def officer(make_user):
    return make_user(role=HANDHAVER)


@pytest.fixture(name="lead")
def lead_without_team(make_user):
    return make_user(role=TEAMLEIDER)


@pytest.fixture(name="regisseur")
def regisseur_of_another_team(make_user, organisation):
    return make_user(role=PROCESREGISSEUR, team=TeamFactory(organisation=organisation, name="Procesregie"))
