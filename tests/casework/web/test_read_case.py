"""The case page (casework:case_detail): who may open it, what each sees, the view event before
rendering, the "no access" page with its emergency-access link, and the timeline."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.errors import AuditWriteError
from casework.breakglass import break_glass_open
from casework.categories import PERSONALIA
from casework.models import Case, Person
from casework.pga import workflow as pga
from casework.pga.casetype import PGA_CONFERENCES, PGA_PLAN
from casework.pga.models import Agreement, PgaCase, PlanVersion
from casework.pga.services import agreement_record, agreement_update, conference_plan, escalation_set, plan_update
from casework.sharing import share_revoke
from encryption.pseudonyms import subject_pseudonym
from tests.auditlog import events
from tests.casework.web.read_support import expire, share_with
from tests.factories.casework import make_pga_case

pytestmark = pytest.mark.django_db(databases="__all__")

NAME = "Testpersoon-Casuspagina"
AANLEIDING = "Aanleiding: zorgen over schulden en overlast (testcasus)."
MINUTES = "Notulen van het testoverleg."
AGREEMENT = "Testafspraak: budgetcoach regelen."
GOAL = "Testdoel: stabiele woonsituatie."


def url(case):
    return reverse("casework:case_detail", kwargs={"case_id": case.pk})


@pytest.fixture
def full_case(regisseur, partner_org):
    """A case in uitvoering with a conference, an agreement and a plan."""
    case = make_pga_case(owner=regisseur, status=pga.UITVOERING, surname=NAME, aanleiding=AANLEIDING)
    conference = conference_plan(actor=regisseur, case=case, held_on=timezone.localdate(), invited=[partner_org],
                                 minutes=MINUTES)
    agreement_record(actor=regisseur, case=case, conference=conference, description=AGREEMENT,
                     owner_organisation=partner_org, due_on=timezone.localdate() - timedelta(days=2))
    plan_update(actor=regisseur, case=case, goals=[{"leefgebied": "housing", "goal": GOAL, "interventions": [
        {"description": "Testinterventie", "partner_id": str(partner_org.pk), "due_on": "2030-01-01"}]}])
    return case


def test_owner_sees_everything_and_a_view_event_is_recorded(client, login, regisseur, full_case):
    login(client, regisseur)
    response = client.get(url(full_case))
    assert response.status_code == 200
    html = response.content.decode()
    for text in (NAME, AANLEIDING, MINUTES, AGREEMENT, GOAL, "Testinterventie", full_case.reference):
        assert text in html, text
    assert html.count("<h1") == 1
    event = events(action="view").get()
    assert event.case_id == str(full_case.pk) and event.actor_id == str(regisseur.pk)
    assert event.subject_pseudonym == subject_pseudonym(full_case.person_id)
    assert event.reason == "via:owner"
    assert NAME not in event.reason


def test_deadlines_list_the_open_agreement_as_overdue_and_the_intervention(client, login, regisseur, full_case):
    login(client, regisseur)
    page = client.get(url(full_case)).context["page"]
    assert [(d.kind, d.overdue) for d in page.deadlines] == [("agreement", True), ("intervention", False)]


def test_triage_contact_deadline_is_five_working_days_after_the_referral(client, login, regisseur):
    case = make_pga_case(owner=regisseur)
    login(client, regisseur)
    page = client.get(url(case)).context["page"]
    (deadline,) = page.deadlines
    assert deadline.kind == "triage_contact"
    assert (deadline.due_on - case.opened_on).days >= 5


def test_team_colleague_sees_the_case(client, login, colleague, full_case):
    login(client, colleague)
    assert client.get(url(full_case)).status_code == 200


@pytest.mark.parametrize("who", ["other_team_user", "other_org_user", "partner"])
def test_others_get_403_and_an_access_denied_event(client, login, full_case, who, request):
    user = request.getfixturevalue(who)
    login(client, user)
    response = client.get(url(full_case))
    assert response.status_code == 403
    html = response.content.decode()
    assert NAME not in html and full_case.reference not in html
    denied = events(action="access_denied", case_id=str(full_case.pk))
    assert denied.count() == 1
    assert denied.get().actor_id == str(user.pk)
    assert events(action="view").count() == 0


def test_no_access_page_offers_emergency_access_only_to_those_who_may(client, login, other_team_user, partner,
                                                                     full_case):
    break_glass_url = reverse("casework:break_glass", kwargs={"case_id": full_case.pk})
    login(client, other_team_user)
    assert break_glass_url in client.get(url(full_case)).content.decode()
    login(client, partner)
    assert break_glass_url not in client.get(url(full_case)).content.decode()


def test_after_break_the_glass_the_page_opens_with_a_warning(client, login, other_team_user, full_case):
    break_glass_open(user=other_team_user, case=full_case, reason="Acute situatie, regisseur onbereikbaar (test).")
    login(client, other_team_user)
    response = client.get(url(full_case))
    assert response.status_code == 200
    assert response.context["page"].case_access.via == "break_glass"
    assert events(action="view").get().reason == "via:break_glass"


def test_partner_sees_only_the_shared_categories(client, login, regisseur, partner, partner_org, full_case):
    share_with(full_case, regisseur, partner_org, [PGA_PLAN])
    login(client, partner)
    response = client.get(url(full_case))
    assert response.status_code == 200
    html = response.content.decode()
    assert GOAL in html and full_case.reference in html
    for hidden in (NAME, AANLEIDING, MINUTES, AGREEMENT, "test: naar plan"):
        assert hidden not in html, hidden
    page = response.context["page"]
    assert page.person is None and page.section.data.conferences == [] and page.section.data.agreements == []
    assert response.context["transitions"] == [] and not response.context["may_change"]


def test_partner_with_personalia_and_conferences(client, login, regisseur, partner, partner_org, full_case):
    share_with(full_case, regisseur, partner_org, [PERSONALIA, PGA_CONFERENCES])
    login(client, partner)
    html = client.get(url(full_case)).content.decode()
    assert NAME in html and MINUTES in html and AGREEMENT in html
    assert GOAL not in html and AANLEIDING not in html


def test_partner_after_the_share_expired_or_was_revoked_gets_403(client, login, regisseur, partner, partner_org,
                                                                 full_case):
    share = share_with(full_case, regisseur, partner_org, [PERSONALIA])
    login(client, partner)
    assert client.get(url(full_case)).status_code == 200
    expire(share)
    assert client.get(url(full_case)).status_code == 403
    second = share_with(full_case, regisseur, partner_org, [PERSONALIA])
    assert client.get(url(full_case)).status_code == 200
    share_revoke(actor=regisseur, share=second, reason="Niet langer nodig (test).")
    response = client.get(url(full_case))
    assert response.status_code == 403 and NAME not in response.content.decode()
    assert events(action="access_denied", case_id=str(full_case.pk), actor_id=str(partner.pk)).count() == 2


def test_shares_are_listed_with_their_state(client, login, regisseur, partner_org, full_case):
    expire(share_with(full_case, regisseur, partner_org, [PERSONALIA]))
    share_with(full_case, regisseur, partner_org, [PGA_PLAN])
    login(client, regisseur)
    page = client.get(url(full_case)).context["page"]
    assert sorted(view.state for view in page.shares) == ["active", "expired"]


def test_timeline_merges_steps_conferences_agreements_shares_and_changes(client, login, regisseur, partner_org,
                                                                        full_case):
    share_with(full_case, regisseur, partner_org, [PGA_PLAN])
    login(client, regisseur)
    timeline = client.get(url(full_case)).context["page"].timeline
    kinds = {entry.kind for entry in timeline}
    assert kinds == {"step", "conference", "agreement", "share", "change"}
    steps = [entry for entry in timeline if entry.kind == "step"]
    assert len(steps) == 6 and steps[0].detail["reason"] == "test: naar uitvoering"
    assert [entry.at for entry in timeline] == sorted((entry.at for entry in timeline), reverse=True)
    changes = [entry for entry in timeline if entry.kind == "change"]
    assert all(NAME not in str(entry.detail) and AGREEMENT not in str(entry.detail) for entry in changes)
    assert any(entry.detail["model"] == str(PlanVersion._meta.verbose_name) for entry in changes)
    assert all("reason" not in entry.detail for entry in changes)  # the history row's English reason is not shown


def _changes(response):
    return {(entry.detail["model"], str(entry.detail["action"]), tuple(entry.detail["fields"]))
            for entry in response.context["page"].timeline if entry.kind == "change"}


def test_timeline_changes_name_only_the_fields_the_viewer_may_see(client, login, regisseur, partner, partner_org,
                                                                  full_case):
    """A change names the changed fields of the categories the viewer sees (never their values); a status change
    made with a step is that step's entry only; a created row names no fields. The history tables are read in one
    query, and in full only where a change is to be compared (casework/history_heads.py)."""
    escalation_set(actor=regisseur, case=full_case, escalated=True, reason="Bestuurlijk opschalen (test).")
    agreement_update(actor=regisseur, agreement=full_case.agreements.get(), status=Agreement.Status.DONE)
    share_with(full_case, regisseur, partner_org, [PGA_PLAN])

    def name(model, field=None):
        return str(model._meta.get_field(field).verbose_name if field else model._meta.verbose_name)

    created, changed = "aangemaakt", "gewijzigd"
    login(client, regisseur)
    seen = _changes(client.get(url(full_case)))
    assert {(name(Case), created, ()), (name(PgaCase), created, ()), (name(Person), created, ()),
            (name(PgaCase), changed, (name(PgaCase, "escalated"), name(PgaCase, "escalation_reason"))),
            (name(Agreement), changed, (name(Agreement, "status"),))} <= seen
    assert not any(model == name(Case) and action == changed for model, action, _ in seen)  # the steps say it
    login(client, partner)
    seen = _changes(client.get(url(full_case)))
    assert (name(PgaCase), changed, (name(PgaCase, "escalated"),)) in seen  # metadata yes, the reason (notes) no
    assert not any(model in (name(Person), name(Agreement)) for model, _, _ in seen)


def test_action_links_follow_the_workflow_and_the_role(client, login, regisseur, lead, full_case):
    login(client, regisseur)
    response = client.get(url(full_case))
    targets = {step["target"] for step in response.context["transitions"]}
    assert targets == {pga.CASUSOVERLEG, pga.PLAN, pga.AFGESLOTEN}
    html = response.content.decode()
    assert reverse("casework:case_transition", kwargs={"case_id": full_case.pk, "target": pga.PLAN}) in html
    assert reverse("casework:plan_update", kwargs={"case_id": full_case.pk}) in html
    assert reverse("casework:handover", kwargs={"case_id": full_case.pk}) not in html
    login(client, lead)
    html = client.get(url(full_case)).content.decode()
    assert reverse("casework:handover", kwargs={"case_id": full_case.pk}) in html
    assert reverse("casework:plan_update", kwargs={"case_id": full_case.pk}) not in html


def test_a_failing_audit_write_answers_503_without_personal_data(client, login, regisseur, full_case, monkeypatch):
    def refuse(**kwargs):
        raise AuditWriteError("audit database unavailable (test)")

    monkeypatch.setattr("casework.disclosures.record", refuse)
    login(client, regisseur)
    response = client.get(url(full_case))
    assert response.status_code == 503
    html = response.content.decode()
    assert NAME not in html and AANLEIDING not in html and full_case.reference not in html


def test_unknown_case_is_404(client, login, regisseur):
    login(client, regisseur)
    assert client.get(reverse("casework:case_detail", kwargs={"case_id": "00000000-0000-4000-8000-000000000000"})
                      ).status_code == 404


def test_the_type_own_actions_come_from_the_registry_for_whoever_may_change_the_case(
        client, login, regisseur, partner, partner_org, full_case):
    """The core's action list names no case type: PGA's links are its `case_actions`."""
    links = [reverse(name, kwargs={"case_id": full_case.pk}) for name in (
        "casework:conference_create", "casework:agreement_create", "casework:plan_update", "casework:escalation")]
    login(client, regisseur)
    html = client.get(url(full_case)).content.decode()
    assert all(f'href="{link}"' in html for link in links)
    share_with(full_case, regisseur, partner_org, [PERSONALIA])
    client.logout()
    login(client, partner)
    html = client.get(url(full_case)).content.decode()
    assert not any(link in html for link in links)  # a partner may view, not change
