"""Fixtures and helpers for the action-page tests (tests/casework/web/test_actions_*.py).

The cast: a procesregisseur who owns the case (team A), a colleague of another team, a
procesregisseur of another organisation, a chain partner with an active share (read-only) and
one whose share has expired. Test modules take the fixtures with a star import (`__all__` lists
exactly the fixtures; ruff would flag explicitly imported fixtures as redefined by the parameters)
and import the helper functions by name.
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
from casework.pga.casetype import PGA_CONFERENCES, PGA_PLAN
from casework.sharing import share_create
from tests.factories.accounts import OrganisationFactory, TeamFactory
from tests.factories.casework import make_pga_case

__all__ = ["case_factory", "lead", "outsiders", "partner_org", "regisseur", "team"]

WEIGHING = "Deling is nodig voor de afstemming in het casusoverleg; minder gegevens volstaan niet (test)."


def events(**filters):
    return AuditEvent.objects.using("audit").filter(**filters)


def denied_events(case):
    return events(action="access_denied", case_id=str(case.pk))


@pytest.fixture
def team(organisation):
    return TeamFactory(organisation=organisation, name="Testteam A")


@pytest.fixture
def regisseur(make_user, team):
    return make_user(role=PROCESREGISSEUR, team=team)


@pytest.fixture
def lead(make_user, team):
    return make_user(role=TEAMLEIDER, team=team)


@pytest.fixture
def partner_org(db):
    return OrganisationFactory(name="Testreclassering Oost", kind=Organisation.Kind.RECLASSERING)


@pytest.fixture
def case_factory(regisseur):
    def _make(status="aangemeld", **kwargs):
        return make_pga_case(owner=regisseur, status=status, **kwargs)
    return _make


def share_with(case, *, partner, actor, expired: bool = False, categories=(PGA_PLAN, PGA_CONFERENCES)):
    share = share_create(actor=actor, case=case, partner=partner, categories=list(categories),
                         processing_activity=CHAIN_SHARING, purpose="Afstemming (test)", weighing=WEIGHING,
                         ends_on=timezone.localdate() + timedelta(days=30))
    if expired:
        # Dates only (no encrypted field): moving the window into the past needs no history row.
        yesterday = timezone.localdate() - timedelta(days=1)
        SharingDecision.objects.filter(pk=share.pk).update(starts_on=yesterday - timedelta(days=10), ends_on=yesterday)
    return share


@pytest.fixture
def outsiders(make_user, organisation, other_organisation, partner_org, regisseur):
    """Users who must not write to a case of `regisseur`: name -> factory(case) -> user."""
    other_team = TeamFactory(organisation=organisation, name="Testteam B")

    def other_team_regisseur(case):
        return make_user(role=PROCESREGISSEUR, team=other_team)

    def other_org_regisseur(case):
        return make_user(role=PROCESREGISSEUR, organisation=other_organisation,
                         team=TeamFactory(organisation=other_organisation))

    def partner_with_share(case):
        share_with(case, partner=partner_org, actor=regisseur)
        return make_user(role=KETENPARTNER, organisation=partner_org)

    def partner_after_expiry(case):
        share_with(case, partner=partner_org, actor=regisseur, expired=True)
        return make_user(role=KETENPARTNER, organisation=partner_org)

    return {
        "other_team": other_team_regisseur,
        "other_org": other_org_regisseur,
        "partner_with_share": partner_with_share,
        "partner_after_expiry": partner_after_expiry,
    }
