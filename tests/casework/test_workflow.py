"""casework/workflow.py with the PGA table: the one writer of Case.status.

Covers the happy path, roles, required data, reasons, closed cases, reopening, stale edits,
every illegal (state, target) pair, the steps and history rows, and change reasons on every
case model.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.roles import HANDHAVER, PROCESREGISSEUR, TEAMLEIDER
from audit.actions import Action
from audit.history import ChangeReasonRequired, save_with_reason
from casework import access, workflow
from casework.models import Case, CaseStep, Person
from casework.pga import workflow as pga
from casework.pga.models import Agreement, Conference, PgaCase, PlanVersion
from casework.pga.services import agreement_record, conference_plan, plan_update
from encryption.pseudonyms import subject_pseudonym
from tests.auditlog import events
from tests.conftest import raw_rows
from tests.factories.accounts import TeamFactory
from tests.factories.casework import PGA_PATH, make_pga_case

pytestmark = pytest.mark.django_db(databases="__all__")

SURNAME = "Testpersoon Geheimnaam"


@pytest.fixture
def owner(make_user, organisation):
    return make_user(role=PROCESREGISSEUR, team=TeamFactory(organisation=organisation))


def test_the_happy_path_appends_one_step_per_transition_and_keeps_status_in_step(owner):
    case = make_pga_case(owner=owner, status=pga.AFGESLOTEN, surname=SURNAME)
    steps = list(case.steps.order_by("sequence"))
    assert [s.to_status for s in steps] == [pga.AANGEMELD, *[target for target, _ in PGA_PATH]]
    assert [s.sequence for s in steps] == list(range(1, len(steps) + 1))
    assert all(s.from_status == prev.to_status for prev, s in zip(steps, steps[1:], strict=False))
    assert case.status == steps[-1].to_status == pga.AFGESLOTEN
    assert case.closed_on == timezone.localdate()
    assert case.pga.closure_reason == "doelen_behaald"
    assert case.version == 1 + len(PGA_PATH)
    assert steps[1].reason == f"test: naar {pga.TRIAGE}"  # the user's words, decrypted


def test_each_transition_writes_an_update_event_with_a_structured_reason(owner):
    case = make_pga_case(owner=owner)
    step = workflow.transition(case=case, to=pga.TRIAGE, by=owner, reason="Testpersoon belde zelf")
    event = events(action=Action.UPDATE, object_type="casework.Case").latest("sequence")
    assert event.reason == f"transition aangemeld -> triage (step {step.sequence})"
    assert event.case_id == str(case.pk) and event.subject_pseudonym == subject_pseudonym(case.person_id)
    assert "Testpersoon" not in event.reason
    history = case.history.latest("history_date")
    assert history.status == pga.TRIAGE and history.history_change_reason == event.reason


@pytest.mark.parametrize("role", [TEAMLEIDER, HANDHAVER])
def test_a_role_outside_the_table_is_refused_with_an_event(make_user, owner, role):
    case = make_pga_case(owner=owner)
    other = make_user(role=role, team=owner.team)
    with pytest.raises(PermissionDenied):
        workflow.transition(case=case, to=pga.TRIAGE, by=other, reason="test")
    assert Case.objects.get(pk=case.pk).status == pga.AANGEMELD
    assert events(action=Action.ACCESS_DENIED, case_id=str(case.pk), actor_id=str(other.pk)).exists()


def test_a_user_without_access_is_refused(make_user, owner):
    case = make_pga_case(owner=owner)
    stranger = make_user(role=PROCESREGISSEUR, team=TeamFactory(organisation=owner.organisation))
    with pytest.raises(PermissionDenied):
        workflow.transition(case=case, to=pga.TRIAGE, by=stranger, reason="test")
    assert events(action=Action.ACCESS_DENIED, case_id=str(case.pk)).count() == 1


def test_required_step_data_is_enforced_and_nothing_is_written(owner):
    case = make_pga_case(owner=owner, status=pga.TRIAGE)
    steps_before = case.steps.count()
    with pytest.raises(ValidationError) as caught:
        workflow.transition(case=case, to=pga.NIET_VOOR_ZVH, by=owner, reason="past niet")
    assert "triage_advice" in caught.value.message_dict
    assert case.steps.count() == steps_before
    assert Case.objects.get(pk=case.pk).status == pga.TRIAGE
    workflow.transition(case=case, to=pga.NIET_VOOR_ZVH, by=owner, reason="past niet",
                        triage_advice="Advies: huisarts en wijkteam (test).")
    assert case.status == pga.NIET_VOOR_ZVH and case.is_closed
    assert PgaCase.objects.get(case=case).triage_advice == "Advies: huisarts en wijkteam (test)."


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_reason_is_required(owner, reason):
    case = make_pga_case(owner=owner)
    with pytest.raises(ValidationError) as caught:
        workflow.transition(case=case, to=pga.TRIAGE, by=owner, reason=reason)
    assert "reason" in caught.value.message_dict
    assert case.steps.count() == 1


def test_every_pair_outside_the_table_is_illegal_with_a_clear_message(owner):
    case = make_pga_case(owner=owner)
    allowed = {(t.source, t.target) for t in pga.TRANSITIONS}
    pairs = [(s, t) for s in pga.STATES for t in pga.STATES if (s, t) not in allowed]
    assert len(pairs) == len(pga.STATES) ** 2 - len(allowed)
    for source, target in pairs:
        case.status = source  # in memory only: the engine refuses before touching the database
        with pytest.raises(workflow.IllegalTransition) as caught:
            workflow.transition(case=case, to=target, by=owner, reason="test")
        assert caught.value.code == "illegal_transition"
        assert str(pga.STATES[source]) in caught.value.messages[0]
    assert Case.objects.get(pk=case.pk).status == pga.AANGEMELD
    assert case.steps.count() == 1


def test_a_closed_case_is_read_only_until_reopened(owner):
    case = make_pga_case(owner=owner, status=pga.AFGESLOTEN)
    with pytest.raises(PermissionDenied):
        plan_update(actor=owner, case=case, goals=[{"leefgebied": "housing", "goal": "Woning behouden"}])
    with pytest.raises(PermissionDenied):
        conference_plan(actor=owner, case=case, held_on=date(2026, 3, 1), invited=[])
    with pytest.raises(workflow.IllegalTransition):
        workflow.transition(case=case, to=pga.PLAN, by=owner, reason="test")
    assert not PlanVersion.objects.filter(case=case).exists()

    with pytest.raises(ValidationError):
        workflow.transition(case=case, to=pga.UITVOERING, by=owner, reason="")
    workflow.transition(case=case, to=pga.UITVOERING, by=owner, reason="Nieuwe signalen (test).")
    assert case.status == pga.UITVOERING and not case.is_closed
    assert case.pga.closure_reason == ""
    plan_update(actor=owner, case=case, goals=[{"leefgebied": "housing", "goal": "Woning behouden"}])


def test_a_team_lead_may_reopen_but_take_no_other_step(make_user, owner):
    case = make_pga_case(owner=owner, status=pga.AFGESLOTEN)
    lead = make_user(role=TEAMLEIDER, team=owner.team)
    assert [t.target for t in workflow.available_transitions(case=case, user=lead)] == [pga.UITVOERING]
    workflow.transition(case=case, to=pga.UITVOERING, by=lead, reason="Heropenen op verzoek partner (test)")
    assert case.status == pga.UITVOERING
    with pytest.raises(PermissionDenied):
        workflow.transition(case=case, to=pga.PLAN, by=lead, reason="test")
    assert case.status == pga.UITVOERING


def test_a_stale_version_is_a_conflict_not_an_overwrite(owner):
    case = make_pga_case(owner=owner)
    loaded_version = case.version
    other_tab = Case.objects.get(pk=case.pk)
    workflow.transition(case=case, to=pga.TRIAGE, by=owner, reason="eerste", expected_version=loaded_version)
    with pytest.raises(workflow.StaleEdit) as caught:
        workflow.transition(case=Case.objects.get(pk=case.pk), to=pga.IN_BEHANDELING, by=owner, reason="tweede",
                            expected_version=loaded_version)
    assert caught.value.code == "stale"
    # Without a version the engine still notices that the status moved underneath.
    with pytest.raises(workflow.StaleEdit):
        workflow.transition(case=other_tab, to=pga.TRIAGE, by=owner, reason="derde")
    assert case.steps.count() == 2
    assert Case.objects.get(pk=case.pk).version == loaded_version + 1


def test_available_transitions_follow_the_table_and_the_role(owner, make_user):
    case = make_pga_case(owner=owner, status=pga.UITVOERING)
    targets = {t.target for t in workflow.available_transitions(case=case, user=owner)}
    assert targets == {pga.CASUSOVERLEG, pga.PLAN, pga.AFGESLOTEN}
    outsider = make_user(role=PROCESREGISSEUR, team=TeamFactory(organisation=owner.organisation))
    assert workflow.available_transitions(case=case, user=outsider) == []


def test_status_is_only_the_cached_latest_step(owner):
    case = make_pga_case(owner=owner, status=pga.PLAN)
    for loaded in Case.objects.all():
        assert loaded.status == loaded.steps.order_by("-sequence").first().to_status
    assert CaseStep.objects.filter(case=case).count() == case.version


def test_history_rows_hold_ciphertext_only(owner):
    case = make_pga_case(owner=owner, surname=SURNAME, bsn="111222333", status=pga.TRIAGE,
                         aanleiding="Geheime aanleiding over Testpersoon Geheimnaam")
    assert case.person.history.count() >= 1 and case.history.count() >= 2
    for model in (Person.history.model, Case.history.model, PgaCase.history.model, Person, CaseStep):
        rows = raw_rows(model)
        assert rows, model
        for row in rows:
            for secret in (SURNAME, "Geheimnaam", "111222333", "Geheime aanleiding", "Teststraat"):
                assert secret not in row, (model, secret)
    # Decrypting through the history model works (the same keys, the original row id).
    assert case.person.history.earliest("history_date").surname == SURNAME


def _child_rows(case, owner):
    conference = conference_plan(actor=owner, case=case, held_on=date(2026, 3, 2), invited=[])
    agreement = agreement_record(actor=owner, case=case, description="Budgetcoach regelen (test)",
                                 owner_organisation=owner.organisation,
                                 due_on=timezone.localdate() + timedelta(days=7))
    plan = plan_update(actor=owner, case=case, goals=[{"leefgebied": "finances", "goal": "Schulden stabiel"}])
    return [case, case.person, case.pga, conference, agreement, plan]


def test_every_case_model_refuses_a_save_without_a_change_reason(owner):
    case = make_pga_case(owner=owner, status=pga.CASUSOVERLEG)
    for obj in _child_rows(case, owner):
        fresh = type(obj).objects.get(pk=obj.pk)
        with pytest.raises(ChangeReasonRequired):
            fresh.save()
        save_with_reason(fresh, reason="test: reason given")  # with one it goes through
    with pytest.raises(ChangeReasonRequired), transaction.atomic():
        Conference.objects.get(case=case).delete()
    assert Agreement.objects.filter(case=case).count() == 1


def test_closed_case_refuses_change_through_require(owner):
    case = make_pga_case(owner=owner, status=pga.AFGESLOTEN)
    with pytest.raises(PermissionDenied):
        access.require(owner, access.CHANGE, case)
    assert access.require(owner, access.VIEW, case).via == "owner"


def test_a_state_label_follows_the_active_language_though_translated_once_per_language():
    """Workflow.label keeps each language's labels (translated once); switching the language switches them."""
    from django.utils import translation

    from casework.workflow import WORKFLOWS

    pga = WORKFLOWS["pga"]
    state = pga.initial
    with translation.override("en"):
        english = pga.label(state)
        assert english == str(pga.states[state])
    with translation.override("nl"):
        dutch = pga.label(state)
        assert dutch == str(pga.states[state]) and dutch != english
    with translation.override("en"):
        assert pga.label(state) == english
    assert pga.label("no_such_state") == "no_such_state"


def test_a_step_refuses_data_it_does_not_take_and_writes_nothing(owner):
    """A step into triage with a closure reason and an aftercare date (what an API client may send) set both on
    the open case's details before: the engine refuses what the step's transition and its table do not take."""
    case = make_pga_case(owner=owner)
    with pytest.raises(ValidationError) as error:
        workflow.transition(case=case, to=pga.TRIAGE, by=owner, reason="Aangemeld", closure_reason="doelen_behaald",
                            aftercare_check_on=date(1900, 1, 1))
    assert set(error.value.message_dict) == {"closure_reason", "aftercare_check_on"}
    assert error.value.message_dict["closure_reason"] == ["Dit veld hoort niet bij deze stap."]
    case.refresh_from_db()
    assert case.status == pga.AANGEMELD and case.steps.count() == 1 and case.version == 1
    assert case.pga.closure_reason == "" and case.pga.aftercare_check_on is None
    # blank values are what a form sends for the fields it does not show: no refusal
    workflow.transition(case=case, to=pga.TRIAGE, by=owner, reason="Aangemeld", closure_reason="",
                        aftercare_check_on=None, triage_advice="")
    assert Case.objects.get(pk=case.pk).status == pga.TRIAGE


@pytest.mark.parametrize("who", ["stranger", "handhaver"])
def test_stray_step_data_from_one_who_may_not_take_the_step_is_a_logged_403_not_a_field_error(make_user, owner, who):
    """The access and role checks come before the step's data is looked at: an outsider learns nothing about the
    step's fields from a 400, and the refusal is logged as a denial."""
    case = make_pga_case(owner=owner)
    other = make_user(role=PROCESREGISSEUR, team=TeamFactory(organisation=owner.organisation)) \
        if who == "stranger" else make_user(role=HANDHAVER, team=owner.team)
    with pytest.raises(PermissionDenied):
        workflow.transition(case=case, to=pga.TRIAGE, by=other, reason="Aangemeld", closure_reason="doelen_behaald")
    assert events(action=Action.ACCESS_DENIED, case_id=str(case.pk), actor_id=str(other.pk)).count() == 1
    case.refresh_from_db()
    assert case.status == pga.AANGEMELD and case.version == 1 and case.pga.closure_reason == ""


@pytest.mark.parametrize(("days", "stored"), [(90, True), (5 * 366 + 1, False), (-3 * 366, False)])
def test_the_aftercare_date_of_a_closure_lies_in_the_planning_window(owner, days, stored):
    case = make_pga_case(owner=owner, status=pga.UITVOERING)
    day = timezone.localdate() + timedelta(days=days)
    close = {"case": case, "to": pga.AFGESLOTEN, "by": owner, "reason": "Doelen bereikt",
             "closure_reason": "doelen_behaald", "aftercare_check_on": day}
    if stored:
        workflow.transition(**close)
        assert PgaCase.objects.get(case=case).aftercare_check_on == day
        return
    with pytest.raises(ValidationError) as error:
        workflow.transition(**close)
    assert "aftercare_check_on" in error.value.message_dict
    case.refresh_from_db()
    assert case.status == pga.UITVOERING and case.closed_on is None
    assert PgaCase.objects.get(case=case).aftercare_check_on is None


def test_every_field_a_step_form_shows_is_one_the_step_takes():
    """The core's step form (a type's registry `step_fields`) and the engine's rule agree: a field the form shows
    for a step is one the engine lets that step take."""
    from casework import registry

    checked = 0
    for spec in registry.types():
        if spec.step_fields is None:
            continue
        flow = workflow.WORKFLOWS[spec.code]
        for step in flow.transitions:
            shown = set(registry.resolve(spec.step_fields)(step))
            assert shown <= set(flow.takes(step)), (spec.code, step.source, step.target, shown - set(flow.takes(step)))
            checked += 1
    assert checked >= 20
