"""Handover by a team lead, and break-the-glass (which must show nothing of the case)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts.roles import HANDHAVER, KETENPARTNER, PRIVACY_OFFICER, PROCESREGISSEUR
from casework.models import BreakGlassGrant, Case
from casework.pga import workflow as pga
from encryption.pseudonyms import subject_pseudonym
from tests.casework.web.actions_support import denied_events, events
from tests.factories.accounts import TeamFactory

pytestmark = pytest.mark.django_db(databases="__all__")
SURNAME = "Testpersoon Noodtoegang"


def handover_url(case):
    return reverse("casework:handover", kwargs={"case_id": case.pk})


def glass_url(case):
    return reverse("casework:break_glass", kwargs={"case_id": case.pk})


@pytest.fixture
def colleague(make_user, organisation):
    return make_user(role=PROCESREGISSEUR, team=TeamFactory(organisation=organisation, name="Testteam C"))


def test_a_team_lead_hands_over_to_a_caseworker_of_the_organisation(client, login, lead, regisseur, colleague,
                                                                     case_factory, make_user, other_organisation):
    case = case_factory(status=pga.PLAN)
    foreign = make_user(role=PROCESREGISSEUR, organisation=other_organisation)
    make_user(role=PRIVACY_OFFICER)
    login(client, lead)
    response = client.get(handover_url(case))
    assert response.status_code == 200
    choices = set(response.context["form"].fields["new_owner"].queryset)
    assert colleague in choices and regisseur not in choices and foreign not in choices
    assert all(user.role in (PROCESREGISSEUR, HANDHAVER) for user in choices)
    bad = client.post(handover_url(case), {"new_owner": foreign.pk, "reason": "Verlof", "version": case.version})
    assert bad.status_code == 200 and "new_owner" in bad.context["form"].errors
    bad = client.post(handover_url(case), {"new_owner": colleague.pk, "reason": "", "version": case.version})
    assert bad.status_code == 200 and "reason" in bad.context["form"].errors
    assert Case.objects.get(pk=case.pk).owner == regisseur
    ok = client.post(handover_url(case),
                     {"new_owner": colleague.pk, "reason": "Verlof (test)", "version": case.version})
    assert ok.status_code == 302
    case.refresh_from_db()
    assert case.owner == colleague and case.team == colleague.team
    event = events(action="handover", case_id=str(case.pk)).get()
    assert event.actor_id == str(lead.pk) and event.reason == f"from:{regisseur.pk} to:{colleague.pk}"
    assert event.subject_pseudonym == subject_pseudonym(case.person_id)


@pytest.mark.parametrize("length", [5_001, 50_001])
def test_a_reason_past_the_maximum_is_refused_on_the_field_and_nothing_changes(client, login, lead, regisseur,
                                                                             colleague, case_factory, length):
    """The service's bound (5,000 characters) and the form's ceiling for any free text (50,000, the textarea's
    `maxlength`): both answer with the field's Dutch message, and the case keeps its owner."""
    case = case_factory(status=pga.PLAN)
    login(client, lead)
    assert 'maxlength="50000"' in client.get(handover_url(case)).content.decode()
    refused = client.post(handover_url(case), {"new_owner": colleague.pk, "reason": "x" * length,
                                               "version": case.version})
    assert refused.status_code in (200, 400)
    assert "tekens" in " ".join(refused.context["form"].errors["reason"])
    assert Case.objects.get(pk=case.pk).owner == regisseur
    assert not events(action="handover", case_id=str(case.pk)).exists()


def test_a_stale_handover_is_a_conflict(client, login, lead, colleague, case_factory, regisseur):
    case = case_factory(status=pga.PLAN)
    login(client, lead)
    loaded = case.version
    other_tab = Client()
    login(other_tab, regisseur)
    other_tab.post(reverse("casework:case_transition", kwargs={"case_id": case.pk, "target": pga.UITVOERING}),
                   {"reason": "Uitvoering (test)", "version": loaded})
    response = client.post(handover_url(case), {"new_owner": colleague.pk, "reason": "Verlof (test)",
                                                "version": loaded})
    assert response.status_code == 409
    assert Case.objects.get(pk=case.pk).owner == regisseur
    assert not events(action="handover", case_id=str(case.pk)).exists()


def test_the_owner_cannot_hand_over_without_the_team_lead(client, login, regisseur, colleague, case_factory):
    case = case_factory()
    login(client, regisseur)
    assert client.get(handover_url(case)).status_code == 403
    response = client.post(handover_url(case), {"new_owner": colleague.pk, "reason": "x", "version": case.version})
    assert response.status_code == 403
    assert Case.objects.get(pk=case.pk).owner == regisseur
    assert denied_events(case).filter(reason="action:handover").count() == 2


def test_break_glass_shows_nothing_of_the_case_and_opens_read_access(client, login, make_user, other_organisation,
                                                                     case_factory):
    case = case_factory(surname=SURNAME)
    outsider = make_user(role=PROCESREGISSEUR, organisation=other_organisation)
    login(client, outsider)
    assert client.get(glass_url(case)).status_code == 403  # another organisation has no emergency path
    stranger = make_user(role=PROCESREGISSEUR, organisation=case.controller)  # a colleague without access
    login(client, stranger)
    response = client.get(glass_url(case))
    assert response.status_code == 200
    html = response.content.decode()
    assert case.reference not in html and SURNAME not in html and str(case.person_id) not in html
    assert not events(action="view", case_id=str(case.pk)).exists()
    short = client.post(glass_url(case), {"reason": "snel"})
    assert short.status_code == 200 and "reason" in short.context["form"].errors
    assert not BreakGlassGrant.objects.filter(case=case).exists()
    ok = client.post(glass_url(case), {"reason": "Acute zorgen over veiligheid kind (test)"})
    assert ok.status_code == 302
    assert ok["Location"] == reverse("casework:case_detail", kwargs={"case_id": case.pk})
    grant = BreakGlassGrant.objects.get(case=case, user=stranger)
    assert (grant.expires_at - grant.granted_at).total_seconds() == 4 * 3600
    event = events(action="break_glass", case_id=str(case.pk)).get()
    assert event.actor_id == str(stranger.pk) and event.reason == f"grant:{grant.pk}"
    # With access now, the page sends the user on to the case; still read-only for actions.
    assert client.get(glass_url(case)).status_code == 302
    assert client.get(reverse("casework:plan_update", kwargs={"case_id": case.pk})).status_code == 403


@pytest.mark.parametrize("role", [KETENPARTNER, PRIVACY_OFFICER])
def test_roles_without_the_capability_get_403_and_an_event(client, login, make_user, other_organisation,
                                                           case_factory, role):
    case = case_factory()
    user = make_user(role=role, organisation=other_organisation)
    login(client, user)
    assert client.get(glass_url(case)).status_code == 403
    assert client.post(glass_url(case), {"reason": "Acute zorgen (test) lang genoeg"}).status_code == 403
    assert not BreakGlassGrant.objects.exists()
    assert denied_events(case).filter(actor_id=str(user.pk), reason="action:break_glass").count() == 2


def test_a_user_who_already_has_access_is_sent_to_the_case(client, login, regisseur, case_factory):
    case = case_factory()
    login(client, regisseur)
    assert client.get(glass_url(case)).status_code == 302
    assert not BreakGlassGrant.objects.exists()
