"""casework/pga/services.py: referral, conferences, agreements, plan versions, escalation."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.roles import HANDHAVER, KETENPARTNER, PROCESREGISSEUR
from audit.actions import Action
from casework.models import Case, Person
from casework.pga import workflow as pga
from casework.pga.models import Agreement, InformedStatus, PlanVersion
from casework.pga.services import (
    agreement_record,
    agreement_update,
    conference_plan,
    conference_record,
    escalation_set,
    open_cases_for_person,
    plan_update,
    referral_register,
)
from encryption.pseudonyms import subject_pseudonym
from tests.auditlog import events
from tests.factories.accounts import TeamFactory
from tests.factories.casework import TEST_BSNS, make_pga_case, person_data

pytestmark = pytest.mark.django_db(databases="__all__")

def goals_with(partner, due_on=None):
    due = (due_on or timezone.localdate() + timedelta(days=30)).isoformat()
    return [{"leefgebied": "housing", "goal": "Huisuitzetting voorkomen",
             "interventions": [{"description": "Betalingsregeling", "partner_id": str(partner.pk), "due_on": due}]}]


@pytest.fixture
def owner(make_user, organisation):
    return make_user(role=PROCESREGISSEUR, team=TeamFactory(organisation=organisation))



def refer(actor, owner, **overrides):
    data = {"actor": actor, "controller": owner.organisation, "owner": owner, "person": person_data(),
            "aanleiding": "Overlast en schulden (test)."}
    return referral_register(**{**data, **overrides})


def test_a_referral_creates_person_case_and_details_in_the_initial_state(owner, other_organisation):
    case = refer(owner, owner, partners_to_invite=[other_organisation], conference_goal="Afstemmen (test)")
    assert case.status == pga.AANGEMELD and case.reference.startswith("PGA-")
    assert case.pga.aanleiding == "Overlast en schulden (test)."
    assert list(case.pga.partners_to_invite.all()) == [other_organisation]
    assert case.steps.get().to_status == pga.AANGEMELD
    created = events(action=Action.CREATE, case_id=str(case.pk))
    assert {e.object_type for e in created} == {"casework.Case", "pga.PgaCase"}
    assert all(e.subject_pseudonym == subject_pseudonym(case.person_id) for e in created)


def test_a_partner_submits_a_referral_that_arrives_for_triage(make_user, owner, other_organisation):
    partner = make_user(role=KETENPARTNER, organisation=other_organisation)
    case = refer(partner, owner)
    assert case.owner == owner and case.referring_organisation == other_organisation
    assert case.controller == owner.organisation and case.person.controller == owner.organisation


def test_a_second_referral_reuses_the_person_and_points_to_the_open_case(owner):
    first = refer(owner, owner, person=person_data(bsn=TEST_BSNS[0]))
    second = refer(owner, owner, person=person_data(bsn=TEST_BSNS[0]))
    assert second.person_id == first.person_id and Person.objects.count() == 1
    assert {c.pk for c in open_cases_for_person(user=owner, person_id=first.person_id)} == {first.pk, second.pk}


@pytest.mark.parametrize("role", [HANDHAVER])
def test_roles_that_cannot_refer_are_refused(make_user, owner, role):
    with pytest.raises(PermissionDenied):
        refer(make_user(role=role), owner)
    assert not Case.objects.exists()


def test_a_regisseur_cannot_refer_for_another_controller(make_user, owner, other_organisation):
    foreign = make_user(role=PROCESREGISSEUR, organisation=other_organisation)
    with pytest.raises(PermissionDenied):
        refer(foreign, owner)
    assert not Case.objects.exists()


@pytest.mark.parametrize(("overrides", "field"), [
    ({"aanleiding": "  "}, "aanleiding"),
    ({"informed_status": InformedStatus.POSTPONED}, "postponement_ground"),
    ({"informed_status": InformedStatus.INFORMED}, "informed_on"),
    ({"person": person_data(bsn="123456789")}, "__all__"),
])
def test_bad_referrals_save_nothing(owner, overrides, field):
    with pytest.raises(ValidationError) as caught:
        refer(owner, owner, **overrides)
    if field != "__all__":
        assert field in caught.value.message_dict
    assert not Case.objects.exists() and not Person.objects.exists()


def test_the_owner_must_be_a_regisseur_of_the_controller(make_user, owner, other_organisation):
    with pytest.raises(ValidationError) as caught:
        refer(owner, make_user(role=PROCESREGISSEUR, organisation=other_organisation), controller=owner.organisation)
    assert "owner" in caught.value.message_dict


def test_conferences_agreements_and_their_updates(owner, other_organisation):
    case = make_pga_case(owner=owner, status=pga.CASUSOVERLEG)
    conference = conference_plan(actor=owner, case=case, held_on=date(2026, 3, 2), invited=[other_organisation])
    conference_record(actor=owner, conference=conference, attending=[other_organisation],
                      minutes="Verslag met afspraken (test).")
    agreement = agreement_record(actor=owner, case=case, conference=conference, description="Schuldhulp (test)",
                                 owner_organisation=other_organisation, due_on=timezone.localdate())
    agreement_update(actor=owner, agreement=agreement, status=Agreement.Status.LATE,
                     due_on=timezone.localdate() + timedelta(days=14))
    stored = Agreement.objects.get()
    assert stored.status == "late" and stored.due_on == timezone.localdate() + timedelta(days=14)
    assert list(conference.attending.all()) == [other_organisation]
    with pytest.raises(ValidationError):
        agreement_update(actor=owner, agreement=agreement, status="vergeten")
    with pytest.raises(ValidationError):
        agreement_record(actor=owner, case=case, description=" ", owner_organisation=other_organisation,
                         due_on=timezone.localdate())
    other_case = make_pga_case(owner=owner, status=pga.CASUSOVERLEG)
    with pytest.raises(ValidationError):
        agreement_record(actor=owner, case=other_case, conference=conference, description="x",
                         owner_organisation=other_organisation, due_on=timezone.localdate())
    assert Agreement.objects.count() == 1


def test_the_plan_is_versioned_and_validated(owner, other_organisation):
    case = make_pga_case(owner=owner, status=pga.PLAN)
    goals = goals_with(other_organisation)
    first = plan_update(actor=owner, case=case, goals=goals)
    second = plan_update(actor=owner, case=case, goals=[*goals, {"leefgebied": "addiction", "goal": "Behandeling"}])
    assert (first.number, second.number) == (1, 2)
    assert PlanVersion.objects.get(pk=first.pk).goals[0]["interventions"][0]["description"] == "Betalingsregeling"
    for bad in ([], [{"leefgebied": "nergens", "goal": "x"}], [{"leefgebied": "housing", "goal": " "}]):
        with pytest.raises(ValidationError):
            plan_update(actor=owner, case=case, goals=bad)
    assert PlanVersion.objects.count() == 2
    history = events(object_type="pga.PlanVersion", action=Action.CREATE)
    assert sorted(e.reason for e in history) == ["plan version 1", "plan version 2"]


def test_escalation_is_a_flag_with_a_reason(owner):
    case = make_pga_case(owner=owner, status=pga.UITVOERING)
    with pytest.raises(ValidationError):
        escalation_set(actor=owner, case=case, escalated=True, reason="")
    escalation_set(actor=owner, case=case, escalated=True, reason="Partners komen afspraken niet na (test)")
    assert case.pga.escalated and Case.objects.get(pk=case.pk).status == pga.UITVOERING
    escalation_set(actor=owner, case=case, escalated=False, reason="")
    case.pga.refresh_from_db()
    assert not case.pga.escalated


def test_another_team_cannot_change_the_case(make_user, owner, organisation, other_organisation):
    case = make_pga_case(owner=owner, status=pga.CASUSOVERLEG)
    stranger = make_user(role=PROCESREGISSEUR, team=TeamFactory(organisation=organisation))
    with pytest.raises(PermissionDenied):
        plan_update(actor=stranger, case=case, goals=goals_with(other_organisation))
    with pytest.raises(PermissionDenied):
        conference_plan(actor=stranger, case=case, held_on=date(2026, 3, 2), invited=[])
    assert events(action=Action.ACCESS_DENIED, actor_id=str(stranger.pk)).count() == 2
    assert open_cases_for_person(user=stranger, person_id=case.person_id) == []
