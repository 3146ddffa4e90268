"""The team lead's page for the organisation's SSO group mapping (accounts/sso/views.py, services.py): view, add,
change and remove mappings, every change audited; a chain partner's IdP never yields a municipal role."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import GroupRoleMapping
from accounts.roles import HANDHAVER, KETENPARTNER, PROCESREGISSEUR, ROLES, TEAMLEIDER, roles_with
from accounts.sso import services
from audit.actions import Action
from tests.auditlog import event_list
from tests.conftest import count_queries
from tests.factories.accounts import TeamFactory

pytestmark = pytest.mark.django_db(databases="__all__")
PAGE = "/accounts/organisation/sso-groups/"


@pytest.fixture
def lead(make_user, organisation):
    return make_user(role=TEAMLEIDER, organisation=organisation)


def test_the_team_lead_adds_changes_and_removes_a_mapping_and_each_change_is_audited(client, login, lead,
                                                                                     organisation):
    team = TeamFactory(organisation=organisation, name="Team Handhaving")
    login(client, lead)
    page = client.get(PAGE)
    assert page.status_code == 200 and "Groepen van de inlogdienst van de organisatie" in page.content.decode()
    response = client.post(PAGE, {"group": " ZV-Handhavers ", "role": HANDHAVER, "team": team.pk})
    assert response.status_code == 302
    mapping = GroupRoleMapping.objects.get(organisation=organisation)
    assert (mapping.group, mapping.role, mapping.team_id) == ("ZV-Handhavers", HANDHAVER, team.pk)
    client.post(PAGE, {"group": "ZV-Handhavers", "role": PROCESREGISSEUR, "team": ""})  # the same group: changed
    mapping.refresh_from_db()
    assert (mapping.role, mapping.team_id) == (PROCESREGISSEUR, None)
    listing = client.get(PAGE).content.decode()
    assert "ZV-Handhavers" in listing and "Procesregisseur" in listing
    assert client.post(reverse("accounts:group_mapping_remove", args=[mapping.pk])).status_code == 302
    assert not GroupRoleMapping.objects.exists()
    reasons = [event.reason for event in event_list(action=Action.UPDATE, object_id=str(organisation.pk))]
    assert reasons == [f"single sign-on: group mapping ZV-Handhavers: - -> {HANDHAVER}/{team.pk}",
                       f"single sign-on: group mapping ZV-Handhavers: {HANDHAVER}/{team.pk} -> {PROCESREGISSEUR}/-",
                       "single sign-on: group mapping ZV-Handhavers deleted"]
    assert all(event.actor_id == str(lead.pk) for event in event_list(action=Action.UPDATE,
                                                                       object_id=str(organisation.pk)))


def test_bad_input_is_refused_on_the_page(client, login, lead, other_organisation):
    login(client, lead)
    foreign_team = TeamFactory(organisation=other_organisation, name="Team Elders")
    assert client.post(PAGE, {"group": "  ", "role": HANDHAVER}).status_code == 400
    assert client.post(PAGE, {"group": "g", "role": "superuser"}).status_code == 400
    assert client.post(PAGE, {"group": "g", "role": HANDHAVER, "team": foreign_team.pk}).status_code == 400
    assert not GroupRoleMapping.objects.exists()


def test_only_a_team_lead_of_the_own_organisation(client, login, make_user, organisation, other_organisation):
    foreign = services.group_mapping_set(actor=None, organisation=other_organisation, group="g", role=KETENPARTNER)
    login(client, make_user(role=HANDHAVER, organisation=organisation))
    assert client.get(PAGE).status_code == 403
    assert client.post(PAGE, {"group": "g", "role": HANDHAVER}).status_code == 403
    login(client, make_user(role=TEAMLEIDER, organisation=organisation))
    assert client.post(reverse("accounts:group_mapping_remove", args=[foreign.pk])).status_code == 404
    assert GroupRoleMapping.objects.filter(pk=foreign.pk).exists()


@pytest.mark.parametrize("role", sorted(set(ROLES) - {KETENPARTNER}))
def test_a_partner_idp_never_yields_staff_privacy_officer_team_lead_or_break_glass(other_organisation, role):
    with pytest.raises(ValidationError) as refused:
        services.group_mapping_set(actor=None, organisation=other_organisation, group="g", role=role)
    assert refused.value.error_dict["role"][0].code == "partner_role"
    assert not GroupRoleMapping.objects.exists()


def test_the_partner_rule_covers_every_role_that_may_break_the_glass():
    assert all(not services.partner_may_get(role) for role in roles_with("break_glass"))
    assert services.partner_may_get(KETENPARTNER)


def test_a_partners_team_lead_is_offered_the_chain_partner_role_only(client, login, make_user, other_organisation):
    login(client, make_user(role=TEAMLEIDER, organisation=other_organisation))
    assert f'value="{HANDHAVER}"' not in client.get(PAGE).content.decode()
    assert client.post(PAGE, {"group": "g", "role": HANDHAVER}).status_code == 400
    assert client.post(PAGE, {"group": "g", "role": KETENPARTNER}).status_code == 302
    assert GroupRoleMapping.objects.get().role == KETENPARTNER


def test_the_page_reads_a_constant_number_of_queries_at_10_and_200_mappings(client, login, lead, organisation):
    team = TeamFactory(organisation=organisation, name="Team Groot")
    login(client, lead)

    def fill(upto: int) -> None:
        GroupRoleMapping.objects.bulk_create([
            GroupRoleMapping(organisation=organisation, group=f"groep-{n:03d}", role=HANDHAVER, team=team)
            for n in range(GroupRoleMapping.objects.count(), upto)])

    fill(10)
    client.get(PAGE)  # warm caches
    with count_queries() as ten:
        assert client.get(PAGE).status_code == 200
    fill(200)
    with count_queries() as two_hundred:
        response = client.get(PAGE)
    assert response.content.decode().count("groep-") >= 200
    assert len(two_hundred) == len(ten)
