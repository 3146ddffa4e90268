"""Damocles action pages: steps with their data, assessment, four-eyes approval, closure registration."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.damocles import workflow as wf
from casework.damocles.models import DamoclesCase
from casework.damocles.services.decisions import APPROVAL_SUBJECT, decision_approval_request
from casework.deadlines import wkpb_deadline
from casework.models import Approval, CaseStep
from tests.casework.damocles.web.support import damocles_url, denied, events
from tests.casework.versions_support import version_of as v
from tests.factories.damocles import PROPORTIONALITY, assess, make_damocles_case, step, walk_to_decision

pytestmark = pytest.mark.django_db(databases="__all__")


def transition_url(case, target):
    return damocles_url("step", case, target=target)


@pytest.fixture
def assessing(procedure, handhaver):
    return step(procedure, wf.BEOORDELING, by=handhaver)


@pytest.fixture
def intention(assessing, handhaver):
    assess(assessing, by=handhaver)  # 12 g hard drugs, 1st offence: closure 3 months (91 days)
    return step(assessing, wf.VOORNEMEN_VERZONDEN, by=handhaver, signatory="A. Testambtenaar (test)")


def test_the_generic_transition_page_sends_damocles_cases_to_their_own(client, login, handhaver, procedure):
    login(client, handhaver)
    response = client.get(reverse("casework:case_transition", kwargs={"case_id": procedure.pk,
                                                                       "target": wf.BEOORDELING}))
    assert response.status_code == 302 and response.url == transition_url(procedure, wf.BEOORDELING)


def test_assessment_page_shows_the_proposal_and_records_the_choice(client, login, handhaver, assessing):
    login(client, handhaver)
    response = client.get(damocles_url("assessment", assessing))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Beleidsregels artikel 13b Opiumwet" in html and "harddrugs &gt; 5 g" in html
    assert events(action="view", case_id=str(assessing.pk)).count() == 1
    response = client.post(damocles_url("assessment", assessing),
                           {**v(assessing), "chosen_sanction": "closure", "chosen_days": "91", **PROPORTIONALITY})
    assert response.status_code == 302
    details = DamoclesCase.objects.get(case=assessing)
    assert (details.proposed_sanction, details.proposed_days, details.chosen_days) == ("closure", 91, 91)
    assert details.offence_number == 1 and details.policy_version is not None
    assert details.geschikt == PROPORTIONALITY["geschikt"]


def test_deviating_without_reasons_is_refused_and_nothing_is_saved(client, login, handhaver, assessing):
    login(client, handhaver)
    response = client.post(damocles_url("assessment", assessing),
                           {**v(assessing), "chosen_sanction": "closure", "chosen_days": "28", **PROPORTIONALITY})
    assert response.status_code == 400
    assert "deviation_reasons" in response.context["form"].errors
    details = DamoclesCase.objects.get(case=assessing)
    assert details.chosen_sanction == "" and details.geschikt is None


def test_a_missing_proportionality_step_is_refused(client, login, handhaver, assessing):
    login(client, handhaver)
    response = client.post(damocles_url("assessment", assessing), {**v(assessing),
        "chosen_sanction": "closure", "chosen_days": "91", **{**PROPORTIONALITY, "evenwichtig": ""}})
    assert response.status_code == 400 and "evenwichtig" in response.context["form"].errors
    assert DamoclesCase.objects.get(case=assessing).chosen_sanction == ""


def test_intention_step_records_the_view_term(client, login, handhaver, assessing):
    assess(assessing, by=handhaver)
    login(client, handhaver)
    url = transition_url(assessing, wf.VOORNEMEN_VERZONDEN)
    page = client.get(url).content.decode()
    assert 'id="id_intention_sent_on"' in page and 'id="id_view_term_weeks"' in page
    assert 'id="id_signatory"' in page and 'id="id_under_mandate"' in page
    data = {"reason": "Voornemen verstuurd (test)", "version": assessing.version,
            "intention_sent_on": "2026-11-02", "view_term_weeks": "2"}
    refused = client.post(url, data)  # no signatory: the letter would be signed by nobody
    assert "signatory" in refused.context["form"].errors
    assert DamoclesCase.objects.get(case=assessing).intention_sent_on is None
    response = client.post(url, {**data, "signatory": "A. Testambtenaar, teamleider (test)", "under_mandate": "on"})
    assert response.status_code == 302
    details = DamoclesCase.objects.get(case=assessing)
    assert details.intention_sent_on.isoformat() == "2026-11-02" and details.view_due_on.isoformat() == "2026-11-16"
    assert details.intention_signatory == "A. Testambtenaar, teamleider (test)" and details.intention_under_mandate


def test_urgent_closure_without_a_reason_is_refused(client, login, handhaver, assessing):
    login(client, handhaver)
    url = transition_url(assessing, wf.SPOEDEISENDE_SLUITING)
    assert 'id="id_urgency_reason"' in client.get(url).content.decode()
    response = client.post(url, {"reason": "Spoed (test)", "version": assessing.version, "urgency_reason": ""})
    assert response.status_code == 200 and "urgency_reason" in response.context["form"].errors
    assessing.refresh_from_db()
    assert assessing.status == wf.BEOORDELING


def test_decision_without_approval_is_refused_then_taken_after_approval(client, login, handhaver, lead,
                                                                        intention):
    login(client, handhaver)
    url = transition_url(intention, wf.BESLUIT)
    data = {"reason": "Besluit (test)", "version": intention.version, "signatory": "T. Burgemeester (test)",
            "compliance_term_days": "7", "deciding_authority": "burgemeester"}
    response = client.post(url, data)
    assert response.status_code == 400
    intention.refresh_from_db()
    assert intention.status == wf.VOORNEMEN_VERZONDEN and not CaseStep.objects.filter(to_status=wf.BESLUIT).exists()
    # request approval (handhaver), decide (team lead)
    assert client.post(damocles_url("approval_request", intention), {"confirm": "on"}).status_code == 302
    approval = Approval.objects.get(case=intention, subject=APPROVAL_SUBJECT)
    assert approval.payload["chosen_days"] == 91
    login(client, lead)
    decide = damocles_url("approval_decide", intention, approval_id=approval.pk)
    assert client.get(decide).status_code == 200
    assert client.post(decide, {**v(intention), "decision": "approve", "reason": ""}).status_code == 302
    approval.refresh_from_db()
    assert approval.decision == "approved" and approval.decided_by == lead
    assert events(action="approve", case_id=str(intention.pk)).count() == 1
    login(client, handhaver)
    assert client.post(url, data).status_code == 409  # the approval changed the case since the page was read
    assert client.post(url, {**data, **v(intention)}).status_code == 302
    details = DamoclesCase.objects.get(case=intention)
    assert details.signatory == "T. Burgemeester (test)" and details.compliance_term_days == 7
    assert details.approval == approval


def test_the_requester_cannot_approve_their_own_request(client, login, handhaver, lead, intention):
    approval = decision_approval_request(actor=handhaver, case=intention)
    login(client, handhaver)
    response = client.post(damocles_url("approval_decide", intention, approval_id=approval.pk),
                           {**v(intention), "decision": "approve"})
    assert response.status_code == 403
    approval.refresh_from_db()
    assert approval.decision == "pending"
    assert denied(intention).filter(actor_id=str(handhaver.pk)).exists()


def test_rejecting_needs_a_reason(client, login, handhaver, lead, intention):
    approval = decision_approval_request(actor=handhaver, case=intention)
    login(client, lead)
    url = damocles_url("approval_decide", intention, approval_id=approval.pk)
    response = client.post(url, {**v(intention), "decision": "reject", "reason": ""})
    assert response.status_code == 400
    approval.refresh_from_db()
    assert approval.decision == "pending"


def test_approval_cannot_be_requested_before_the_assessment(client, login, handhaver, assessing):
    login(client, handhaver)
    response = client.post(damocles_url("approval_request", assessing), {"confirm": "on"})
    assert response.status_code == 400
    assert not Approval.objects.exists()


def test_sealing_step_and_closure_registration(client, login, handhaver, lead):
    today = timezone.localdate()
    case = make_damocles_case(owner=handhaver, found_on=today - timedelta(days=60))
    walk_to_decision(case, by=handhaver, lead=lead, decided_on=today - timedelta(days=10))
    from tests.factories.damocles import announce

    announce(case, by=handhaver, announced_on=today - timedelta(days=9))
    step(case, wf.BEKENDGEMAAKT, by=handhaver)
    login(client, handhaver)
    # registration before the sealing is refused
    response = client.post(damocles_url("sealing", case), {**v(case), "order_posted": "on", "wkpb_registered_on": ""})
    assert response.status_code == 400
    url = transition_url(case, wf.SLUITING_UITGEVOERD)
    response = client.post(url, {"reason": "Verzegeld (test)", "version": case.version,
                                 "sealed_on": today.isoformat(), "order_posted": "on"})
    assert response.status_code == 302
    details = DamoclesCase.objects.get(case=case)
    assert details.sealed_on == today and details.order_posted
    assert details.wkpb_due_on == wkpb_deadline(effective_on=today)
    response = client.post(damocles_url("sealing", case), {**v(case), "order_posted": "on",
                                                           "wkpb_registered_on": (today - timedelta(days=1))})
    assert response.status_code == 400 and "wkpb_registered_on" in response.context["form"].errors
    response = client.post(damocles_url("sealing", case), {**v(case), "order_posted": "on",
                                                           "wkpb_registered_on": today.isoformat()})
    assert response.status_code == 302
    assert DamoclesCase.objects.get(case=case).wkpb_registered_on == today


PAGES = [("assessment", {}), ("approval_request", {}), ("sealing", {}), ("announcement_create", {}),
         ("objection_create", {}), ("interim_relief_create", {}), ("appeal_create", {})]


@pytest.mark.parametrize("who", ["other_org_handhaver", "regisseur", "partner"])
@pytest.mark.parametrize("name, kwargs", PAGES)
def test_outsiders_get_403_and_an_access_denied_event(client, login, handhaver, partner_org, intention, who, name,
                                                      kwargs, request):
    from casework.categories import PERSONALIA
    from casework.damocles.casetype import DAMOCLES_DECISION, DAMOCLES_REPORT
    from casework.remedies.component import REMEDIES
    from tests.casework.damocles.web.support import share_with

    share_with(intention, actor=handhaver, partner_org=partner_org,
               categories=[PERSONALIA, DAMOCLES_REPORT, DAMOCLES_DECISION, REMEDIES])
    user = request.getfixturevalue(who)
    login(client, user)
    url = damocles_url(name, intention, **kwargs)
    assert client.get(url).status_code == 403
    assert client.post(url, {}).status_code == 403
    assert denied(intention).filter(actor_id=str(user.pk)).count() == 2


@pytest.mark.parametrize("who", ["other_org_handhaver", "regisseur", "partner"])
def test_outsiders_cannot_take_steps(client, login, intention, who, request):
    user = request.getfixturevalue(who)
    login(client, user)
    url = transition_url(intention, wf.ZIENSWIJZE_ONTVANGEN)
    assert client.post(url, {"reason": "x", "version": intention.version}).status_code == 403
    intention.refresh_from_db()
    assert intention.status == wf.VOORNEMEN_VERZONDEN
    assert denied(intention).filter(actor_id=str(user.pk)).count() == 1


def test_a_team_lead_may_not_take_a_handhaver_step(client, login, lead, intention):
    login(client, lead)
    response = client.get(transition_url(intention, wf.ZIENSWIJZE_ONTVANGEN))
    assert response.status_code == 403
    assert denied(intention).filter(actor_id=str(lead.pk)).count() == 1


def test_a_stale_step_gets_a_conflict(client, login, handhaver, assessing):
    login(client, handhaver)
    old_version = assessing.version
    step(assessing, wf.AFGESLOTEN, by=handhaver)
    response = client.post(transition_url(assessing, wf.AFGESLOTEN), {"reason": "x", "version": old_version})
    assert response.status_code == 409


def test_the_pending_approval_is_on_the_team_leads_dashboard(client, login, handhaver, lead, intention):
    decision_approval_request(actor=handhaver, case=intention)
    login(client, lead)
    html = client.get(reverse("dashboard")).content.decode()
    assert intention.reference in html
    login(client, handhaver)
    assert events(action="list", reason="dashboard", actor_id=str(lead.pk), case_id=str(intention.pk)).exists()
