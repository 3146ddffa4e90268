"""casework/park/services/tolerance.py and tolerance.py: personal tolerance decisions block an order
against that person only."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from accounts.roles import HANDHAVER
from audit.actions import Action
from audit.models import AuditEvent
from casework.park.models import PenaltyOrder, ToleranceDecision, TolerancePolicy
from casework.park.services import (
    occupant_leave,
    occupant_register,
    order_impose,
    policy_in_force,
    tolerance_end,
    tolerance_grant,
    tolerances_in_force,
)
from encryption.pseudonyms import subject_pseudonym
from tests.factories.park import approve, draft_order, make_park_case, make_person, to_intention

pytestmark = pytest.mark.django_db(databases="__all__")


@pytest.fixture
def resident(officer):
    return make_person(officer)


@pytest.fixture
def intended(officer, resident):
    """A file at the intention stage for an object where `resident` has lived since 1998."""
    case = make_park_case(owner=officer, person=resident)
    occupant_register(actor=officer, object=case.park.object, person=resident, brp_status="registered",
                      brp_checked_on=date(2024, 10, 1), since=date(1998, 6, 1))
    return to_intention(case, by=officer)


def grant(officer, case, person, **kwargs):
    arguments = {"resident_since": date(1998, 6, 1), "granted_on": date(2024, 1, 15)}
    arguments.update(kwargs)
    return tolerance_grant(actor=officer, object=case.park.object, person=person, **arguments)


def test_the_national_reference_date_is_seeded_as_data():
    policy = policy_in_force(date(2025, 1, 1))
    assert policy.reference_date == date(2003, 10, 31)
    TolerancePolicy.objects.create(name="Gemeentelijke peildatum (test)", effective_from=date(2025, 6, 1),
                                   reference_date=date(2005, 1, 1))
    assert policy_in_force(date(2025, 5, 31)).reference_date == date(2003, 10, 31)
    assert policy_in_force(date(2025, 6, 1)).reference_date == date(2005, 1, 1)


def test_a_decision_records_the_policy_and_reference_date_it_used(officer, intended, resident):
    decision = grant(officer, intended, resident)
    assert decision.reference_date == date(2003, 10, 31) and decision.policy == policy_in_force(date(2024, 1, 15))
    assert decision.in_force and decision.data_key_id == intended.park.object.data_key_id
    event = AuditEvent.objects.using("audit").get(object_type="park.ToleranceDecision")
    assert event.action == Action.CREATE and event.subject_pseudonym == subject_pseudonym(resident.pk)


def test_the_notes_are_bounded_when_granted_and_when_ended(officer, lead, intended, resident):
    """ADR 0035: a decision's notes are at most 5,000 characters, in the service; one past is a field error and
    nothing is written (no decision, no end)."""
    with pytest.raises(ValidationError) as refused:
        grant(officer, intended, resident, notes="x" * 5_001)
    assert list(refused.value.message_dict) == ["notes"] and not ToleranceDecision.objects.exists()
    decision = grant(officer, intended, resident, notes="x" * 5_000)
    with pytest.raises(ValidationError) as refused:
        tolerance_end(actor=lead, decision=decision, ended_on=date(2024, 12, 1), end_reason="revoked",
                      notes="y" * 5_001)
    assert list(refused.value.message_dict) == ["notes"]
    decision.refresh_from_db()
    assert decision.ended_on is None and decision.notes == "x" * 5_000


def test_only_residents_from_before_the_reference_date_qualify(officer, intended, resident):
    with pytest.raises(ValidationError) as error:
        grant(officer, intended, resident, resident_since=date(2003, 10, 31))
    assert "resident_since" in error.value.message_dict
    assert ToleranceDecision.objects.count() == 0


def test_a_municipal_reference_date_applies_from_its_date_of_effect(officer, intended, resident):
    TolerancePolicy.objects.create(name="Gemeentelijke peildatum (test)", effective_from=date(2024, 1, 1),
                                   reference_date=date(2008, 1, 1))
    decision = grant(officer, intended, resident, resident_since=date(2006, 3, 1))
    assert decision.reference_date == date(2008, 1, 1)


def test_the_person_must_live_on_the_object(officer, intended):
    stranger = make_person(officer)
    with pytest.raises(ValidationError) as error:
        grant(officer, intended, stranger)
    assert "person" in error.value.message_dict


def test_a_decision_blocks_an_order_against_that_person_for_that_object(officer, intended, resident):
    grant(officer, intended, resident)
    with pytest.raises(ValidationError) as error:
        draft_order(intended, by=officer, addressees=[resident])
    assert error.value.error_dict["addressees"][0].code == "tolerated" and PenaltyOrder.objects.count() == 0


def test_it_does_not_block_an_order_against_another_person(officer, intended, resident):
    grant(officer, intended, resident)
    other = make_person(officer)
    order = draft_order(intended, by=officer, addressees=[other])
    assert list(order.addressees.all()) == [other]


def test_it_does_not_block_an_order_for_another_object(officer, lead, resident):
    tolerated = make_park_case(owner=officer, person=resident)
    occupant_register(actor=officer, object=tolerated.park.object, person=resident, since=date(1998, 6, 1))
    grant(officer, tolerated, resident)
    elsewhere = to_intention(make_park_case(owner=officer, person=resident), by=officer)
    order = approve(draft_order(elsewhere, by=officer, addressees=[resident]), lead=lead)
    assert order_impose(actor=officer, order=order, reason="test", decided_on=date(2025, 1, 6)).state == "imposed"


def test_it_does_not_block_after_it_ended(officer, lead, intended, resident):
    decision = grant(officer, intended, resident)
    tolerance_end(actor=lead, decision=decision, ended_on=date(2024, 12, 1), end_reason="revoked")
    assert not tolerances_in_force(object=intended.park.object, persons=[resident], on=date(2025, 1, 6)).exists()
    assert tolerances_in_force(object=intended.park.object, persons=[resident], on=date(2024, 11, 30)).exists()
    order = approve(draft_order(intended, by=officer, addressees=[resident]), lead=lead)
    assert order_impose(actor=officer, order=order, reason="test", decided_on=date(2025, 1, 6)).state == "imposed"


def test_a_decision_granted_after_the_approval_still_blocks_imposing(officer, lead, intended, resident):
    order = approve(draft_order(intended, by=officer, addressees=[resident]), lead=lead)
    grant(officer, intended, resident, granted_on=date(2024, 12, 1))
    with pytest.raises(ValidationError) as error:
        order_impose(actor=officer, order=order, reason="test", decided_on=date(2025, 1, 6))
    assert error.value.error_dict["addressees"][0].code == "tolerated"
    order.refresh_from_db()
    intended.refresh_from_db()
    assert order.state == PenaltyOrder.State.DRAFT and intended.status == "voornemen"


def test_it_ends_when_the_person_leaves_and_is_not_transferable(officer, intended, resident):
    decision = grant(officer, intended, resident)
    occupant = intended.park.object.occupants.get(person=resident)
    occupant_leave(actor=officer, occupant=occupant, left_on=date(2025, 3, 1))
    decision.refresh_from_db()
    assert decision.ended_on == date(2025, 3, 1) and decision.end_reason == "person_left"
    newcomer = make_person(officer)
    occupant_register(actor=officer, object=intended.park.object, person=newcomer, since=date(2025, 3, 2))
    with pytest.raises(ValidationError):
        grant(officer, intended, newcomer, resident_since=date(2025, 3, 2), granted_on=date(2025, 3, 5))


def test_one_decision_in_force_per_person_and_object_also_in_the_database(officer, intended, resident):
    decision = grant(officer, intended, resident)
    with pytest.raises(ValidationError):
        grant(officer, intended, resident)
    copy = ToleranceDecision(object=decision.object, data_key_id=decision.data_key_id, person=resident,
                             policy=decision.policy, reference_date=decision.reference_date,
                             resident_since=decision.resident_since, granted_on=decision.granted_on,
                             created_by=officer)
    copy._change_reason = "test"
    with pytest.raises(IntegrityError), transaction.atomic():
        copy.save()


def test_ending_needs_a_reason_and_others_are_refused_and_audited(officer, intended, resident, make_user,
                                                                  other_organisation):
    decision = grant(officer, intended, resident)
    with pytest.raises(ValidationError) as error:
        tolerance_end(actor=officer, decision=decision, ended_on=date(2025, 1, 1), end_reason="")
    assert "end_reason" in error.value.message_dict
    intruder = make_user(role=HANDHAVER, organisation=other_organisation)
    with pytest.raises(PermissionDenied):
        tolerance_end(actor=intruder, decision=decision, ended_on=date(2025, 1, 1), end_reason="revoked")
    assert AuditEvent.objects.using("audit").filter(action=Action.ACCESS_DENIED, actor_id=str(intruder.pk),
                                                    reason="action:tolerance_end").exists()
    decision.refresh_from_db()
    assert decision.in_force


def test_a_second_departure_or_ending_read_before_the_first_is_refused_not_overwritten(officer, lead, intended,
                                                                                        resident):
    """Two officers who opened the same page: the one-way change is read again under a row lock (ADR 0017), so the
    second is refused and the first date stays (before, the second silently overwrote it)."""
    from casework.park.models import Occupant

    decision = grant(officer, intended, resident)
    stale_decision = ToleranceDecision.objects.get(pk=decision.pk)
    tolerance_end(actor=lead, decision=decision, ended_on=date(2024, 12, 1), end_reason="revoked")
    with pytest.raises(ValidationError):
        tolerance_end(actor=officer, decision=stale_decision, ended_on=date(2025, 2, 1), end_reason="revoked")
    assert ToleranceDecision.objects.get(pk=decision.pk).ended_on == date(2024, 12, 1)

    occupant = intended.park.object.occupants.get(person=resident)
    stale_occupant = Occupant.objects.get(pk=occupant.pk)
    occupant_leave(actor=officer, occupant=occupant, left_on=date(2025, 3, 1))
    with pytest.raises(ValidationError):
        occupant_leave(actor=officer, occupant=stale_occupant, left_on=date(2025, 4, 1))
    assert Occupant.objects.get(pk=occupant.pk).left_on == date(2025, 3, 1)
