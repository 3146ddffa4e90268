"""casework/damocles/services/decisions.py through the transition engine: the legal preconditions of each step.

A refused guard rolls the whole transition back (no step row, status and version unchanged).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.roles import HANDHAVER, PROCESREGISSEUR
from audit.actions import Action
from audit.models import AuditEvent
from casework import workflow
from casework.damocles import workflow as wf
from casework.damocles.models import DamoclesCase, Sanction
from casework.damocles.services import interim_relief_register, interim_relief_update
from casework.models import CaseStep
from tests.factories.damocles import announce, approve, assess, make_damocles_case, step, walk_to_decision

pytestmark = pytest.mark.django_db(databases="__all__")

SOFTDRUGS_10G = [{"substance": "softdrugs", "amount": "10", "unit": "g"}]  # 1st offence: warning
HARDDRUGS_12G = [{"substance": "harddrugs", "amount": "12", "unit": "g"}]  # 1st offence: closure 91 days
URGENCY = "Acuut gevaar voor omwonenden (testtekst)."


def assessing(officer, findings=HARDDRUGS_12G):
    return step(make_damocles_case(owner=officer, findings=findings), wf.BEOORDELING, by=officer)


def refused(case, to, by, code=None, **data):
    """Assert the step is refused and nothing of it stayed."""
    case.refresh_from_db()
    status, version, steps = case.status, case.version, CaseStep.objects.filter(case=case).count()
    with pytest.raises(ValidationError) as error:
        workflow.transition(case=case, to=to, by=by, reason="test", **data)
    case.refresh_from_db()
    assert (case.status, case.version, CaseStep.objects.filter(case=case).count()) == (status, version, steps)
    if code:
        assert error.value.code == code
    return error.value


def test_a_warning_needs_an_assessment_that_chose_a_warning(officer):
    case = assessing(officer, SOFTDRUGS_10G)
    refused(case, wf.WAARSCHUWING, officer, code="no_assessment")
    assess(case, by=officer, sanction=Sanction.CLOSURE, days=28, reasons="Zwaarder (testtekst).")
    refused(case, wf.WAARSCHUWING, officer, code="other_sanction")
    assess(case, by=officer)
    step(case, wf.WAARSCHUWING, by=officer)
    step(case, wf.AFGESLOTEN, by=officer)
    assert case.status == wf.AFGESLOTEN and case.is_closed


def test_an_intention_needs_a_closure_assessment_and_sets_the_view_term(officer):
    case = assessing(officer)
    refused(case, wf.VOORNEMEN_VERZONDEN, officer, code="no_assessment")
    assess(case, by=officer)
    step(case, wf.VOORNEMEN_VERZONDEN, by=officer,
         signatory="A. Testambtenaar (test)", intention_sent_on=date(2026, 3, 11))
    details = DamoclesCase.objects.get(case=case)
    assert details.intention_sent_on == date(2026, 3, 11) and details.view_due_on == date(2026, 3, 25)


def test_the_view_term_never_ends_on_a_weekend_and_its_length_can_be_set(officer):
    case = assess(assessing(officer), by=officer)
    # Saturday 14 March 2026 + 2 weeks = Saturday 28 March -> Monday 30 March
    step(case, wf.VOORNEMEN_VERZONDEN, by=officer, signatory="A. Testambtenaar (test)", intention_sent_on="2026-03-14")
    assert DamoclesCase.objects.get(case=case).view_due_on == date(2026, 3, 30)
    other = assess(assessing(officer), by=officer)
    step(other, wf.VOORNEMEN_VERZONDEN, by=officer,
         signatory="A. Testambtenaar (test)", intention_sent_on=date(2026, 3, 11), view_term_weeks=3)
    details = DamoclesCase.objects.get(case=other)
    assert (details.view_term_weeks, details.view_due_on) == (3, date(2026, 4, 1))


@pytest.mark.parametrize("reason", [None, "", "   "])
def test_an_urgent_closure_without_a_reason_is_refused(officer, reason):
    case = assessing(officer)
    error = refused(case, wf.SPOEDEISENDE_SLUITING, officer, urgency_reason=reason)
    assert "urgency_reason" in error.message_dict
    assert DamoclesCase.objects.get(case=case).urgent is False


def test_an_urgent_case_cannot_be_closed_until_its_written_decision_is_announced(officer, lead):
    case = assessing(officer)
    step(case, wf.SPOEDEISENDE_SLUITING, by=officer, urgency_reason=URGENCY)
    details = DamoclesCase.objects.get(case=case)
    assert details.urgent and details.urgency_reason == URGENCY
    announce(case, by=officer, announced_on=date(2026, 3, 3))  # the urgent order itself, handed over
    assess(case, by=officer)
    step(case, wf.SLUITING_UITGEVOERD, by=officer, sealed_on=date(2026, 3, 3))
    step(case, wf.SLUITING_BEEINDIGD, by=officer)
    step(case, wf.PAND_HEROPEND, by=officer, reopened_on=date(2026, 6, 2))
    error = refused(case, wf.AFGESLOTEN, officer, code="urgent_without_decision")
    assert "5:31" in error.messages[0]


def test_an_urgent_case_closes_after_the_written_decision_was_announced(officer, lead):
    case = assessing(officer)
    step(case, wf.SPOEDEISENDE_SLUITING, by=officer, urgency_reason=URGENCY)
    assess(case, by=officer)
    step(case, wf.SLUITING_UITGEVOERD, by=officer, sealed_on=date(2026, 3, 3))
    approve(case, by=officer, lead=lead)
    step(case, wf.BESLUIT, by=officer, decided_on=date(2026, 3, 10), signatory="T. Burgemeester (test)",
         compliance_term_days=0)
    refused(case, wf.BEKENDGEMAAKT, officer, code="not_announced")
    announce(case, by=officer, announced_on=date(2026, 3, 12))
    step(case, wf.BEKENDGEMAAKT, by=officer)
    step(case, wf.AFGESLOTEN, by=officer)
    assert case.status == wf.AFGESLOTEN


def test_announced_needs_an_announcement_of_the_decision(officer, lead):
    case = walk_to_decision(assessing(officer), by=officer, lead=lead)
    refused(case, wf.BEKENDGEMAAKT, officer, code="not_announced")
    announce(case, by=officer, announced_on=date(2026, 4, 2))
    step(case, wf.BEKENDGEMAAKT, by=officer)


def test_sealing_records_the_wkpb_due_date_and_the_end_of_the_closure(officer, lead):
    case = walk_to_decision(assessing(officer), by=officer, lead=lead)
    announce(case, by=officer, announced_on=date(2026, 4, 2))
    step(case, wf.BEKENDGEMAAKT, by=officer)
    error = refused(case, wf.SLUITING_UITGEVOERD, officer)
    assert "sealed_on" in error.message_dict
    step(case, wf.SLUITING_UITGEVOERD, by=officer, sealed_on=date(2026, 4, 16), order_posted=True)
    details = DamoclesCase.objects.get(case=case)
    assert details.sealed_on == date(2026, 4, 16) and details.order_posted
    assert details.wkpb_due_on == date(2026, 4, 20)  # Wkpb art. 5: 4 days, Monday is a working day
    assert details.closure_ends_on == date(2026, 7, 16)  # 91 days
    step(case, wf.SLUITING_BEEINDIGD, by=officer)
    step(case, wf.PAND_HEROPEND, by=officer, reopened_on=date(2026, 7, 16))
    step(case, wf.KOSTENVERHAAL, by=officer, costs_recovered="1250.00")
    step(case, wf.AFGESLOTEN, by=officer)
    details = DamoclesCase.objects.get(case=case)
    assert details.reopened_on == date(2026, 7, 16) and str(details.costs_recovered) == "1250.00"
    assert case.is_closed


def test_the_wkpb_registration_lies_between_the_sealing_and_today(officer, lead):
    from casework.damocles.services.decisions import closure_registration_record

    case = walk_to_decision(assessing(officer), by=officer, lead=lead)
    announce(case, by=officer, announced_on=date(2026, 4, 2))
    step(case, wf.BEKENDGEMAAKT, by=officer)
    step(case, wf.SLUITING_UITGEVOERD, by=officer, sealed_on=date(2026, 4, 16), order_posted=False)
    today = timezone.localdate()
    for day in (date(2026, 4, 15), today + timedelta(days=1), date(9999, 12, 31)):
        with pytest.raises(ValidationError) as error:
            closure_registration_record(actor=officer, case=case, order_posted=True, wkpb_registered_on=day)
        assert "wkpb_registered_on" in error.value.message_dict, day
        details = DamoclesCase.objects.get(case=case)
        assert details.wkpb_registered_on is None and not details.order_posted  # nothing half-saved
    closure_registration_record(actor=officer, case=case, order_posted=True, wkpb_registered_on=today)
    assert DamoclesCase.objects.get(case=case).wkpb_registered_on == today


def test_the_closure_is_not_carried_out_while_a_judge_suspended_the_decision(officer, lead):
    case = walk_to_decision(assessing(officer), by=officer, lead=lead)
    announce(case, by=officer, announced_on=date(2026, 4, 2))
    step(case, wf.BEKENDGEMAAKT, by=officer)
    relief = interim_relief_register(actor=officer, case=case, requested_on=date(2026, 4, 7))
    step(case, wf.SLUITING_UITGEVOERD, by=officer, sealed_on=date(2026, 4, 10))  # pending: no suspension
    step(case, wf.OPHEFFING_WIJZIGING, by=officer, closure_ends_on="2026-04-20")
    assert DamoclesCase.objects.get(case=case).closure_ends_on == date(2026, 4, 20)
    interim_relief_update(actor=officer, relief=relief, state="suspended", ruled_on=date(2026, 4, 21))
    refused(case, wf.SLUITING_UITGEVOERD, officer, code="suspended", sealed_on=date(2026, 4, 22))


def test_a_refused_guard_writes_nothing_to_the_details(officer):
    case = assessing(officer)
    refused(case, wf.SPOEDEISENDE_SLUITING, officer, urgency_reason=" ")
    history = DamoclesCase.objects.get(case=case).history.values_list("history_change_reason", flat=True)
    assert not any("spoedeisende" in (reason or "") for reason in history)


@pytest.mark.parametrize("who", ["procesregisseur", "other_org_handhaver"])
def test_others_cannot_take_a_step(officer, make_user, other_organisation, who):
    case = assessing(officer, SOFTDRUGS_10G)
    assess(case, by=officer)
    actor = make_user(role=PROCESREGISSEUR) if who == "procesregisseur" else make_user(
        role=HANDHAVER, organisation=other_organisation)
    with pytest.raises(PermissionDenied):
        workflow.transition(case=case, to=wf.WAARSCHUWING, by=actor, reason="test")
    denied = AuditEvent.objects.using("audit").get(action=Action.ACCESS_DENIED)
    assert denied.case_id == str(case.pk) and denied.actor_id == str(actor.pk)
    case.refresh_from_db()
    assert case.status == wf.BEOORDELING


def test_steps_write_history_with_structured_reasons(officer):
    case = assess(assessing(officer), by=officer)
    step(case, wf.VOORNEMEN_VERZONDEN, by=officer,
         signatory="A. Testambtenaar (test)", intention_sent_on=date(2026, 3, 11))
    latest = DamoclesCase.objects.get(case=case).history.latest("history_date")
    assert latest.history_change_reason == "step beoordeling -> voornemen_verzonden"
    assert latest.history_user == officer


def test_a_remedy_dated_before_the_awb_is_refused_and_nothing_is_written(officer, lead):
    """The hostile-input sweep sent the year 1 as the date of a request for interim relief and it was stored."""
    from django.core.exceptions import ValidationError

    from casework.remedies.models import InterimRelief

    case = walk_to_decision(assessing(officer), by=officer, lead=lead)
    announce(case, by=officer, announced_on=date(2026, 4, 2))
    step(case, wf.BEKENDGEMAAKT, by=officer)
    with pytest.raises(ValidationError) as refused_date:
        interim_relief_register(actor=officer, case=case, requested_on=date(1990, 1, 1))
    assert "1 januari 1994" in str(refused_date.value.message_dict["requested_on"])
    with pytest.raises(ValidationError) as refused_year:  # the year 1 is refused by every service date
        interim_relief_register(actor=officer, case=case, requested_on=date(1, 1, 1))
    assert "controleer het jaar" in str(refused_year.value.message_dict["requested_on"])
    assert not InterimRelief.objects.filter(case=case).exists()


def test_the_first_decisive_step_and_a_warning_are_kept_for_the_figures(officer, lead):
    """ADR 0052: the step into a warning, a decision or an urgent closure keeps its local date (the first
    one only) and whether a warning was given; other steps leave them as they are."""
    warned = assess(assessing(officer, SOFTDRUGS_10G), by=officer)
    assert DamoclesCase.objects.get(case=warned).decisive_step_on is None
    step(warned, wf.WAARSCHUWING, by=officer)
    details = DamoclesCase.objects.get(case=warned)
    at = CaseStep.objects.filter(case=warned).order_by("-sequence").first().at
    assert details.warned and details.decisive_step_on == timezone.localdate(at)
    latest = details.history.latest("history_date")  # a warning changes the details now: its history row
    assert latest.history_change_reason == "step beoordeling -> waarschuwing" and latest.history_user == officer
    from casework import access, timeline  # bookkeeping: the timeline shows the step, not a change of the details

    changes = timeline.recent_changes(case=warned, case_access=access.case_access(officer, warned), limit=50)
    assert [entry.kind for entry in changes if entry.at >= at] == ["step"]

    urgent = assessing(officer)
    step(urgent, wf.SPOEDEISENDE_SLUITING, by=officer, urgency_reason=URGENCY)
    details = DamoclesCase.objects.get(case=urgent)
    assert details.decisive_step_on == _local_day_of(urgent, wf.SPOEDEISENDE_SLUITING) and not details.warned
    DamoclesCase.objects.filter(case=urgent).update(decisive_step_on=date(2026, 1, 2))  # as if stepped then
    assess(urgent, by=officer)
    step(urgent, wf.SLUITING_UITGEVOERD, by=officer, sealed_on=date(2026, 3, 3))
    approve(urgent, by=officer, lead=lead)
    step(urgent, wf.BESLUIT, by=officer, decided_on=date(2026, 3, 10), signatory="T. Burgemeester (test)",
         compliance_term_days=0)
    assert DamoclesCase.objects.get(case=urgent).decisive_step_on == date(2026, 1, 2)  # the first one stays

    decided = walk_to_decision(assessing(officer), by=officer, lead=lead)
    details = DamoclesCase.objects.get(case=decided)
    assert details.decisive_step_on == _local_day_of(decided, wf.BESLUIT) and not details.warned

    intention_only = assess(assessing(officer), by=officer)
    step(intention_only, wf.VOORNEMEN_VERZONDEN, by=officer,
         signatory="A. Testambtenaar (test)", intention_sent_on=date(2026, 3, 11))
    details = DamoclesCase.objects.get(case=intention_only)
    assert details.decisive_step_on is None and not details.warned


def _local_day_of(case, state: str):
    return timezone.localdate(CaseStep.objects.get(case=case, to_status=state).at)


def test_a_refused_warning_keeps_no_decisive_step(officer):
    case = assessing(officer, SOFTDRUGS_10G)
    refused(case, wf.WAARSCHUWING, officer, code="no_assessment")
    details = DamoclesCase.objects.get(case=case)
    assert details.decisive_step_on is None and not details.warned

