"""A stored BRP residence check in the inzage report (AVG 15; casework/park/inzage.py): a resident named in it
gets their own periods from it, matched by BSN — never the other residents, never the raw answer; a person the
evidence does not name gets no such row."""

from __future__ import annotations

from datetime import date

import pytest

from accounts.roles import HANDHAVER, PRIVACY_OFFICER
from casework.park.services import occupant_register
from casework.park.services.residence import residence_check
from casework.privacy import inzage
from tests.brpfake import HOUSEHOLD_OBJECT
from tests.factories.park import make_object, make_park_case, make_person

pytestmark = pytest.mark.django_db(databases="__all__")
RESIDENT, HOUSEMATES, NOT_THERE = "999999849", ("999999837", "999999850"), "999993653"


def _report(privacy, bsn):
    return inzage.inzage_report(user=privacy, persons=inzage.find_person_records(bsn=bsn), reason="request")


def _residence_items(report):
    return [item for case in report.cases for item in case.items if item.key.startswith("park.ResidenceCheck:")]


def test_a_resident_named_in_the_evidence_gets_their_own_periods_and_nobody_elses(make_user, brp):
    officer = make_user(role=HANDHAVER)
    obj = make_object(actor=officer, street="Turfmarkt", house_number="45", postcode="2511CA", city="Den Haag",
                      bag_id="0518200000583553", bag_object_id=HOUSEHOLD_OBJECT, address_verified=True)
    resident = make_person(officer, bsn=RESIDENT)
    occupant_register(actor=officer, object=obj, person=resident)
    occupant_register(actor=officer, object=obj, person=make_person(officer, bsn=NOT_THERE, surname="Nietdaar"))
    make_park_case(owner=officer, obj=obj, person=resident)
    check = residence_check(actor=officer, object=obj, date_from=date(2000, 1, 1), date_to=date(2010, 1, 1))
    privacy = make_user(role=PRIVACY_OFFICER)

    (item,) = _residence_items(_report(privacy, RESIDENT))
    assert item.key == f"park.ResidenceCheck:{check.pk}" and item.linked
    values = dict(item.values)
    assert values["Opgevraagde periode"] == "01-01-2000 – 01-01-2010"
    assert values["Op die dag op het adres ingeschreven"] == "ja"
    assert "01-01-2000 – 10-06-2006" in values["Op het adres ingeschreven"]
    everything = " ".join(v for case in _report(privacy, RESIDENT).cases for i in case.items for _l, v in i.values)
    assert not any(bsn in everything for bsn in HOUSEMATES) and '"residents"' not in everything

    assert _residence_items(_report(privacy, NOT_THERE)) == []  # an occupant the BRP does not name


def test_a_resident_named_in_the_evidence_without_a_park_file_of_their_own_gets_the_file_and_their_rows(
        make_user, brp):
    """Issue 20: a person the BRP names as resident of the object, who is no owner, occupant or main person of
    any park file, was in no case of the report; park's `inzage_links` provider links them to the object's files."""
    officer = make_user(role=HANDHAVER)
    obj = make_object(actor=officer, street="Turfmarkt", house_number="45", postcode="2511CA", city="Den Haag",
                      bag_id="0518200000583553", bag_object_id=HOUSEHOLD_OBJECT, address_verified=True)
    occupant = make_person(officer, bsn=RESIDENT)
    occupant_register(actor=officer, object=obj, person=occupant)
    park_case = make_park_case(owner=officer, obj=obj, person=occupant)
    residence_check(actor=officer, object=obj, date_from=date(2000, 1, 1), date_to=date(2010, 1, 1))
    housemate = make_person(officer, bsn=HOUSEMATES[0], surname="Huisgenoot")  # a record, linked to no park file
    privacy = make_user(role=PRIVACY_OFFICER)

    report = _report(privacy, HOUSEMATES[0])
    (case,) = report.cases
    assert case.case_id == park_case.pk and case.person_id == housemate.pk
    assert case.roles == ["bewoner volgens de BRP"]
    (item,) = _residence_items(report)
    assert dict(item.values)["Op die dag op het adres ingeschreven"] == "ja"
    everything = " ".join(value for i in case.items for _label, value in i.values)
    assert RESIDENT not in everything and HOUSEMATES[1] not in everything and '"residents"' not in everything
    # the occupant keeps their own roles; a person the evidence does not name stays without the file
    (occupant_case,) = _report(privacy, RESIDENT).cases
    assert "bewoner volgens de BRP" not in occupant_case.roles
    make_person(officer, bsn=NOT_THERE, surname="Nietdaar")
    assert _report(privacy, NOT_THERE).cases == []
