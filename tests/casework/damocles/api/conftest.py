"""Fixtures for the Damocles API tests: an enforcement team, outsiders, the lead of another team of the
organisation (`other_team_lead`), a process director of another team (`regisseur`), and a partner
(`partner`, tests/casework/conftest.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Organisation
from accounts.roles import HANDHAVER
from audit.activities import CHAIN_SHARING
from casework.models import SharingDecision
from casework.sharing import share_create
from tests.casework.support import regisseur_of_another_team  # noqa: F401  (fixture `regisseur`)
from tests.factories.accounts import OrganisationFactory, TeamFactory
from tests.factories.damocles import make_damocles_case, premises_data

WEIGHING = "Alleen de rapportage is nodig voor de afstemming met de politie; minder ingrijpend kan niet."


@pytest.fixture
def handhaving(organisation):
    return TeamFactory(organisation=organisation, name="Team Handhaving")


@pytest.fixture
def handhaver(make_user, handhaving):
    return make_user(role=HANDHAVER, team=handhaving)


@pytest.fixture
def other_org_handhaver(make_user, other_organisation):
    return make_user(role=HANDHAVER, organisation=other_organisation,
                     team=TeamFactory(organisation=other_organisation, name="Handhaving Elders"))


@pytest.fixture
def partner_org(db):
    return OrganisationFactory(name="Test-Politie Midden", kind=Organisation.Kind.POLITIE)


@pytest.fixture
def procedure(handhaver):
    """A registered procedure: softdrugs over 30 g in a dwelling, a main subject, a tenant as a party."""
    return make_damocles_case(
        owner=handhaver, premises=premises_data(number=12),
        main_person={"first_names": "Testan", "surname": "Testpersoon Bewoner", "bsn": "999990020"},
        findings=[{"substance": "softdrugs", "amount": "45", "unit": "g"}],
        parties=[{"role": "tenant", "person": {"first_names": "Testine", "surname": "Testpersoon Huurder",
                                               "bsn": "999990019", "date_of_birth": None}}],
    )


def share(case, *, by, partner_org, categories=("metadata",), ends_in_days: int = 30) -> SharingDecision:
    return share_create(
        actor=by, case=case, partner=partner_org, categories=list(categories), processing_activity=CHAIN_SHARING,
        purpose="Afstemming met de politie over de sluiting (test).", weighing=WEIGHING,
        ends_on=timezone.localdate() + timedelta(days=ends_in_days),
    )
