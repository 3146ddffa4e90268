"""The casework cast (PGA unless a folder says otherwise; sub-folders override what differs).

A procesregisseur who owns cases in `team` (Testteam A), a colleague in the same team, a
procesregisseur of team B, a procesregisseur of another municipality, the team lead (`lead`), the
lead of another team who supervises the organisation (`other_team_lead`), an enforcement officer of
the team, and a chain partner organisation with one user.
"""

from __future__ import annotations

import pytest

from accounts.models import Organisation
from accounts.roles import KETENPARTNER, PROCESREGISSEUR, TEAMLEIDER
from tests.casework.support import handhaver, team_lead  # noqa: F401  (fixtures `handhaver`, `lead`)
from tests.factories.accounts import OrganisationFactory, TeamFactory


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


@pytest.fixture
def other_team_lead(make_user, organisation):
    return make_user(role=TEAMLEIDER, team=TeamFactory(organisation=organisation, name="Leiding"))


@pytest.fixture(scope="session")
def _fake_locatieserver():
    """One fake Locatieserver (tests/bagfake.py) per test process."""
    from tests import bagfake

    fake = bagfake.start()
    yield fake
    fake.stop()


@pytest.fixture
def locatieserver(_fake_locatieserver, settings):
    """The fake Locatieserver configured as the municipality's BAG source, answering normally, no backoff."""
    fake = _fake_locatieserver
    fake.reset()
    settings.BAG_SOURCE = "municipal"
    settings.BAG_BASE_URL = fake.base_url
    settings.BAG_CONNECT_TIMEOUT, settings.BAG_READ_TIMEOUT = 1.0, 1.0
    settings.BAG_RETRIES, settings.BAG_RETRY_BACKOFF = 2, 0.0
    return fake


@pytest.fixture(scope="session")
def _fake_brp():
    """One fake BRP API (tests/brpfake.py) per test process."""
    from tests import brpfake

    fake = brpfake.start()
    yield fake
    fake.stop()


@pytest.fixture
def brp(_fake_brp, settings):
    """The fake BRP configured as the municipality's source (OAuth2 client credentials), answering normally."""
    from casework.brp import transport
    from tests import brpfake

    fake = _fake_brp
    fake.reset()
    transport._tokens.clear()
    settings.BRP_SOURCE = "haalcentraal"
    settings.BRP_PERSONEN_URL, settings.BRP_BEWONING_URL = fake.personen_url, fake.bewoning_url
    settings.BRP_OAUTH_TOKEN_URL = fake.token_url
    settings.BRP_OAUTH_CLIENT_ID, settings.BRP_OAUTH_CLIENT_SECRET = brpfake.CLIENT_ID, brpfake.CLIENT_SECRET
    settings.BRP_CONNECT_TIMEOUT, settings.BRP_READ_TIMEOUT = 1.0, 1.0
    settings.BRP_RETRIES, settings.BRP_RETRY_BACKOFF = 2, 0.0
    yield fake
    transport._tokens.clear()
