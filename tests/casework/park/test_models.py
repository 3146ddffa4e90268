"""casework/park/models/: the invariants the database keeps even when code forgets."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from casework.park.models import (
    CollectionRequest,
    Forfeiture,
    Inspection,
    InspectionSource,
    Occupant,
    PenaltyOrder,
    RecreationObject,
    ToleranceDecision,
)
from casework.park.services import occupant_register, tolerance_grant
from encryption.exceptions import UnsealedValueError
from tests.factories.park import (
    draft_order,
    forfeit,
    inspect,
    make_object,
    make_park_case,
    make_person,
    to_intention,
    walk_to_order,
)

pytestmark = pytest.mark.django_db(databases="__all__")


def refused(queryset, **values):
    with pytest.raises(IntegrityError), transaction.atomic():
        queryset.update(**values)


def test_order_figures_are_kept_by_the_database(officer):
    case = to_intention(make_park_case(owner=officer, person=make_person(officer)), by=officer)
    order = draft_order(case, by=officer)
    rows = PenaltyOrder.objects.filter(pk=order.pk)
    refused(rows, amount=Decimal("0"))
    refused(rows, maximum=Decimal("100"))  # below the amount of 500
    refused(rows, time_unit="")  # per time unit without a unit
    refused(rows, penalty_form="lump_sum")  # a lump sum with a time unit
    refused(rows, state="imposed")  # imposed without a decision date
    order.refresh_from_db()
    assert order.amount == Decimal("500.00") and order.state == PenaltyOrder.State.DRAFT


def test_object_numbers_are_unique_per_park_and_an_owner_is_a_person_or_an_entity(officer):
    first = make_object(actor=officer, number="A-1", owner_entity="Testrecreatie B.V.")
    make_object(actor=officer, park=first.park, number="A-2")
    refused(RecreationObject.objects.filter(number="A-2"), number="A-1")
    refused(RecreationObject.objects.filter(pk=first.pk), owner_person=make_person(officer))


def test_an_encrypted_column_refuses_plaintext_written_around_the_field(officer):
    obj = make_object(actor=officer, street="Parkweg", house_number="1", postcode="9999 XX")
    for raw in ("Parkweg", b"Parkweg"):
        with pytest.raises((UnsealedValueError, IntegrityError)), transaction.atomic():
            RecreationObject.objects.filter(pk=obj.pk).update(street=raw)
    obj.refresh_from_db()
    assert obj.street == "Parkweg"


def test_inspection_compliance_needs_an_order(officer):
    inspection = inspect(make_park_case(owner=officer), by=officer, on=date(2024, 11, 4))
    refused(Inspection.objects.filter(pk=inspection.pk), compliant=True)


def test_occupant_and_tolerance_dates_are_kept(officer):
    case = make_park_case(owner=officer)
    person = make_person(officer)
    occupant = occupant_register(actor=officer, object=case.park.object, person=person, since=date(1999, 1, 1))
    refused(Occupant.objects.filter(pk=occupant.pk), left_on=date(1998, 1, 1))
    decision = tolerance_grant(actor=officer, object=case.park.object, person=person, resident_since=date(1999, 1, 1),
                               granted_on=date(2024, 1, 1))
    rows = ToleranceDecision.objects.filter(pk=decision.pk)
    refused(rows, resident_since=date(2004, 1, 1))  # after the reference date it used
    refused(rows, ended_on=date(2025, 1, 1))  # ended without a reason


def test_forfeiture_and_request_rows_are_kept(officer, lead):
    order = walk_to_order(make_park_case(owner=officer, person=make_person(officer)), by=officer, lead=lead)
    forfeiture = forfeit(order, by=officer, on=date(2025, 2, 3))
    refused(Forfeiture.objects.filter(pk=forfeiture.pk), payment_due_on=date(2025, 2, 3))
    from casework.park.services import collection_request_record

    request = collection_request_record(actor=officer, order=order, requested_on=date(2025, 3, 1),
                                        requester_person=order.case.person)
    rows = CollectionRequest.objects.filter(pk=request.pk)
    refused(rows, requester_person=None)
    refused(rows, state="rejected")  # decided without a date


def test_an_inspection_names_its_sources_by_their_labels_not_their_codes():
    inspection = Inspection(sources=[InspectionSource.LICENCE_PLATES, InspectionSource.BRP, "retired_code"])
    assert inspection.source_labels == ["Kentekens", "BRP (basisregistratie personen)", "retired_code"]
