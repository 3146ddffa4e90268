"""casework/park/services/residence.py against the fake BRP: the residents now and the residence history of a
period stored as encrypted, dated evidence on the object (and the inspection), the occupants' BRP status set from
it, and nothing stored when the BRP fails or refuses."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from casework.park.models import BrpStatus, Occupant, ResidenceCheck
from casework.park.services import occupant_register
from casework.park.services.residence import residence_check, residence_evidence
from tests.auditlog import event_list
from tests.brpfake import HOUSEHOLD_OBJECT
from tests.factories.park import inspect, make_object, make_park_case, make_person

pytestmark = pytest.mark.django_db(databases="__all__")
PERIOD = {"date_from": date(2000, 1, 1), "date_to": date(2010, 1, 1)}


@pytest.fixture
def obj(officer):
    return make_object(actor=officer, street="Turfmarkt", house_number="45", postcode="2511CA", city="Den Haag",
                       bag_id="0518200000583553", bag_object_id=HOUSEHOLD_OBJECT, address_verified=True)


def _occupant(officer, obj, bsn):
    return occupant_register(actor=officer, object=obj, person=make_person(officer, bsn=bsn))


def test_the_check_stores_encrypted_dated_evidence_and_sets_the_occupants_brp_status(officer, obj, brp):
    registered = _occupant(officer, obj, "999999849")  # lives there per the BRP
    elsewhere = _occupant(officer, obj, "999993653")  # not registered at this object
    check = residence_check(actor=officer, object=obj, **PERIOD)
    evidence = residence_evidence(check)
    assert sorted(p["bsn"] for p in evidence["residents"]) == ["999999837", "999999849", "999999850"]
    assert [(p["from"], p["to"], len(p["residents"])) for p in evidence["residences"]] == [
        ("2000-01-01", "2006-06-10", 2), ("2006-06-10", "2010-01-01", 3)]
    assert (check.period_from, check.period_to, check.checked_by) == (date(2000, 1, 1), date(2010, 1, 1), officer)
    with connection.cursor() as cursor:
        cursor.execute("SELECT answer FROM park_residencecheck")
        (raw,) = cursor.fetchone()
    assert b"Doodewaard" not in bytes(raw) and b"999999849" not in bytes(raw)
    today = timezone.localdate()
    registered.refresh_from_db()
    elsewhere.refresh_from_db()
    assert (registered.brp_status, registered.brp_checked_on) == (BrpStatus.REGISTERED, today)
    assert (elsewhere.brp_status, elsewhere.brp_checked_on) == (BrpStatus.NOT_REGISTERED, today)
    calls = event_list(object_type="brp.Persoon")
    assert [(e.action, e.processing_activity) for e in calls] == [("search", "park-enforcement")] * 2


def test_a_check_during_an_inspection_names_it_and_adds_the_brp_to_its_sources(officer, obj, brp):
    case = make_park_case(owner=officer, obj=obj)
    inspection = inspect(case, by=officer, on=date(2026, 1, 5), sources=["observation"])
    check = residence_check(actor=officer, object=obj, inspection=inspection, **PERIOD)
    inspection.refresh_from_db()
    assert check.inspection == inspection and inspection.sources == ["observation", "brp"]


@pytest.mark.parametrize("mode", ["error", "forbidden", "slow"])
def test_a_failing_brp_stores_nothing_and_changes_no_occupant(officer, obj, brp, settings, mode):
    settings.BRP_READ_TIMEOUT, settings.BRP_RETRIES = 0.2, 0
    brp.mode, brp.delay = mode, 0.5
    occupant = _occupant(officer, obj, "999999849")
    with pytest.raises(ValidationError) as failed:
        residence_check(actor=officer, object=obj, **PERIOD)
    assert "BRP" in str(failed.value.messages[0])
    assert ResidenceCheck.objects.count() == 0
    assert Occupant.objects.get(pk=occupant.pk).brp_status == BrpStatus.UNKNOWN


def test_an_address_typed_by_hand_is_not_searched_in_the_brp(officer, brp):
    typed = make_object(actor=officer, street="Turfmarkt", house_number="45", postcode="2511CA", city="Den Haag")
    with pytest.raises(ValidationError):
        residence_check(actor=officer, object=typed, **PERIOD)
    assert brp.received == [] and ResidenceCheck.objects.count() == 0


def test_a_bad_period_is_refused_before_sending(officer, obj, brp):
    with pytest.raises(ValidationError):
        residence_check(actor=officer, object=obj, date_from=date(2010, 1, 1), date_to=date(2000, 1, 1))
    assert brp.received == []


def test_only_the_parks_officers_may_check_and_a_partner_is_refused_before_sending(officer, obj, brp, partner):
    with pytest.raises(PermissionDenied):
        residence_check(actor=partner, object=obj, **PERIOD)
    assert brp.received == [] and ResidenceCheck.objects.count() == 0
    (refused,) = event_list(action="access_denied", object_type="park.Park")
    assert refused.reason == "action:residence_check"
