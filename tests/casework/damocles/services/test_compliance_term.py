"""The begunstigingstermijn of a closure decision (casework/remedies/terms.py used by Damocles): one date
per addressee, shown alike by letter, deadline overview and API, and checked by the sealing step.

The measured defect: a decision of 16 March 2026 with a term of 7 days, announced to the owner on
23 March (term until and including 30 March) was sealed on 28 March; the overview said 23 March.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from casework import workflow
from casework.damocles import workflow as wf
from casework.damocles.api.presenters import announcement as announcement_json
from casework.damocles.letters import letter_context
from casework.damocles.models import DamoclesCase, Letter
from casework.damocles.selectors import deadlines as overview
from casework.models import Case
from casework.pdf import datum
from casework.remedies.models import UrgentEnforcement
from tests.factories.damocles import announce, approve, assess, make_damocles_case, step, walk_to_decision

pytestmark = pytest.mark.django_db(databases="__all__")
URGENCY = "Acuut gevaar voor omwonenden (testtekst)."


@pytest.fixture
def announced(officer, lead):
    """Decided 16 March 2026 (7 days), announced to the owner on 23 March and to the tenant on 25 March."""
    case = make_damocles_case(owner=officer, findings=[{"substance": "harddrugs", "amount": "12", "unit": "g"}])
    walk_to_decision(case, by=officer, lead=lead, decided_on=date(2026, 3, 16))
    announce(case, by=officer, announced_on=date(2026, 3, 23), role="owner")
    announce(case, by=officer, announced_on=date(2026, 3, 25), role="tenant", name="T. Huurder")
    return step(case, wf.BEKENDGEMAAKT, by=officer)


def _seal(case: Case, officer, day: date) -> None:
    workflow.transition(case=case, to=wf.SLUITING_UITGEVOERD, by=officer, reason="test: verzegeld", sealed_on=day)


@pytest.mark.parametrize("day", [date(2026, 3, 28), date(2026, 3, 30), date(2026, 4, 1)],
                         ids=["before-the-owner-s-end", "owner-s-last-day", "tenant-s-last-day"])
def test_sealing_before_the_term_ended_for_every_addressee_is_refused(announced, officer, day):
    with translation.override("en"), pytest.raises(ValidationError) as error:
        _seal(announced, officer, day)
    assert "sealed_on" in error.value.message_dict
    assert "from 2 April 2026" in str(error.value)
    announced.refresh_from_db()
    details = DamoclesCase.objects.get(case=announced)
    assert announced.status == wf.BEKENDGEMAAKT and details.sealed_on is None  # nothing half-saved
    assert not announced.steps.filter(to_status=wf.SLUITING_UITGEVOERD).exists()


def test_sealing_after_the_last_end_is_accepted_and_recorded(announced, officer):
    _seal(announced, officer, date(2026, 4, 2))
    details = DamoclesCase.objects.get(case=announced)
    assert announced.status == wf.SLUITING_UITGEVOERD and details.sealed_on == date(2026, 4, 2)
    assert details.history.filter(history_change_reason__contains="sluiting_uitgevoerd").exists()
    assert not UrgentEnforcement.objects.exists()


def test_letter_overview_api_and_guard_show_the_same_date_per_addressee(announced, officer):
    cases = Case.objects.filter(pk=announced.pk)
    rows = overview.damocles_deadlines(cases=cases, until=date(2026, 12, 31), today=date(2026, 3, 26))
    in_overview = {d.detail: d.due_on for d in rows if d.kind == overview.COMPLIANCE_TERM}
    for announcement in announced.announcements.all():
        stored = announcement.compliance_ends_on
        context = letter_context(case=announced, kind=Letter.Kind.BESLUIT, announcement=announcement)
        assert context["compliance_until"] == datum(stored)
        assert announcement_json(announcement)["compliance_ends_on"] == stored
        assert in_overview[str(announcement.get_role_display())] == stored
    assert sorted(in_overview.values()) == [date(2026, 3, 30), date(2026, 4, 1)]
    with translation.override("en"), pytest.raises(ValidationError) as error:
        _seal(announced, officer, date(2026, 4, 1))
    assert "until and including 30 March 2026" not in str(error.value)  # the owner's term has ended
    assert "until and including 1 April 2026" in str(error.value)


def test_an_urgent_closure_is_sealed_at_once_and_recorded_with_its_reasons(officer, lead):
    case = step(make_damocles_case(owner=officer), wf.BEOORDELING, by=officer)
    step(case, wf.SPOEDEISENDE_SLUITING, by=officer, urgency_reason=URGENCY)
    assess(case, by=officer)
    _seal(case, officer, date(2026, 3, 3))  # no announcement, no term: Awb 5:31
    urgent = UrgentEnforcement.objects.get(case=case)
    assert urgent.reasons == URGENCY and urgent.written_decision_due_on == date(2026, 3, 3)
    assert urgent.written_decision_on is None
    rows = overview.damocles_deadlines(cases=Case.objects.filter(pk=case.pk), until=date(2026, 3, 31),
                                       today=date(2026, 3, 4))
    assert [(d.kind, d.due_on, d.overdue) for d in rows if d.kind == overview.URGENT_FOLLOW_UP] == [
        (overview.URGENT_FOLLOW_UP, date(2026, 3, 3), True)]
    # Once sealed the record's term replaces the one counted from the step into urgent closure (taken today,
    # so inside this window): one follow-up, not two.
    rows = overview.damocles_deadlines(cases=Case.objects.filter(pk=case.pk), until=date.max, today=date(2026, 3, 4))
    assert [d.due_on for d in rows if d.kind == overview.URGENT_FOLLOW_UP] == [date(2026, 3, 3)]
    approve(case, by=officer, lead=lead)
    step(case, wf.BESLUIT, by=officer, decided_on=date(2026, 3, 10), signatory="T. Burgemeester (test)",
         compliance_term_days=0)
    assert UrgentEnforcement.objects.get(case=case).written_decision_on == date(2026, 3, 10)
    rows = overview.damocles_deadlines(cases=Case.objects.filter(pk=case.pk), until=date(2026, 3, 31),
                                       today=date(2026, 3, 11))
    assert overview.URGENT_FOLLOW_UP not in {d.kind for d in rows}
