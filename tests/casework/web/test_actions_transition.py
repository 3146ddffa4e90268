"""Status transitions through the web UI: confirmation form, required data, illegal steps, stale edits."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils.translation import gettext as _

from casework.models import Case
from casework.pga import workflow as pga
from casework.web.versions import CONFLICT
from tests.casework.web.actions_support import events

pytestmark = pytest.mark.django_db(databases="__all__")

STALE = _("This case was changed by someone else in the meantime. Reload the page and try again.")
CONFLICT_KEPT = str(CONFLICT)  # the conflict message of every update form (casework/web/versions.py)


def url(case, target):
    return reverse("casework:case_transition", kwargs={"case_id": case.pk, "target": target})


def test_get_shows_a_confirmation_form_with_the_version(client, login, regisseur, case_factory):
    case = case_factory()
    login(client, regisseur)
    response = client.get(url(case, pga.TRIAGE))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'name="version" value="{case.version}"' in html
    assert 'name="reason"' in html and 'name="triage_advice"' not in html
    assert html.count("<h1") == 1


def test_post_moves_the_case_and_records_the_step_and_an_event(client, login, regisseur, case_factory):
    case = case_factory()
    login(client, regisseur)
    response = client.post(url(case, pga.TRIAGE), {"reason": "Wekelijkse triage (test)", "version": case.version})
    assert response.status_code == 302
    assert response["Location"] == reverse("casework:case_detail", kwargs={"case_id": case.pk})
    case.refresh_from_db()
    assert case.status == pga.TRIAGE
    step = case.steps.order_by("-sequence").first()
    assert step.reason == "Wekelijkse triage (test)" and step.by == regisseur
    event = events(action="update", object_type="casework.Case", case_id=str(case.pk)).order_by("-sequence").first()
    assert event.reason.startswith("transition aangemeld -> triage")
    assert "Wekelijkse" not in event.reason  # the user's words stay in the encrypted step
    assert event.actor_id == str(regisseur.pk) and len(event.subject_pseudonym) == 64


def test_not_for_zvh_requires_an_advice_and_saves_nothing_without(client, login, regisseur, case_factory):
    case = case_factory(status=pga.TRIAGE)
    login(client, regisseur)
    response = client.get(url(case, pga.NIET_VOOR_ZVH))
    assert 'name="triage_advice"' in response.content.decode()
    response = client.post(url(case, pga.NIET_VOOR_ZVH), {"reason": "Geen ZVH-casus", "version": case.version})
    assert response.status_code == 200
    assert "triage_advice" in response.context["form"].errors
    case.refresh_from_db()
    assert case.status == pga.TRIAGE and case.steps.count() == 2
    response = client.post(url(case, pga.NIET_VOOR_ZVH), {
        "reason": "Geen ZVH-casus", "triage_advice": "Advies: wijkteam (test)", "version": case.version})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == pga.NIET_VOOR_ZVH and case.is_closed
    assert case.pga.triage_advice == "Advies: wijkteam (test)"


def test_closing_needs_a_known_reason_and_takes_an_aftercare_date(client, login, regisseur, case_factory):
    case = case_factory(status=pga.UITVOERING)
    login(client, regisseur)
    html = client.get(url(case, pga.AFGESLOTEN)).content.decode()
    assert 'name="closure_reason"' in html and 'name="aftercare_check_on"' in html
    bad = client.post(url(case, pga.AFGESLOTEN),
                      {"reason": "Klaar", "closure_reason": "onzin", "version": case.version})
    assert bad.status_code == 200 and "closure_reason" in bad.context["form"].errors
    bad = client.post(url(case, pga.AFGESLOTEN), {"reason": "", "closure_reason": "verhuisd", "version": case.version})
    assert bad.status_code == 200 and "reason" in bad.context["form"].errors
    case.refresh_from_db()
    assert case.status == pga.UITVOERING
    ok = client.post(url(case, pga.AFGESLOTEN), {"reason": "Doelen behaald (test)", "closure_reason": "doelen_behaald",
                                                 "aftercare_check_on": "2026-09-01", "version": case.version})
    assert ok.status_code == 302
    case.refresh_from_db()
    assert case.status == pga.AFGESLOTEN
    assert case.pga.closure_reason == "doelen_behaald" and case.pga.aftercare_check_on == date(2026, 9, 1)


def test_an_illegal_target_answers_400_with_the_translated_message(client, login, regisseur, case_factory):
    case = case_factory()
    login(client, regisseur)
    for method in (client.get, client.post):
        response = method(url(case, pga.AFGESLOTEN), *([{"reason": "x", "version": case.version}]
                                                       if method == client.post else []))
        assert response.status_code == 400
        expected = _("A case with status “%(source)s” cannot move to “%(target)s”.") % {
            "source": pga.STATES[pga.AANGEMELD], "target": pga.STATES[pga.AFGESLOTEN]}
        assert expected in response.content.decode()
    assert client.get(url(case, "bestaat-niet")).status_code == 400
    assert Case.objects.get(pk=case.pk).status == pga.AANGEMELD


def test_a_team_lead_without_transition_rights_gets_403(client, login, make_user, team, case_factory):
    case = case_factory()
    lead = make_user(role="teamleider", team=team)
    login(client, lead)
    assert client.get(url(case, pga.TRIAGE)).status_code == 403
    assert client.post(url(case, pga.TRIAGE), {"reason": "x", "version": case.version}).status_code == 403
    assert Case.objects.get(pk=case.pk).status == pga.AANGEMELD
    assert events(action="access_denied", case_id=str(case.pk), actor_id=str(lead.pk)).count() == 2


def test_stale_edit_two_tabs_different_steps_gives_409_and_changes_nothing(
        client, login, regisseur, case_factory):
    from django.test import Client

    case = case_factory(status=pga.UITVOERING)
    first, second = client, Client()
    login(first, regisseur)
    login(second, regisseur)
    form_a = first.get(url(case, pga.CASUSOVERLEG)).context["form"]
    form_b = second.get(url(case, pga.PLAN)).context["form"]
    assert form_a.initial["version"] == form_b.initial["version"] == case.version
    ok = first.post(url(case, pga.CASUSOVERLEG), {"reason": "Nieuw overleg (test)", "version": case.version})
    assert ok.status_code == 302
    after_first = Case.objects.get(pk=case.pk)
    conflict = second.post(url(case, pga.PLAN), {"reason": "Plan bijstellen (test)", "version": case.version})
    assert conflict.status_code == 409
    assert CONFLICT_KEPT in conflict.content.decode()
    assert conflict.context["form"].data["reason"] == "Plan bijstellen (test)"  # the user's input is kept
    now = Case.objects.get(pk=case.pk)
    assert (now.status, now.version) == (pga.CASUSOVERLEG, after_first.version)
    assert now.steps.count() == after_first.steps.count()


def test_stale_edit_two_tabs_same_step_gives_409(client, login, regisseur, case_factory):
    from django.test import Client

    case = case_factory()
    other = Client()
    login(client, regisseur)
    login(other, regisseur)
    client.get(url(case, pga.TRIAGE))
    other.get(url(case, pga.TRIAGE))
    assert client.post(url(case, pga.TRIAGE), {"reason": "eerste (test)", "version": case.version}).status_code == 302
    conflict = other.post(url(case, pga.TRIAGE), {"reason": "tweede (test)", "version": case.version})
    assert conflict.status_code == 409
    assert STALE in conflict.content.decode()
    assert Case.objects.get(pk=case.pk).steps.count() == 2
