"""casework/woonoverlast/workflow.py pair by pair, and the step guards of services/guards.py."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.roles import HANDHAVER, PROCESREGISSEUR, TEAMLEIDER
from casework import workflow
from casework.models import Case, CaseStep
from casework.woonoverlast import workflow as wf
from casework.woonoverlast.models import BehaviouralOrder, Closure, DecisionState, Intention
from casework.woonoverlast.services import closure_request_approval
from tests.factories.woonoverlast import (
    SIGNED,
    START,
    approve,
    draft_order,
    impose,
    make_apv,
    prepare,
    step,
    to_intention,
    walk_to_order,
)

pytestmark = pytest.mark.django_db(databases="__all__")
FLOW = workflow.WORKFLOWS["woonoverlast"]


def test_every_state_is_reachable_and_closed_files_only_reopen():
    reached, frontier = {FLOW.initial}, [FLOW.initial]
    while frontier:
        for t in FLOW.targets_from(frontier.pop()):
            if t.target not in reached:
                reached.add(t.target)
                frontier.append(t.target)
    assert reached == set(FLOW.states) and FLOW.initial == wf.MELDINGEN
    assert all(t.reopens for t in FLOW.transitions if t.source in FLOW.closed_states)


@pytest.mark.parametrize("source", list(wf.STATES))
def test_every_pair_is_allowed_exactly_as_the_table_says(case, officer, make_user, source):
    """Every (source, target) pair: a pair outside the table is illegal; a pair in it is refused to a
    role outside its roles (and audited), whatever the guard would say."""
    Case.objects.filter(pk=case.pk).update(status=source,
                                          closed_on=case.opened_on if source in FLOW.closed_states else None)
    case.refresh_from_db()
    regisseur = make_user(role=PROCESREGISSEUR)
    for target in FLOW.states:
        definition = FLOW.find(source, target)
        if definition is None:
            with pytest.raises(workflow.IllegalTransition):
                workflow.transition(case=case, to=target, by=officer, reason="test")
        else:
            assert HANDHAVER in definition.roles and PROCESREGISSEUR not in definition.roles
            assert definition.roles <= {HANDHAVER, TEAMLEIDER}
            with pytest.raises(PermissionDenied):
                workflow.transition(case=case, to=target, by=regisseur, reason="test")
    assert CaseStep.objects.filter(case=case).count() == 1


def test_interventions_need_a_report(officer, apv):
    from tests.factories.woonoverlast import make_file

    empty = make_file(owner=officer, reports=0)
    with pytest.raises(ValidationError) as refused:
        step(empty, wf.INTERVENTIES, by=officer)
    assert refused.value.code == "no_reports" and empty.status == wf.MELDINGEN


def test_the_intention_needs_a_zwartboek_and_a_lighter_intervention_first(case, officer):
    step(case, wf.INTERVENTIES, by=officer)
    with pytest.raises(ValidationError) as refused:
        step(case, wf.VOORNEMEN, by=officer)
    assert refused.value.code == "no_zwartboek"
    prepare(case, by=officer)
    with pytest.raises(ValidationError) as unsigned:  # the intention letter is signed by someone
        step(case, wf.VOORNEMEN, by=officer, intention_sent_on=(START + timedelta(days=10)).isoformat())
    assert "signatory" in unsigned.value.message_dict and not Intention.objects.filter(case=case).exists()
    step(case, wf.VOORNEMEN, by=officer, intention_sent_on=(START + timedelta(days=10)).isoformat(), **SIGNED)
    intention = Intention.objects.get(case=case)
    assert intention.view_term_weeks == 2 and intention.view_due_on > intention.sent_on
    assert (intention.signatory, intention.under_mandate) == (SIGNED["signatory"], True)
    assert intention.zwartboek is not None and case.status == wf.VOORNEMEN


def test_the_last_resort_needs_an_intervention(case, officer):
    from casework.woonoverlast.services import zwartboek_record

    step(case, wf.INTERVENTIES, by=officer)
    zwartboek_record(actor=officer, case=case, compiled_on=START, statements="Verklaring (test).", verified_on=START)
    with pytest.raises(ValidationError) as refused:
        step(case, wf.VOORNEMEN, by=officer)
    assert refused.value.code == "no_interventions"


def test_no_gedragsaanwijzing_without_four_eyes(case, officer, lead):
    to_intention(case, by=officer)
    order = draft_order(case, by=officer)
    with pytest.raises(ValidationError) as refused:
        impose(case, by=officer)
    assert refused.value.code == "not_approved"
    from casework.approvals import approval_decide

    with pytest.raises(PermissionDenied):
        approval_decide(approval=order.approval, approver=officer, approve=True, reason="")
    approve(order, lead)
    impose(case, by=officer)
    order.refresh_from_db()
    assert order.state == DecisionState.IMPOSED and case.status == wf.GEDRAGSAANWIJZING
    assert order.ends_on == order.decided_on + timedelta(weeks=12) and order.intention is not None


def test_no_gedragsaanwijzing_while_the_term_for_a_view_runs(case, officer, lead):
    to_intention(case, by=officer, sent_on=START + timedelta(days=10))
    order = draft_order(case, by=officer)
    approve(order, lead)
    due = Intention.objects.get(case=case).view_due_on
    with pytest.raises(ValidationError) as refused:
        impose(case, by=officer, decided_on=due)
    assert refused.value.code == "view_term_running"
    order.refresh_from_db()
    assert order.state == DecisionState.DRAFT and Case.objects.get(pk=case.pk).status == wf.VOORNEMEN
    impose(case, by=officer, decided_on=due + timedelta(days=1))


def test_an_urgent_gedragsaanwijzing_goes_without_an_intention_but_with_its_reasons(case, officer, lead):
    step(case, wf.INTERVENTIES, by=officer)
    with pytest.raises(ValidationError) as refused:
        draft_order(case, by=officer, urgent=True, urgency_reason="kort")
    assert "urgency_reason" in refused.value.message_dict
    with pytest.raises(ValidationError):
        draft_order(case, by=officer)  # not urgent: first the intention
    order = draft_order(case, by=officer, urgent=True,
                        urgency_reason="Bedreigingen met een mes tegen buren; direct ingrijpen nodig (test).")
    approve(order, lead)
    impose(case, by=officer, decided_on=START + timedelta(days=20))
    order.refresh_from_db()
    assert order.state == DecisionState.IMPOSED and order.intention is None


def test_the_duration_stays_within_the_apv_maximum(case, officer, lead, organisation):
    to_intention(case, by=officer)
    with pytest.raises(ValidationError) as refused:
        draft_order(case, by=officer, duration_weeks=27)
    assert "26" in refused.value.message_dict["duration_weeks"][0]
    order = draft_order(case, by=officer, duration_weeks=26)
    approve(order, lead)
    # A new APV text with a lower maximum entered into force before the decision: the draft's text no longer applies.
    make_apv(organisation, since=START + timedelta(days=35), max_weeks=13)
    with pytest.raises(ValidationError) as stale:
        impose(case, by=officer)
    assert "apv_article" in stale.value.message_dict


def test_whoever_lets_the_dwelling_only_where_the_apv_provides_for_it(case, officer):
    to_intention(case, by=officer)
    with pytest.raises(ValidationError) as refused:
        draft_order(case, by=officer, addressee_capacity="landlord")
    assert "addressee_capacity" in refused.value.message_dict


def test_a_reporter_can_never_be_an_addressee(case, officer):
    to_intention(case, by=officer)
    melder = case.woonoverlast_meldingen.get().melder
    with pytest.raises(ValidationError) as refused:
        draft_order(case, by=officer, addressees=[melder])
    assert "addressees" in refused.value.message_dict
    assert not BehaviouralOrder.objects.filter(case=case).exists()


def test_a_dwangsom_has_amount_and_maximum_and_a_bestuursdwang_has_none(case, officer):
    to_intention(case, by=officer)
    with pytest.raises(ValidationError) as refused:
        draft_order(case, by=officer, enforcement="dwangsom", penalty_form="lump_sum", amount="500", maximum="100")
    assert "maximum" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        draft_order(case, by=officer, amount="500")
    assert "penalty_form" in refused.value.message_dict
    order = draft_order(case, by=officer, enforcement="dwangsom", penalty_form="lump_sum", amount="500",
                        maximum="2000")
    assert order.amount == 500 and order.maximum == 2000


def test_a_changed_draft_needs_a_new_approval(case, officer, lead):
    to_intention(case, by=officer)
    order = draft_order(case, by=officer)
    approve(order, lead)
    BehaviouralOrder.objects.filter(pk=order.pk).update(duration_weeks=20)
    with pytest.raises(ValidationError) as refused:
        impose(case, by=officer)
    assert refused.value.code == "approval_stale"


def test_enforcement_needs_a_check_that_found_a_breach(case, officer, lead):
    from casework.woonoverlast.services import check_record

    order = walk_to_order(case, by=officer, lead=lead)
    with pytest.raises(ValidationError) as refused:
        step(case, wf.HANDHAVING, by=officer)
    assert refused.value.code == "no_breach"
    check_record(actor=officer, order=order, checked_on=order.decided_on + timedelta(days=10), complied=False,
                 findings="Harde muziek om 02.00 uur (testtekst).")
    step(case, wf.HANDHAVING, by=officer)
    step(case, wf.GEDRAGSAANWIJZING, by=officer)  # back to monitoring
    assert case.status == wf.GEDRAGSAANWIJZING


def test_a_closure_needs_its_intention_and_passed_term_unless_urgent(case, officer, lead):
    order = walk_to_order(case, by=officer, lead=lead)
    closure = closure_request_approval(actor=officer, case=case, addressees=[case.person], duration_weeks=12,
                                       disturbance_term_days=3, grounds="Ernstige verstoring openbare orde (test).")
    approve(closure, lead)
    with pytest.raises(ValidationError) as refused:
        impose(case, by=officer, to=wf.SLUITING)
    assert refused.value.code == "no_intention"
    sent = order.decided_on + timedelta(days=5)
    step(case, wf.VOORNEMEN_SLUITING, by=officer, intention_sent_on=sent.isoformat(), **SIGNED)
    due = Intention.objects.get(case=case, decision="closure").view_due_on
    with pytest.raises(ValidationError) as running:
        impose(case, by=officer, decided_on=due, to=wf.SLUITING)
    assert running.value.code == "view_term_running"
    impose(case, by=officer, decided_on=due + timedelta(days=1), to=wf.SLUITING)
    closure.refresh_from_db()
    assert closure.state == DecisionState.IMPOSED and closure.ends_on == closure.decided_on + timedelta(weeks=12)


def test_an_urgent_closure_gives_no_term_and_states_its_reasons(case, officer, lead):
    step(case, wf.INTERVENTIES, by=officer)
    with pytest.raises(ValidationError) as refused:
        closure_request_approval(actor=officer, case=case, addressees=[case.person], duration_weeks=4,
                                 urgent=True, disturbance_term_days=3, grounds="Wapens in de woning (test).",
                                 urgency_reason="Acuut gevaar voor omwonenden na schietincident (test).")
    assert "disturbance_term_days" in refused.value.message_dict
    with pytest.raises(ValidationError) as missing:
        closure_request_approval(actor=officer, case=case, addressees=[case.person], duration_weeks=4,
                                 grounds="Wapens in de woning (test).")
    assert "disturbance_term_days" in missing.value.message_dict
    closure = closure_request_approval(actor=officer, case=case, addressees=[case.person], duration_weeks=4,
                                       urgent=True, grounds="Wapens in de woning (test).",
                                       urgency_reason="Acuut gevaar voor omwonenden na schietincident (test).")
    approve(closure, lead)
    impose(case, by=officer, decided_on=START + timedelta(days=3), to=wf.SLUITING)
    assert Closure.objects.get(pk=closure.pk).state == DecisionState.IMPOSED
