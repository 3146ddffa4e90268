"""casework/park/workflow.py and the step guards in casework/park/services/orders.py."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.roles import HANDHAVER, PROCESREGISSEUR
from audit.actions import Action
from audit.models import AuditEvent
from casework import workflow
from casework.models import Case, CaseStep
from casework.park import workflow as wf
from casework.park.models import ParkFile, PenaltyOrder
from casework.park.services import payment_record
from tests.factories.park import forfeit, inspect, make_park_case, reinspect, step, to_intention, walk_to_order

pytestmark = pytest.mark.django_db(databases="__all__")


@pytest.fixture
def case(officer):
    return make_park_case(owner=officer)


def test_the_workflow_is_registered_with_every_state_reachable():
    flow = workflow.WORKFLOWS["park"]
    assert flow.initial == wf.CONTROLE and set(flow.states) == {
        "controle", "constatering", "voornemen", "last_onder_dwangsom", "hercontrole", "nageleefd", "invordering",
        "afgesloten"}
    reached, frontier = {flow.initial}, [flow.initial]
    while frontier:
        for t in flow.targets_from(frontier.pop()):
            if t.target not in reached:
                reached.add(t.target)
                frontier.append(t.target)
    assert reached == set(flow.states)
    assert flow.closed_states == {wf.NAGELEEFD, wf.AFGESLOTEN}
    assert all(t.reopens for t in flow.transitions if t.source in flow.closed_states)


def test_every_pair_not_in_the_table_is_refused(case, officer):
    flow = workflow.WORKFLOWS["park"]
    for target in flow.states:
        if flow.find(wf.CONTROLE, target) is None:
            with pytest.raises(workflow.IllegalTransition):
                workflow.transition(case=case, to=target, by=officer, reason="test")
    assert CaseStep.objects.filter(case=case).count() == 1


def test_a_finding_report_needs_an_inspection(case, officer):
    with pytest.raises(ValidationError) as error:
        step(case, wf.CONSTATERING, by=officer)
    assert error.value.code == "no_inspection"
    case.refresh_from_db()
    assert case.status == wf.CONTROLE and CaseStep.objects.filter(case=case).count() == 1
    inspect(case, by=officer, on=date(2024, 11, 4))
    step(case, wf.CONSTATERING, by=officer, reported_on=date(2024, 11, 5), report_summary="Geheim rapport")
    details = ParkFile.objects.get(case=case)
    assert details.reported_on == date(2024, 11, 5) and details.report_summary == "Geheim rapport"


def test_the_intention_sets_a_view_term_that_never_ends_on_a_weekend(case, officer):
    inspect(case, by=officer, on=date(2024, 11, 4))
    step(case, wf.CONSTATERING, by=officer)
    # Saturday 2 November 2024 + 2 weeks = Saturday 16 November → Monday 18 November.
    step(case, wf.VOORNEMEN, by=officer, intention_sent_on=date(2024, 11, 2))
    details = ParkFile.objects.get(case=case)
    assert details.view_due_on == date(2024, 11, 18) and details.view_term_weeks == 2


def test_the_order_step_needs_an_approved_order(case, officer, lead):
    to_intention(case, by=officer)
    with pytest.raises(ValidationError) as error:
        step(case, wf.LAST_ONDER_DWANGSOM, by=officer)
    assert "order" in error.value.message_dict
    order = walk_to_order(case, by=officer, lead=lead, decided_on=date(2025, 1, 6))
    assert case.status == wf.LAST_ONDER_DWANGSOM and order.state == PenaltyOrder.State.IMPOSED
    assert order.decided_on == date(2025, 1, 6) and order.compliance_due_on is None  # runs from announcement


def test_a_reinspection_needs_an_imposed_order_and_nageleefd_a_compliant_one(case, officer, lead):
    order = walk_to_order(case, by=officer, lead=lead)
    step(case, wf.HERCONTROLE, by=officer)
    with pytest.raises(ValidationError) as error:
        step(case, wf.NAGELEEFD, by=officer)
    assert error.value.code == "not_complied"
    reinspect(order, by=officer, on=date(2025, 2, 3), compliant=True)
    step(case, wf.NAGELEEFD, by=officer)
    order.refresh_from_db()
    assert case.is_closed and order.state == PenaltyOrder.State.COMPLIED
    assert ParkFile.objects.get(case=case).complied_on == date(2025, 2, 3)


def test_collection_needs_a_forfeiture_and_closing_needs_every_forfeiture_settled(case, officer, lead):
    order = walk_to_order(case, by=officer, lead=lead)
    step(case, wf.HERCONTROLE, by=officer)
    with pytest.raises(ValidationError) as error:
        step(case, wf.INVORDERING, by=officer)
    assert error.value.code == "no_forfeiture"
    forfeiture = forfeit(order, by=officer, on=date(2025, 2, 3))
    with pytest.raises(ValidationError) as error:
        step(case, wf.NAGELEEFD, by=officer)
    assert error.value.code in ("not_complied", "open_forfeitures")
    step(case, wf.INVORDERING, by=officer)
    with pytest.raises(ValidationError) as error:
        step(case, wf.AFGESLOTEN, by=officer)
    assert error.value.code == "open_forfeitures"
    payment_record(actor=officer, forfeiture=forfeiture, paid_on=date(2025, 3, 1), amount="500")
    step(case, wf.AFGESLOTEN, by=officer)
    assert case.is_closed


def test_a_closed_file_is_reopened_with_a_reason_by_the_team_lead(case, officer, lead):
    step(case, wf.AFGESLOTEN, by=officer)
    with pytest.raises(PermissionDenied, match="closed|afgesloten"):
        inspect(case, by=officer, on=date(2024, 11, 4))
    workflow.transition(case=case, to=wf.CONTROLE, by=lead, reason="Nieuwe signalen (test)")
    case.refresh_from_db()
    assert case.status == wf.CONTROLE and not case.is_closed


@pytest.mark.parametrize("who", ["other_officer", "other_org", "procesregisseur"])
def test_others_cannot_take_a_step_and_the_refusal_is_audited(case, officer, make_user, other_organisation, who):
    actor = {
        "other_officer": lambda: make_user(role=HANDHAVER),
        "other_org": lambda: make_user(role=HANDHAVER, organisation=other_organisation),
        "procesregisseur": lambda: make_user(role=PROCESREGISSEUR),
    }[who]()
    with pytest.raises(PermissionDenied):
        step(case, wf.AFGESLOTEN, by=actor)
    assert AuditEvent.objects.using("audit").filter(action=Action.ACCESS_DENIED, case_id=str(case.pk),
                                                    actor_id=str(actor.pk)).exists()
    assert Case.objects.get(pk=case.pk).status == wf.CONTROLE


def test_a_team_lead_cannot_impose_the_order_themselves(case, officer, lead):
    from tests.factories.park import approve, draft_order

    to_intention(case, by=officer)
    order = approve(draft_order(case, by=officer), lead=lead)
    with pytest.raises(PermissionDenied):
        workflow.transition(case=case, to=wf.LAST_ONDER_DWANGSOM, by=lead, reason="test", order=order)
    order.refresh_from_db()
    assert order.state == PenaltyOrder.State.DRAFT


def test_steps_write_history_with_structured_reasons(case, officer):
    inspect(case, by=officer, on=date(2024, 11, 4))
    step(case, wf.CONSTATERING, by=officer, report_summary="Geheim rapport")
    reasons = list(ParkFile.history.filter(case_id=case.pk).values_list("history_change_reason", flat=True))
    assert "step controle -> constatering" in reasons
    assert all("Geheim" not in (reason or "") for reason in reasons)
    events = AuditEvent.objects.using("audit").filter(case_id=str(case.pk), object_type="park.ParkFile")
    assert events.filter(reason="step controle -> constatering").exists()
