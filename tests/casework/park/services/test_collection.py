"""casework/park/services/collection.py and services/tracks.py: forfeitures, collection, payments, remedies."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connections, transaction

from audit.actions import Action
from audit.models import AuditEvent
from casework.park.models import (
    CollectionDecision,
    CollectionRequest,
    Forfeiture,
    LimitationEvent,
    Payment,
)
from casework.park.services import (
    announcement_register,
    collection_decision_record,
    collection_intention_record,
    collection_intention_view,
    collection_request_record,
    forfeiture_record,
    limitation_event_record,
    objection_register,
    objection_update,
    payment_record,
)
from casework.remedies.models import Announcement, Objection
from tests.factories.park import forfeit, make_park_case, make_person, reinspect, walk_to_order

pytestmark = pytest.mark.django_db(databases="__all__")


def make_order(officer, lead, **kwargs):
    case = make_park_case(owner=officer, person=make_person(officer))
    return walk_to_order(case, by=officer, lead=lead, decided_on=date(2025, 1, 6), **kwargs)


@pytest.fixture
def order(officer, lead):
    return make_order(officer, lead)


def test_no_forfeiture_before_the_compliance_term_ended(order, officer):
    basis = reinspect(order, by=officer, on=date(2025, 1, 20), compliant=False)
    with pytest.raises(ValidationError) as error:
        forfeiture_record(actor=officer, order=order, basis=basis, forfeited_on=date(2025, 1, 20))
    assert "forfeited_on" in error.value.message_dict and Forfeiture.objects.count() == 0


def test_the_basis_must_be_a_reinspection_that_found_no_compliance(order, officer):
    basis = reinspect(order, by=officer, on=date(2025, 2, 3), compliant=False)
    basis.compliant = True  # not saved: the service reads the row as given
    with pytest.raises(ValidationError) as error:
        forfeiture_record(actor=officer, order=order, basis=basis, forfeited_on=date(2025, 2, 3))
    assert "basis" in error.value.message_dict


def test_per_time_unit_amounts_are_whole_units_and_the_total_never_exceeds_the_maximum(order, officer):
    basis = reinspect(order, by=officer, on=date(2025, 3, 3), compliant=False)
    with pytest.raises(ValidationError) as error:
        forfeiture_record(actor=officer, order=order, basis=basis, forfeited_on=date(2025, 2, 3), amount="750")
    assert "amount" in error.value.message_dict
    forfeiture_record(actor=officer, order=order, basis=basis, forfeited_on=date(2025, 2, 3), amount="4500")
    with pytest.raises(ValidationError) as error:
        forfeiture_record(actor=officer, order=order, basis=basis, forfeited_on=date(2025, 2, 10), amount="1000")
    assert "amount" in error.value.message_dict
    last = forfeiture_record(actor=officer, order=order, basis=basis, forfeited_on=date(2025, 2, 10))
    assert last.amount == Decimal("500")
    with pytest.raises(ValidationError) as error:
        forfeiture_record(actor=officer, order=order, basis=basis, forfeited_on=date(2025, 2, 17))
    assert error.value.error_dict["amount"][0].code == "maximum_reached"
    assert sum(f.amount for f in Forfeiture.objects.all()) == Decimal("5000")


def test_a_lump_sum_is_forfeited_once(officer, lead):
    order = make_order(officer, lead, penalty_form="lump_sum", time_unit="", amount="2500", maximum="2500")
    forfeit(order, by=officer, on=date(2025, 2, 3))
    with pytest.raises(ValidationError):
        forfeit(order, by=officer, on=date(2025, 3, 3))
    assert Forfeiture.objects.count() == 1


def test_no_forfeiture_after_compliance(order, officer):
    reinspect(order, by=officer, on=date(2025, 2, 3), compliant=True)
    order.refresh_from_db()
    with pytest.raises(ValidationError):
        forfeit(order, by=officer, on=date(2025, 2, 3))


def test_a_forfeiture_amount_must_be_positive_in_the_database(order, officer):
    forfeiture = forfeit(order, by=officer, on=date(2025, 2, 3))
    with pytest.raises(IntegrityError), transaction.atomic():
        Forfeiture.objects.filter(pk=forfeiture.pk).update(amount=Decimal("0"))


def test_payments_settle_a_forfeiture_paid_or_collected(order, officer):
    first = forfeit(order, by=officer, on=date(2025, 2, 3))
    second = forfeit(order, by=officer, on=date(2025, 2, 10))
    payment_record(actor=officer, forfeiture=first, paid_on=date(2025, 3, 1), amount="200")
    with pytest.raises(ValidationError) as error:
        payment_record(actor=officer, forfeiture=first, paid_on=date(2025, 3, 2), amount="400")
    assert "amount" in error.value.message_dict and Payment.objects.count() == 1
    payment_record(actor=officer, forfeiture=first, paid_on=date(2025, 3, 2), amount="300")
    first.refresh_from_db()
    assert first.state == Forfeiture.State.PAID and first.closed_on == date(2025, 3, 2)
    collection_intention_record(actor=officer, order=order, forfeitures=[second], sent_on=date(2025, 3, 3))
    decision = collection_decision_record(actor=officer, order=order, forfeitures=[second],
                                          decided_on=date(2025, 4, 1), announced_on=date(2025, 4, 2))
    assert decision.amount == Decimal("500")
    payment_record(actor=officer, forfeiture=second, paid_on=date(2025, 4, 20), amount="500")
    second.refresh_from_db()
    assert second.state == Forfeiture.State.COLLECTED


def test_a_collection_decision_needs_an_intention_whose_view_term_passed(order, officer):
    forfeiture = forfeit(order, by=officer, on=date(2025, 2, 3))
    with pytest.raises(ValidationError) as error:
        collection_decision_record(actor=officer, order=order, forfeitures=[forfeiture], decided_on=date(2025, 4, 1),
                                   announced_on=date(2025, 4, 2))
    assert error.value.error_dict["forfeitures"][0].code == "no_intention"
    intention = collection_intention_record(actor=officer, order=order, forfeitures=[forfeiture],
                                            sent_on=date(2025, 3, 20))
    assert intention.view_due_on == date(2025, 4, 3)
    with pytest.raises(ValidationError):
        collection_decision_record(actor=officer, order=order, forfeitures=[forfeiture], decided_on=date(2025, 4, 1),
                                   announced_on=date(2025, 4, 2))
    assert CollectionDecision.objects.count() == 0


def test_the_collection_texts_are_bounded_in_the_service_and_nothing_is_written(order, officer):
    """The penalties component (the park's and woonoverlast's collection) bounds its free text itself (ADR 0035):
    a note or notes 5,000 characters, a view's summary 50,000, a requester's name 200. One past is a field error
    and nothing is written; at the bound it is accepted."""
    forfeiture = forfeit(order, by=officer, on=date(2025, 2, 3))
    intention = collection_intention_record(actor=officer, order=order, forfeitures=[forfeiture],
                                            sent_on=date(2025, 3, 20))
    refusals = [
        ("note", lambda text: limitation_event_record(actor=officer, order=order, kind="request_remedy",
                                                      started_on=date(2025, 5, 1), note=text), 5_000),
        ("notes", lambda text: collection_decision_record(actor=officer, order=order, forfeitures=[forfeiture],
                                                          decided_on=date(2025, 4, 10), announced_on=date(2025, 4, 11),
                                                          notes=text), 5_000),
        ("requester_name", lambda text: collection_request_record(actor=officer, order=order,
                                                                  requested_on=date(2025, 4, 1), requester_name=text),
         200),
        ("summary", lambda text: collection_intention_view(actor=officer, intention=intention,
                                                           received_on=date(2025, 3, 25), summary=text), 50_000),
    ]
    counts = (LimitationEvent.objects.count(), CollectionDecision.objects.count(), CollectionRequest.objects.count())
    for field, call, limit in refusals:
        with pytest.raises(ValidationError) as refused, transaction.atomic():
            call("x" * (limit + 1))
        assert list(refused.value.message_dict) == [field], field
    assert (LimitationEvent.objects.count(), CollectionDecision.objects.count(),
            CollectionRequest.objects.count()) == counts
    intention.refresh_from_db()
    assert intention.view_received_on is None
    assert collection_request_record(actor=officer, order=order, requested_on=date(2025, 4, 1),
                                     requester_name="x" * 200).requester_name == "x" * 200
    assert limitation_event_record(actor=officer, order=order, kind="request_remedy", started_on=date(2025, 5, 1),
                                   note="x" * 5_000).note == "x" * 5_000


def test_a_suspension_needs_a_collection_decision(order, officer):
    forfeit(order, by=officer, on=date(2025, 2, 3))
    with pytest.raises(ValidationError) as error:
        limitation_event_record(actor=officer, order=order, kind="suspension", started_on=date(2025, 5, 1))
    assert "kind" in error.value.message_dict and LimitationEvent.objects.count() == 0


def test_announcements_per_addressee_with_their_own_deadlines(officer, lead):
    case = make_park_case(owner=officer, person=make_person(officer))
    partner = make_person(officer)
    order = walk_to_order(case, by=officer, lead=lead, addressees=[case.person, partner])
    first = announcement_register(actor=officer, order=order, addressee=case.person, method="registered_post",
                                  announced_on=date(2025, 1, 7))
    second = announcement_register(actor=officer, order=order, addressee=partner, method="bailiff",
                                   announced_on=date(2025, 1, 10))
    assert (first.objection_deadline, second.objection_deadline) == (date(2025, 2, 18), date(2025, 2, 21))
    with pytest.raises(ValidationError):
        announcement_register(actor=officer, order=order, addressee=partner, method="bailiff",
                              announced_on=date(2025, 1, 11))
    stranger = make_person(officer)
    with pytest.raises(ValidationError) as error:
        announcement_register(actor=officer, order=order, addressee=stranger, method="bailiff",
                              announced_on=date(2025, 1, 11))
    assert "addressee" in error.value.message_dict
    assert Announcement.objects.count() == 2


def test_an_objection_gets_its_decision_term_and_a_decision_needs_an_outcome(order, officer):
    announcement = announcement_register(actor=officer, order=order, addressee=order.case.person,
                                         method="registered_post", announced_on=date(2025, 1, 7))
    objection = objection_register(actor=officer, announcement=announcement, received_on=date(2025, 2, 10))
    assert objection.decision_due_on == date(2025, 4, 1)  # 18 Feb + 6 weeks
    with pytest.raises(ValidationError) as error:
        objection_update(actor=officer, objection=objection, state="decided", decided_on=date(2025, 3, 20))
    assert "outcome" in error.value.message_dict
    objection.refresh_from_db()
    assert objection.state == Objection.State.RECEIVED
    with pytest.raises(ValidationError) as error:
        objection_update(actor=officer, objection=objection, extension_weeks=6)
    assert "extension_ground" in error.value.message_dict
    with pytest.raises(ValidationError) as error:  # Awb 7:10 lid 5: not without the written notice
        objection_update(actor=officer, objection=objection, extension_weeks=6, extension_ground="Geheime grond")
    assert "extension_notice_sent_on" in error.value.message_dict
    objection.refresh_from_db()
    objection_update(actor=officer, objection=objection, extension_weeks=6, extension_ground="Geheime grond",
                     extension_notice_sent_on=date(2025, 3, 2))
    objection.refresh_from_db()
    assert objection.decision_due_on == date(2025, 5, 13)
    with connections["default"].cursor() as cursor:
        cursor.execute(f'SELECT * FROM "{Objection._meta.db_table}"')  # noqa: S608 - table name from the model
        assert "Geheime grond" not in repr(cursor.fetchall())


def test_collection_steps_write_audit_events(order, officer):
    forfeiture = forfeit(order, by=officer, on=date(2025, 2, 3))
    payment_record(actor=officer, forfeiture=forfeiture, paid_on=date(2025, 3, 1), amount="500")
    events = AuditEvent.objects.using("audit").filter(case_id=str(order.case_id))
    assert events.filter(object_type="penalties.Forfeiture", action=Action.CREATE).exists()
    assert events.filter(object_type="penalties.Payment", action=Action.CREATE, reason="payment recorded").exists()
    assert events.filter(object_type="penalties.Forfeiture", action=Action.UPDATE, reason="forfeiture paid").exists()
