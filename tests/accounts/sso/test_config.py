"""Single sign-on configuration as data: the provider (sealed secret, MFA and local-login constraints),
the group mapping (a partner never gets a staff role), the commands, and the rules of services.py."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction

from accounts.models import GroupRoleMapping, IdentityProvider, Organisation
from accounts.roles import HANDHAVER, KETENPARTNER, PRIVACY_OFFICER, PROCESREGISSEUR, TEAMLEIDER
from accounts.sealing import SealedValueUnavailable
from accounts.sso import services
from accounts.sso.services import LoginRefused
from audit.actions import Action
from tests.auditlog import events
from tests.factories.accounts import OrganisationFactory, TeamFactory

pytestmark = pytest.mark.django_db(databases="__all__")
ISSUER = "https://login.example.invalid/tenant"
SECRET = "a-client-secret-nobody-should-read"  # noqa: S105 - synthetic


def _configure(organisation: Organisation, **values) -> IdentityProvider:
    fields = {"issuer": ISSUER, "discovery_url": f"{ISSUER}/.well-known/openid-configuration", "client_id": "zv",
              "amr_values": "mfa", **values}
    return services.identity_provider_configure(actor=None, organisation=organisation, client_secret=SECRET, **fields)


def test_client_secret_is_sealed_at_rest_and_bound_to_its_row(organisation, other_organisation):
    provider = _configure(organisation)
    with connection.cursor() as cursor:
        cursor.execute("SELECT sealed_client_secret FROM accounts_identityprovider WHERE id = %s", [provider.pk.hex])
        stored = bytes(cursor.fetchone()[0])
    assert SECRET.encode() not in stored
    assert IdentityProvider.objects.get(pk=provider.pk).client_secret == SECRET
    other = _configure(other_organisation)
    other.sealed_client_secret = stored  # copied to another row: does not open
    with pytest.raises(SealedValueUnavailable):
        _ = other.client_secret
    assert events(action=Action.UPDATE, object_id=str(organisation.pk)).get().reason.startswith("single sign-on: ")
    assert SECRET not in events(action=Action.UPDATE, object_id=str(organisation.pk)).get().reason


def test_a_provider_requires_an_mfa_claim(organisation):
    with pytest.raises(ValidationError):
        _configure(organisation, amr_values="", acr_values="")
    assert not IdentityProvider.objects.exists()


def test_database_refuses_local_login_next_to_enabled_sso(organisation):
    provider = _configure(organisation)
    with pytest.raises(IntegrityError), transaction.atomic():
        IdentityProvider.objects.filter(pk=provider.pk).update(local_login_allowed=True)
    _configure(organisation, enabled=False, local_login_allowed=True)  # a disabled provider may allow it


@pytest.mark.parametrize("role", [PROCESREGISSEUR, HANDHAVER, PRIVACY_OFFICER, TEAMLEIDER])
def test_partner_mapping_cannot_give_a_staff_role(other_organisation, role):
    with pytest.raises(ValidationError):
        services.group_mapping_set(actor=None, organisation=other_organisation, group="g", role=role)
    assert not GroupRoleMapping.objects.exists()
    services.group_mapping_set(actor=None, organisation=other_organisation, group="g", role=KETENPARTNER)


def test_mapping_team_must_belong_to_the_organisation(organisation, other_organisation):
    foreign = TeamFactory(organisation=other_organisation)
    with pytest.raises(ValidationError):
        services.group_mapping_set(actor=None, organisation=organisation, group="g", role=HANDHAVER, team=foreign)


def test_team_lead_configures_only_own_organisation(make_user, organisation, other_organisation):
    lead = make_user(role=TEAMLEIDER)
    services.group_mapping_set(actor=lead, organisation=organisation, group="g", role=HANDHAVER)
    with pytest.raises(PermissionDenied):
        services.group_mapping_set(actor=lead, organisation=other_organisation, group="g", role=KETENPARTNER)
    with pytest.raises(PermissionDenied):
        services.group_mapping_set(actor=make_user(role=HANDHAVER), organisation=organisation, group="h",
                                   role=HANDHAVER)


def test_role_from_groups_takes_the_first_role_in_role_order(organisation):
    team = TeamFactory(organisation=organisation)
    GroupRoleMapping.objects.create(organisation=organisation, group="leads", role=TEAMLEIDER)
    GroupRoleMapping.objects.create(organisation=organisation, group="enforcers", role=HANDHAVER, team=team)
    assert services.role_from_groups(organisation, ["leads", "enforcers"]) == (HANDHAVER, team, ["enforcers"])
    with pytest.raises(LoginRefused):
        services.role_from_groups(organisation, ["nothing"])


@pytest.mark.parametrize(("claims", "accepted"), [
    ({"acr": "high"}, True), ({"amr": ["pwd", "mfa"]}, True), ({"amr": "mfa"}, True),
    ({"amr": ["pwd"]}, False), ({"acr": "low"}, False), ({}, False), ({"acr": ["high"]}, False),
])
def test_require_mfa(organisation, claims, accepted):
    provider = _configure(organisation, acr_values="high", amr_values="mfa")
    if accepted:
        services.require_mfa(provider, claims)
    else:
        with pytest.raises(LoginRefused):
            services.require_mfa(provider, claims)


def test_commands_configure_provider_and_mapping(monkeypatch, capsys):
    organisation = OrganisationFactory(name="Testgemeente Commando")
    TeamFactory(organisation=organisation, name="Team Toezicht")
    monkeypatch.setenv("TEST_IDP_SECRET", SECRET)
    call_command("sso_provider", organisation.name, "--issuer", ISSUER, "--discovery-url",
                 f"{ISSUER}/.well-known/openid-configuration", "--client-id", "zv", "--client-secret-env",
                 "TEST_IDP_SECRET", "--amr", "mfa", "--recheck-minutes", "10", "--create-users")
    provider = IdentityProvider.objects.get(organisation=organisation)
    assert provider.client_secret == SECRET and provider.recheck_minutes == 10 and provider.create_users
    call_command("sso_group", organisation.name, "zv-toezicht", "--role", HANDHAVER, "--team", "Team Toezicht")
    assert GroupRoleMapping.objects.get(organisation=organisation).team.name == "Team Toezicht"
    with pytest.raises(CommandError):
        call_command("sso_provider", organisation.name, "--client-secret-env", "UNSET_VARIABLE_FOR_TEST")
    call_command("sso_group", organisation.name, "zv-toezicht", "--delete")
    assert not GroupRoleMapping.objects.exists()
