"""casework/park/services/objects.py, files.py and orders.py: objects, files,
inspections, the four-eyes penalty order; permissions, audit and atomicity."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import IntegrityError, transaction

from accounts.roles import HANDHAVER, PROCESREGISSEUR, TEAMLEIDER
from audit.actions import Action, Outcome
from audit.models import AuditEvent
from casework.approvals import approval_decide
from casework.models import Approval, Case
from casework.park import workflow as wf
from casework.park.models import (
    Inspection,
    InspectionPhoto,
    Occupant,
    ParkFile,
    PenaltyOrder,
    RecreationObject,
)
from casework.park.selectors.objects import object_find
from casework.park.services import (
    inspection_photo_add,
    inspection_record,
    object_register,
    occupant_register,
    order_impose,
    order_request_approval,
    park_file_open,
)
from casework.park.storage import photo_files
from encryption.pseudonyms import subject_pseudonym
from tests.conftest import raw_rows
from tests.factories.files import JPEG
from tests.factories.park import (
    REMEDY,
    approve,
    draft_order,
    inspect,
    make_object,
    make_park,
    make_park_case,
    make_person,
    to_intention,
    walk_to_order,
)

pytestmark = pytest.mark.django_db(databases="__all__")


@pytest.fixture(autouse=True)
def media(tmp_path, monkeypatch):
    monkeypatch.setattr(photo_files, "inner", FileSystemStorage(location=tmp_path))


@pytest.fixture
def intended(officer):
    case = make_park_case(owner=officer, person=make_person(officer))
    return to_intention(case, by=officer)


def _denied(actor, reason: str | None = None):
    events = AuditEvent.objects.using("audit").filter(action=Action.ACCESS_DENIED, actor_id=str(actor.pk),
                                                      outcome=Outcome.DENIED)
    return events.filter(reason=reason) if reason else events


# --- objects ------------------------------------------------------------------------------------

def test_an_object_is_its_own_dossier_found_by_number_bag_id_or_address(officer):
    park = make_park(officer.organisation, name="Rhederlaagse Meren (test)")
    obj = object_register(actor=officer, park=park, number="b-017", kind="chalet", street="Parkweg",
                          house_number="17", postcode="9999xx", city="Demodorp", bag_id="0999010000017017",
                          owner_entity="Testrecreatie B.V.")
    assert obj.number == "B-017" and obj.postcode == "9999 XX" and obj.data_key_id
    assert object_find(park=park, number="B-017") == obj
    assert object_find(park=park, bag_id="0999010000017017") == obj
    assert object_find(park=park, postcode="9999 XX", house_number="17") == obj
    assert object_find(park=park, postcode="9999 XX", house_number="17", addition="a") is None
    assert RecreationObject.history.filter(id=obj.pk).get().history_change_reason == \
        "recreation object registered (chalet)"


def test_an_object_number_is_unique_per_park_and_bad_input_saves_nothing(officer):
    park = make_park(officer.organisation)
    object_register(actor=officer, park=park, number="A-1", kind="pitch")
    with pytest.raises(ValidationError) as error:
        object_register(actor=officer, park=park, number="A-1", kind="nonsense", postcode="12", bag_id="12")
    assert {"number", "kind", "postcode", "bag_id"} <= set(error.value.message_dict)
    assert RecreationObject.objects.count() == 1


def test_only_officers_of_the_parks_organisation_register_objects(officer, make_user, other_organisation):
    park = make_park(officer.organisation)
    for actor in (make_user(role=HANDHAVER, organisation=other_organisation), make_user(role=PROCESREGISSEUR)):
        with pytest.raises(PermissionDenied):
            object_register(actor=actor, park=park, number="X-1", kind="chalet")
        assert _denied(actor, "action:object_register").exists()
    assert RecreationObject.objects.count() == 0


def test_occupants_carry_their_brp_status_and_date(officer):
    obj = make_object(actor=officer)
    person = make_person(officer)
    with pytest.raises(ValidationError) as error:
        occupant_register(actor=officer, object=obj, person=person, brp_status="registered")
    assert "brp_checked_on" in error.value.message_dict and Occupant.objects.count() == 0
    occupant = occupant_register(actor=officer, object=obj, person=person, brp_status="overnight_register",
                                 brp_checked_on=date(2025, 1, 2), since=date(2001, 5, 1))
    again = occupant_register(actor=officer, object=obj, person=person, brp_status="registered",
                              brp_checked_on=date(2025, 2, 1))
    assert again.pk == occupant.pk and again.brp_status == "registered" and again.since == date(2001, 5, 1)
    event = AuditEvent.objects.using("audit").filter(object_type="park.Occupant").last()
    assert event.subject_pseudonym == subject_pseudonym(person.pk)


# --- files and inspections ----------------------------------------------------------------------

def test_a_file_names_one_object_and_an_object_has_one_open_file(officer):
    obj = make_object(actor=officer)
    case = park_file_open(actor=officer, object=obj, person=make_person(officer))
    assert case.reference.startswith("PRK-") and case.status == wf.CONTROLE
    assert ParkFile.objects.get(case=case).object == obj and case.park.data_key_id == case.data_key_id
    with pytest.raises(ValidationError) as error:
        park_file_open(actor=officer, object=obj)
    assert "object" in error.value.message_dict and Case.objects.count() == 1


def test_the_file_cannot_exist_without_an_object_in_the_database(officer):
    case = make_park_case(owner=officer)
    with pytest.raises(IntegrityError), transaction.atomic():
        ParkFile.objects.filter(case=case).update(object=None)


def test_an_inspection_with_photos_is_sealed_and_bound_to_its_row(officer, tmp_path):
    case = make_park_case(owner=officer)
    inspection = inspect(case, by=officer, on=date(2024, 11, 4), drugs_found=True,
                         photos=[(JPEG, "image/jpeg", "Geheime fotobeschrijving")])
    photo = InspectionPhoto.objects.get(inspection=inspection)
    raw = (tmp_path / photo.file.name).read_bytes()
    assert raw.startswith(b"ZVF1") and b"Synthetic Camera" not in raw
    stored = photo_files.open_for(photo.file.name, owner_id=photo.pk).read()
    assert stored.startswith(b"\xff\xd8\xff") and b"Synthetic Camera" not in stored  # re-encoded, no EXIF
    assert list(inspection.officers.all()) == [officer] and inspection.sources == ["brp", "observation"]
    assert inspection.drugs_found and inspection.object == case.park.object


@pytest.mark.parametrize(("overrides", "field"), [
    ({"sources": []}, "sources"),
    ({"sources": ["gossip"]}, "sources"),
    ({"findings": "  "}, "findings"),
    ({"officers": []}, "officers"),
    ({"photos": [(b"GIF89a", "image/gif", "")]}, "photos"),
    ({"photos": [(JPEG, "image/jpeg", "x" * 301)]}, "caption"),
    ({"compliant": True}, "compliant"),
])
def test_a_bad_inspection_saves_nothing(officer, overrides, field):
    case = make_park_case(owner=officer)
    with pytest.raises(ValidationError) as error:
        inspect(case, by=officer, on=date(2024, 11, 4), **overrides)
    assert field in error.value.message_dict
    assert Inspection.objects.count() == 0 and InspectionPhoto.objects.count() == 0


def test_a_photo_added_later_with_a_caption_past_its_column_is_refused(officer):
    inspection = inspect(make_park_case(owner=officer), by=officer, on=date(2024, 11, 4))
    with pytest.raises(ValidationError) as error:
        inspection_photo_add(actor=officer, inspection=inspection, content=JPEG, content_type="image/jpeg",
                             caption="x" * 301)
    assert list(error.value.message_dict) == ["caption"] and not InspectionPhoto.objects.exists()
    assert inspection_photo_add(actor=officer, inspection=inspection, content=JPEG, content_type="image/jpeg",
                                caption="x" * 300).caption == "x" * 300


def test_a_file_opened_with_a_reason_past_its_bound_writes_nothing_and_leaves_no_key(officer):
    """`case_create` bounds the first step's reason (5,000 characters) before it makes the case's data key."""
    from encryption.models import DataKey

    obj = make_object(actor=officer)
    before = (Case.objects.count(), DataKey.objects.count())
    with pytest.raises(ValidationError) as error:
        park_file_open(actor=officer, object=obj, reason="x" * 5_001)
    assert list(error.value.message_dict) == ["reason"]
    assert (Case.objects.count(), DataKey.objects.count()) == before
    assert park_file_open(actor=officer, object=obj, reason="x" * 5_000).status == wf.CONTROLE


def test_others_cannot_record_an_inspection_and_are_audited(officer, make_user, other_organisation):
    case = make_park_case(owner=officer)
    for actor in (make_user(role=HANDHAVER), make_user(role=HANDHAVER, organisation=other_organisation),
                  make_user(role=TEAMLEIDER)):
        with pytest.raises(PermissionDenied):
            inspection_record(actor=actor, case=case, inspected_on=date(2024, 11, 4), officers=[actor],
                              sources=["brp"], findings="x")
        assert _denied(actor).filter(case_id=str(case.pk)).exists()
    assert Inspection.objects.count() == 0


# --- the order ----------------------------------------------------------------------------------

def test_the_order_is_drafted_and_sent_for_four_eyes_approval(intended, officer):
    order = draft_order(intended, by=officer)
    assert order.state == PenaltyOrder.State.DRAFT and order.object == intended.park.object
    assert order.approval.decision == Approval.Decision.PENDING and order.approval.requested_by == officer
    assert order.approval.payload["compliance_term_days"] == 14 and order.approval.payload["maximum"] == "5000.00"


def test_an_orders_remedy_and_an_objects_notes_are_bounded_in_their_services(intended, officer):
    """ADR 0035: the service bounds its own free text (5,000 characters), below the forms', the API's and the
    storage's ceiling of 50,000; one past is a field error and nothing is written, at the bound it is accepted."""
    with pytest.raises(ValidationError) as refused:
        draft_order(intended, by=officer, remedy="x" * 5_001)
    assert list(refused.value.message_dict) == ["remedy"]
    assert not PenaltyOrder.objects.filter(case=intended).exists() and not Approval.objects.filter(case=intended)
    objects_before = RecreationObject.objects.count()
    with pytest.raises(ValidationError) as refused:
        make_object(actor=officer, park=intended.park.object.park, notes="x" * 5_001)
    assert list(refused.value.message_dict) == ["notes"] and RecreationObject.objects.count() == objects_before
    assert draft_order(intended, by=officer, remedy="x" * 5_000).remedy == "x" * 5_000
    assert make_object(actor=officer, park=intended.park.object.park, notes="x" * 5_000).notes == "x" * 5_000


def test_the_requester_cannot_approve_their_own_order(intended, officer, lead):
    order = draft_order(intended, by=officer)
    with pytest.raises(PermissionDenied):
        approval_decide(approval=order.approval, approver=officer, approve=True, reason="")
    assert _denied(officer, "action:approve").exists()
    with pytest.raises(ValidationError) as error:
        order_impose(actor=officer, order=order, reason="test", decided_on=date(2025, 1, 6))
    assert error.value.code == "not_approved"
    order.refresh_from_db()
    intended.refresh_from_db()
    assert order.state == PenaltyOrder.State.DRAFT and intended.status == wf.VOORNEMEN


def test_a_rejected_order_is_not_imposed_and_a_new_draft_replaces_it(intended, officer, lead):
    order = draft_order(intended, by=officer)
    approval_decide(approval=order.approval, approver=lead, approve=False, reason="Bedrag te hoog (test)")
    with pytest.raises(ValidationError):
        order_impose(actor=officer, order=order, reason="test")
    second = draft_order(intended, by=officer, amount="250")
    order.refresh_from_db()
    assert order.state == PenaltyOrder.State.REVOKED and second.state == PenaltyOrder.State.DRAFT


def test_an_order_changed_after_its_approval_needs_a_new_one(intended, officer, lead):
    order = approve(draft_order(intended, by=officer), lead=lead)
    PenaltyOrder.objects.filter(pk=order.pk).update(maximum=Decimal("9000"))  # e.g. edited afterwards
    with pytest.raises(ValidationError) as error:
        order_impose(actor=officer, order=order, reason="test")
    assert error.value.code == "approval_stale"


def test_no_order_without_a_named_object_service(intended, officer):
    other = make_object(actor=officer, park=intended.park.object.park)
    with pytest.raises(ValidationError) as error:
        draft_order(intended, by=officer, object=other)
    assert "object" in error.value.message_dict
    intended.park.object = None
    with pytest.raises(ValidationError) as error:
        order_request_approval(actor=officer, case=intended, addressees=[intended.person], remedy=REMEDY,
                               compliance_term_days=14, penalty_form="lump_sum", amount="1000", maximum="1000")
    assert error.value.error_dict["object"][0].code == "no_object"
    assert PenaltyOrder.objects.count() == 0 and Approval.objects.count() == 0


def test_no_order_without_a_named_object_database(intended, officer):
    order = draft_order(intended, by=officer)
    with pytest.raises(IntegrityError), transaction.atomic():
        PenaltyOrder.objects.filter(pk=order.pk).update(object=None)


@pytest.mark.parametrize(("overrides", "field"), [
    ({"compliance_term_days": 0}, "compliance_term_days"),
    ({"compliance_term_days": None}, "compliance_term_days"),
    ({"compliance_term_days": "twee weken"}, "compliance_term_days"),
    ({"penalty_form": "fine"}, "penalty_form"),
    ({"time_unit": ""}, "time_unit"),
    ({"penalty_form": "lump_sum", "time_unit": "week"}, "time_unit"),
    ({"amount": "-5"}, "amount"),
    ({"maximum": "100"}, "maximum"),
    ({"remedy": ""}, "remedy"),
    ({"addressees": []}, "addressees"),
])
def test_a_bad_order_is_refused_and_nothing_is_saved(intended, officer, overrides, field):
    with pytest.raises(ValidationError) as error:
        draft_order(intended, by=officer, **overrides)
    assert field in error.value.message_dict
    assert PenaltyOrder.objects.count() == 0 and Approval.objects.count() == 0


def test_the_compliance_term_is_mandatory_in_the_database_too(intended, officer):
    order = draft_order(intended, by=officer)
    with pytest.raises(IntegrityError), transaction.atomic():
        PenaltyOrder.objects.filter(pk=order.pk).update(compliance_term_days=0)


def test_the_order_needs_the_intention_first(officer):
    case = make_park_case(owner=officer, person=make_person(officer))
    with pytest.raises(ValidationError) as error:
        draft_order(case, by=officer)
    assert error.value.code == "wrong_status"


def test_an_addressee_of_another_organisation_is_refused(intended, officer, make_user, other_organisation):
    stranger = make_person(make_user(role=HANDHAVER, organisation=other_organisation))
    with pytest.raises(ValidationError) as error:
        draft_order(intended, by=officer, addressees=[stranger])
    assert "addressees" in error.value.message_dict


def test_others_cannot_draft_or_impose_and_are_audited(intended, officer, lead, make_user, other_organisation):
    for actor in (make_user(role=HANDHAVER), make_user(role=HANDHAVER, organisation=other_organisation)):
        with pytest.raises(PermissionDenied):
            draft_order(intended, by=actor, addressees=[intended.person])
        assert _denied(actor).filter(case_id=str(intended.pk)).exists()
    order = approve(draft_order(intended, by=officer), lead=lead)
    intruder = make_user(role=HANDHAVER, organisation=other_organisation)
    with pytest.raises(PermissionDenied):
        order_impose(actor=intruder, order=order, reason="test")
    order.refresh_from_db()
    assert order.state == PenaltyOrder.State.DRAFT and _denied(intruder).exists()


def test_imposing_writes_history_and_audit_events_with_structured_reasons(officer, lead):
    case = make_park_case(owner=officer, person=make_person(officer))
    order = walk_to_order(case, by=officer, lead=lead)
    reasons = list(PenaltyOrder.history.filter(id=order.pk).values_list("history_change_reason", flat=True))
    assert "order drafted (per_time_unit, term 14 days)" in reasons
    assert f"order imposed (approval {order.approval_id})" in reasons
    events = AuditEvent.objects.using("audit").filter(object_type="park.PenaltyOrder", case_id=str(case.pk))
    assert events.filter(action=Action.CREATE).exists() and events.filter(action=Action.UPDATE).count() >= 2
    assert all(event.subject_pseudonym == subject_pseudonym(case.person_id) for event in events)
    assert AuditEvent.objects.using("audit").filter(action=Action.APPROVE, case_id=str(case.pk)).exists()


def test_live_and_history_rows_hold_ciphertext_only(officer, lead):
    park = make_park(officer.organisation)
    obj = object_register(actor=officer, park=park, number="C-9", kind="chalet", street="Geheimlaan",
                          house_number="9", postcode="9999 XX", city="Geheimdorp", bag_id="0999010000099999",
                          owner_entity="Geheim Vastgoed B.V.", notes="Geheime objectnotitie")
    case = make_park_case(owner=officer, obj=obj, person=make_person(officer))
    inspect(case, by=officer, on=date(2024, 11, 4), findings="Geheime bevinding")
    order = walk_to_order(case, by=officer, lead=lead, remedy="Geheime last")
    assert order.remedy == "Geheime last"
    secrets = ("Geheimlaan", "9999 XX", "Geheimdorp", "0999010000099999", "Geheim Vastgoed", "Geheime objectnotitie",
               "Geheime bevinding", "Geheime last", "Rapport van bevindingen")
    models = (RecreationObject, RecreationObject.history.model, Inspection, Inspection.history.model, PenaltyOrder,
              PenaltyOrder.history.model, ParkFile, ParkFile.history.model)
    for model in models:
        rows = raw_rows(model)
        assert rows, model
        for row in rows:
            for secret in secrets:
                assert secret not in row, (model, secret)
