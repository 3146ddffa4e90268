"""Fixtures and helpers for the read-page tests (tests/casework/web/test_read_*.py).

The cast: a procesregisseur who owns cases (team A), a colleague in team A, a procesregisseur of
team B, a procesregisseur of another municipality, a team lead, and a chain partner organisation
with one user. Shares are made through the real service; an expired share is moved into the
past with a queryset update (the service refuses an end date in the past, rightly).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Organisation
from accounts.roles import KETENPARTNER, PROCESREGISSEUR, TEAMLEIDER
from audit.activities import CHAIN_SHARING
from audit.models import AuditEvent
from casework.models import SharingDecision
from casework.sharing import share_create
from tests.factories.accounts import OrganisationFactory, TeamFactory

WEIGHING = "Deling is nodig voor de afstemming in het casusoverleg; minder gegevens volstaan niet (test)."


def events(**filters):
    return AuditEvent.objects.using("audit").filter(**filters)


def share_with(case, actor, partner, categories, days=30):
    return share_create(
        actor=actor, case=case, partner=partner, categories=list(categories), processing_activity=CHAIN_SHARING,
        purpose="Afstemming in het casusoverleg (test).", weighing=WEIGHING,
        ends_on=timezone.localdate() + timedelta(days=days),
    )


def expire(share):
    today = timezone.localdate()
    SharingDecision.objects.filter(pk=share.pk).update(starts_on=today - timedelta(days=20),
                                                       ends_on=today - timedelta(days=1))


@pytest.fixture
def team(organisation):
    return TeamFactory(organisation=organisation, name="Testteam A")


@pytest.fixture
def team_b(organisation):
    return TeamFactory(organisation=organisation, name="Testteam B")


@pytest.fixture
def regisseur(make_user, team):
    return make_user(role=PROCESREGISSEUR, team=team)


@pytest.fixture
def colleague(make_user, team):
    return make_user(role=PROCESREGISSEUR, team=team)


@pytest.fixture
def other_team_user(make_user, team_b):
    return make_user(role=PROCESREGISSEUR, team=team_b)


@pytest.fixture
def lead(make_user, team):
    return make_user(role=TEAMLEIDER, team=team)


@pytest.fixture
def other_municipality(db):
    return OrganisationFactory(name="Testgemeente Zuid", kind=Organisation.Kind.GEMEENTE)


@pytest.fixture
def other_org_user(make_user, other_municipality):
    return make_user(role=PROCESREGISSEUR, organisation=other_municipality)


@pytest.fixture
def partner_org(db):
    return OrganisationFactory(name="Testreclassering Oost", kind=Organisation.Kind.RECLASSERING)


@pytest.fixture
def partner(make_user, partner_org):
    return make_user(role=KETENPARTNER, organisation=partner_org)
