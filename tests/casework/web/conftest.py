"""Fixtures for the PGA web tests, besides the casework cast (tests/casework/conftest.py): a case
factory for `regisseur`, and the outsiders who must not write to such a case."""

from __future__ import annotations

import pytest

from accounts.roles import KETENPARTNER, PROCESREGISSEUR
from tests.casework.web.actions_support import share_with
from tests.factories.accounts import TeamFactory
from tests.factories.casework import make_pga_case


@pytest.fixture
def case_factory(regisseur):
    def _make(status="aangemeld", **kwargs):
        return make_pga_case(owner=regisseur, status=status, **kwargs)
    return _make


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
