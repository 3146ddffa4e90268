"""casework/damocles/services/assessment.py and the decision step: deviation reasons, proportionality, four eyes."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections

from accounts.roles import HANDHAVER, PROCESREGISSEUR, TEAMLEIDER
from audit.actions import Action
from audit.models import AuditEvent
from casework import workflow
from casework.approvals import approval_decide, approval_request
from casework.damocles import workflow as wf
from casework.damocles.models import DamoclesCase, Sanction
from casework.damocles.services import APPROVAL_SUBJECT, assessment_record
from casework.models import Approval, CaseStep
from tests.factories.damocles import PROPORTIONALITY, approve, assess, make_damocles_case, premises_data, step

pytestmark = pytest.mark.django_db(databases="__all__")

HARDDRUGS_12G = [{"substance": "harddrugs", "amount": "12", "unit": "g"}]  # 1st offence: closure 91 days


@pytest.fixture
def case(officer):
    case = make_damocles_case(owner=officer, findings=HARDDRUGS_12G)
    return step(case, wf.BEOORDELING, by=officer)


def record(case, officer, **overrides):
    arguments = {"actor": officer, "case": case, "chosen_sanction": Sanction.CLOSURE, "chosen_days": 91,
                 **PROPORTIONALITY}
    arguments.update(overrides)
    return assessment_record(**arguments)


def test_the_assessment_stores_the_proposal_the_choice_and_the_policy_version(case, officer):
    details = record(case, officer)
    details = DamoclesCase.objects.get(pk=details.pk)
    assert details.policy_version.effective_from == date(2017, 1, 1) and details.offence_number == 1
    assert (details.proposed_sanction, details.proposed_days) == (Sanction.CLOSURE, 91)
    assert (details.chosen_sanction, details.chosen_days) == (Sanction.CLOSURE, 91)
    assert details.geschikt == PROPORTIONALITY["geschikt"] and details.deviation_reasons is None
    history = details.history.latest("history_date")
    assert history.history_change_reason.startswith("assessment recorded (policy ")
    assert "testtekst" not in history.history_change_reason
    event = AuditEvent.objects.using("audit").filter(object_type="damocles.DamoclesCase",
                                                    action=Action.UPDATE).latest("sequence")
    assert event.case_id == str(case.pk) and "offence 1" in event.reason


@pytest.mark.parametrize(("sanction", "days"), [(Sanction.CLOSURE, 28), (Sanction.WARNING, None)])
def test_deviating_from_the_proposal_needs_written_reasons(case, officer, sanction, days):
    with pytest.raises(ValidationError) as error:
        record(case, officer, chosen_sanction=sanction, chosen_days=days, deviation_reasons="  ")
    assert "deviation_reasons" in error.value.message_dict
    assert DamoclesCase.objects.get(case=case).chosen_sanction == ""
    details = record(case, officer, chosen_sanction=sanction, chosen_days=days,
                     deviation_reasons="Eerste keer, meewerkende huurder (testtekst).")
    assert details.chosen_sanction == sanction and details.proposed_days == 91
    assert DamoclesCase.objects.get(case=case).deviation_reasons.startswith("Eerste keer")


@pytest.mark.parametrize("missing", ["geschikt", "noodzakelijk", "evenwichtig"])
def test_every_step_of_the_proportionality_test_is_required(case, officer, missing):
    with pytest.raises(ValidationError) as error:
        record(case, officer, **{missing: " "})
    assert list(error.value.message_dict) == [missing]
    assert DamoclesCase.objects.get(case=case).chosen_sanction == ""


def test_no_automatic_proposal_means_the_choice_needs_reasons(officer):
    case = step(make_damocles_case(owner=officer, findings=[{"substance": "ghb", "amount": "300", "unit": "ml"}]),
                wf.BEOORDELING, by=officer)
    with pytest.raises(ValidationError):
        record(case, officer, chosen_days=91)
    details = record(case, officer, chosen_days=91, deviation_reasons="GHB in handelshoeveelheid (testtekst).")
    assert details.proposed_sanction == Sanction.NONE and details.chosen_sanction == Sanction.CLOSURE


def test_a_dwelling_is_closed_at_most_a_year_other_premises_longer(officer):
    dwelling = step(make_damocles_case(owner=officer, findings=HARDDRUGS_12G), wf.BEOORDELING, by=officer)
    with pytest.raises(ValidationError) as error:
        record(dwelling, officer, chosen_days=366, deviation_reasons="Langer (testtekst).")
    assert "chosen_days" in error.value.message_dict
    assert record(dwelling, officer, chosen_days=365, deviation_reasons="Een jaar (testtekst).").chosen_days == 365
    shop = step(make_damocles_case(owner=officer, findings=HARDDRUGS_12G, premises=premises_data(kind="lokaal")),
                wf.BEOORDELING, by=officer)
    assert record(shop, officer, chosen_days=730, deviation_reasons="Twee jaar (testtekst).").chosen_days == 730


@pytest.mark.parametrize(("sanction", "days"), [
    (Sanction.CLOSURE, None), (Sanction.CLOSURE, 0), (Sanction.WARNING, 28), (Sanction.NONE, None), ("boete", None),
])
def test_the_choice_must_be_a_warning_or_a_closure_with_days(case, officer, sanction, days):
    with pytest.raises(ValidationError):
        record(case, officer, chosen_sanction=sanction, chosen_days=days, deviation_reasons="Test (testtekst).")


def test_the_assessment_belongs_before_the_decision(officer, lead):
    fresh = make_damocles_case(owner=officer, findings=HARDDRUGS_12G)
    with pytest.raises(ValidationError):
        record(fresh, officer)  # still rapportage_ontvangen
    case = step(fresh, wf.BEOORDELING, by=officer)
    record(case, officer)
    step(case, wf.VOORNEMEN_VERZONDEN, by=officer, signatory="A. Testambtenaar (test)")
    approve(case, by=officer, lead=lead)
    step(case, wf.BESLUIT, by=officer, signatory="T. Burgemeester (test)", compliance_term_days=7)
    with pytest.raises(ValidationError):
        record(case, officer, chosen_days=28, deviation_reasons="Na besluit (testtekst).")


@pytest.mark.parametrize("who", ["procesregisseur", "other_org_handhaver", "teamleider"])
def test_others_cannot_record_the_assessment(case, officer, make_user, other_organisation, who):
    actor = {
        "procesregisseur": lambda: make_user(role=PROCESREGISSEUR),
        "other_org_handhaver": lambda: make_user(role=HANDHAVER, organisation=other_organisation),
        "teamleider": lambda: make_user(role=TEAMLEIDER),
    }[who]()
    with pytest.raises(PermissionDenied):
        record(case, actor)
    denied = AuditEvent.objects.using("audit").get(action=Action.ACCESS_DENIED)
    assert denied.case_id == str(case.pk) and denied.actor_id == str(actor.pk) and denied.reason == "action:change"
    assert DamoclesCase.objects.get(case=case).chosen_sanction == ""


# --- the decision (besluit): four eyes ------------------------------------------------------------

@pytest.fixture
def intended(case, officer):
    record(case, officer)
    return step(case, wf.VOORNEMEN_VERZONDEN, by=officer,
                signatory="A. Testambtenaar (test)", intention_sent_on=date(2026, 3, 11))


DECISION = {"decided_on": date(2026, 4, 1), "signatory": "T. Burgemeester (test)", "compliance_term_days": 7}


def test_the_decision_is_refused_without_an_approved_four_eyes_approval(intended, officer, lead):
    steps_before = CaseStep.objects.filter(case=intended).count()
    with pytest.raises(ValidationError) as error:
        step(intended, wf.BESLUIT, by=officer, **DECISION)
    assert error.value.code == "not_approved"
    approval = approval_request(case=intended, subject=APPROVAL_SUBJECT, requested_by=officer)
    with pytest.raises(ValidationError):
        step(intended, wf.BESLUIT, by=officer, **DECISION)  # pending is not approved
    approval_decide(approval=approval, approver=lead, approve=False, reason="Motivering ontbreekt (test)")
    with pytest.raises(ValidationError):
        step(intended, wf.BESLUIT, by=officer, **DECISION)  # rejected
    intended.refresh_from_db()
    assert intended.status == wf.VOORNEMEN_VERZONDEN
    assert CaseStep.objects.filter(case=intended).count() == steps_before
    assert DamoclesCase.objects.get(case=intended).decided_on is None


def test_the_requester_cannot_approve_their_own_decision(intended, officer, make_user):
    approval = approval_request(case=intended, subject=APPROVAL_SUBJECT, requested_by=officer)
    with pytest.raises(PermissionDenied):
        approval_decide(approval=approval, approver=officer, approve=True, reason="")
    lead_who_requested = make_user(role=TEAMLEIDER)
    own = approval_request(case=intended, subject="damocles.other", requested_by=officer)
    own.requested_by = lead_who_requested
    own.save()
    with pytest.raises(PermissionDenied):
        approval_decide(approval=own, approver=lead_who_requested, approve=True, reason="")
    assert Approval.objects.get(pk=approval.pk).decision == Approval.Decision.PENDING
    with pytest.raises(ValidationError):
        step(intended, wf.BESLUIT, by=officer, **DECISION)


def test_an_approved_decision_records_approval_authority_signatory_and_terms(intended, officer, lead):
    approve(intended, by=officer, lead=lead)
    step(intended, wf.BESLUIT, by=officer, **DECISION)
    details = DamoclesCase.objects.get(case=intended)
    assert details.approval.decided_by == lead and details.approval.requested_by == officer
    assert details.decided_on == date(2026, 4, 1) and details.deciding_authority == "burgemeester"
    assert details.signatory == "T. Burgemeester (test)" and details.compliance_term_days == 7
    assert details.policy_version.effective_from == date(2017, 1, 1)
    intended.refresh_from_db()
    assert intended.status == wf.BESLUIT


@pytest.mark.parametrize(("data", "field"), [
    ({"signatory": " "}, "signatory"), ({"compliance_term_days": None}, "compliance_term_days"),
    ({"compliance_term_days": -1}, "compliance_term_days"), ({"decided_on": "1 april"}, "decided_on"),
])
def test_the_decision_needs_its_signatory_and_compliance_term(intended, officer, lead, data, field):
    approve(intended, by=officer, lead=lead)
    with pytest.raises(ValidationError) as error:
        step(intended, wf.BESLUIT, by=officer, **{**DECISION, **data})
    assert field in error.value.message_dict
    intended.refresh_from_db()
    assert intended.status == wf.VOORNEMEN_VERZONDEN


def test_an_approval_for_another_duration_does_not_cover_the_decision(intended, officer, lead):
    approve(intended, by=officer, lead=lead)  # payload: 91 days
    record(intended, officer, chosen_days=182, deviation_reasons="Zwaarder na zienswijze (testtekst).")
    with pytest.raises(ValidationError) as error:
        step(intended, wf.BESLUIT, by=officer, **DECISION)
    assert error.value.code == "approval_stale"


def test_decision_free_text_is_ciphertext_in_live_and_history_rows(intended, officer, lead):
    approve(intended, by=officer, lead=lead)
    step(intended, wf.BESLUIT, by=officer, **{**DECISION, "signatory": "Geheime Ondertekenaar"})
    secrets = ("Geheime Ondertekenaar", PROPORTIONALITY["geschikt"][:20], PROPORTIONALITY["evenwichtig"][:20])
    for model in (DamoclesCase, DamoclesCase.history.model):
        with connections["default"].cursor() as cursor:
            cursor.execute(f'SELECT * FROM "{model._meta.db_table}"')  # noqa: S608 - table name from the model
            rows = [repr(row) for row in cursor.fetchall()]
        assert rows
        for row in rows:
            for secret in secrets:
                assert secret not in row, (model, secret)


def test_a_team_lead_cannot_take_the_decision_step_themselves(intended, officer, lead):
    approve(intended, by=officer, lead=lead)
    with pytest.raises(PermissionDenied):
        workflow.transition(case=intended, to=wf.BESLUIT, by=lead, reason="test", **DECISION)
    assert AuditEvent.objects.using("audit").filter(action=Action.ACCESS_DENIED, case_id=str(intended.pk)).exists()


def test_the_default_assessment_helper_follows_the_proposal(officer):
    case = step(make_damocles_case(owner=officer, findings=HARDDRUGS_12G), wf.BEOORDELING, by=officer)
    assert assess(case, by=officer).damocles.chosen_days == 91
