"""Fixtures and helpers for the Damocles web tests (tests/casework/damocles/web/test_*.py).

The cast: a handhaver who owns the procedures (team H), a team lead of the same organisation, a
handhaver of another organisation, a procesregisseur of the same organisation (other team), and
a chain partner organisation with one user. Procedures are registered through the real services
(tests/factories/damocles.py). Test modules take the fixtures with a star import (`__all__`
lists exactly the fixtures) and import helpers by name.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Organisation
from accounts.roles import HANDHAVER, PROCESREGISSEUR
from audit.activities import CHAIN_SHARING
from casework.models import SharingDecision
from casework.sharing import share_create
from tests.casework.support import case_url, events, handhaver, lead, partner  # noqa: F401  (case_url, events: re-exported)
from tests.factories.accounts import OrganisationFactory, TeamFactory
from tests.factories.damocles import make_damocles_case

__all__ = ["handhaver", "lead", "other_org_handhaver", "partner", "partner_org", "procedure", "regisseur",
           "team"]

WEIGHING = "Deling is nodig voor de afstemming over de sluiting; minder gegevens volstaan niet (test)."
PDF = b"%PDF-1.4\n% synthetic test report\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def denied(case):
    return events(action="access_denied", case_id=str(case.pk))


def damocles_url(name, case, **kwargs):
    return reverse(f"casework:damocles_{name}", kwargs={"case_id": case.pk, **kwargs})


def share_with(case, *, actor, partner_org, categories, expired=False):
    share = share_create(actor=actor, case=case, partner=partner_org, categories=list(categories),
                         processing_activity=CHAIN_SHARING, purpose="Afstemming sluiting (test)", weighing=WEIGHING,
                         ends_on=timezone.localdate() + timedelta(days=30))
    if expired:
        yesterday = timezone.localdate() - timedelta(days=1)
        SharingDecision.objects.filter(pk=share.pk).update(starts_on=yesterday - timedelta(days=10),
                                                           ends_on=yesterday)
    return share


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
