"""casework/damocles/services/registration.py: premises found again, the procedure, its report and findings."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import FileSystemStorage

from accounts.roles import HANDHAVER, PROCESREGISSEUR, TEAMLEIDER
from audit.actions import Action, Outcome
from audit.models import AuditEvent
from casework.damocles import workflow as wf
from casework.damocles.models import DamoclesCase, Finding, PoliceReport, Premises, PremisesParty
from casework.damocles.services import premises_find, procedure_register
from casework.damocles.storage import report_files as report_storage
from casework.models import Case, Person
from encryption.pseudonyms import subject_pseudonym
from tests.conftest import raw_rows
from tests.factories.casework import TEST_BSNS, person_data
from tests.factories.damocles import make_damocles_case, premises_data, report_data

pytestmark = pytest.mark.django_db(databases="__all__")

PDF = b"%PDF-1.4\n% bestuurlijke rapportage (testbestand)\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(tmp_path, monkeypatch):
    monkeypatch.setattr(report_storage, "inner", FileSystemStorage(location=tmp_path))


def register(officer, **overrides):
    arguments = {
        "actor": officer, "controller": officer.organisation, "owner": officer,
        "premises": premises_data(number=12, addition="b", bag_id="0999010000012345"),
        "police_report": report_data(found_on=date(2026, 3, 2), document=PDF),
        "findings": [{"substance": "harddrugs", "amount": "12.5", "unit": "g"},
                     {"substance": "softdrugs", "amount": "40", "unit": "g"}],
        "main_person": person_data(bsn=TEST_BSNS[0]),
        "parties": [{"person": person_data(), "role": "tenant", "since": date(2024, 1, 1)}],
    }
    arguments.update(overrides)
    return procedure_register(**arguments)


def test_a_police_report_becomes_a_procedure_with_its_premises_report_and_findings(officer):
    case = register(officer)
    assert case.case_type == "damocles" and case.status == wf.RAPPORTAGE_ONTVANGEN
    assert case.reference.startswith("DAM-")
    details = DamoclesCase.objects.get(case=case)
    premises = details.premises
    assert (premises.street, premises.house_number, premises.house_number_addition, premises.postcode) == (
        "Teststraat", "12", "b", "9999 XX")
    assert premises.data_key_id != case.data_key_id and details.data_key_id == case.data_key_id
    report = PoliceReport.objects.get(case=case)
    assert report.found_on == date(2026, 3, 2) and report.ground == "sub_a" and report.created_by == officer
    assert sorted((f.substance, str(f.amount), f.unit) for f in Finding.objects.filter(report=report)) == [
        ("harddrugs", "12.50", "g"), ("softdrugs", "40.00", "g")]
    assert report_storage.open_for(report.document.name, owner_id=report.id).read() == PDF
    assert case.person.controller == officer.organisation and case.person.bsn == TEST_BSNS[0]
    party = PremisesParty.objects.get(premises=premises)
    assert party.role == "tenant" and party.data_key_id == premises.data_key_id


def test_the_document_is_stored_sealed_and_bound_to_its_report(officer, tmp_path):
    case = register(officer)
    report = PoliceReport.objects.get(case=case)
    raw = (tmp_path / report.document.name).read_bytes()
    assert raw.startswith(b"ZVF1") and b"bestuurlijke rapportage" not in raw
    with pytest.raises(Exception, match="another row"):
        report_storage.open_for(report.document.name, owner_id=case.pk)


def test_registration_writes_audit_events_with_the_case_and_subject(officer):
    case = register(officer)
    events = AuditEvent.objects.using("audit").filter(case_id=str(case.pk), action=Action.CREATE)
    types = set(events.values_list("object_type", flat=True))
    assert {"casework.Case", "damocles.DamoclesCase", "damocles.PoliceReport"} <= types
    assert set(events.values_list("processing_activity", flat=True)) == {"damocles"}
    assert events.filter(object_type="damocles.DamoclesCase").get().subject_pseudonym == subject_pseudonym(
        case.person_id)
    for event in events:
        assert "Teststraat" not in event.reason and TEST_BSNS[0] not in event.reason


@pytest.mark.parametrize("spelling", [
    {"postcode": "9999xx", "house_number_addition": "B"},
    {"postcode": " 9999 XX ", "house_number_addition": "b"},
    {"postcode": "9999 XX", "house_number_addition": "b", "street": "Teststr."},  # found by address
])
def test_the_same_premises_is_found_again_by_normalised_address(officer, spelling):
    first = register(officer, premises=premises_data(number=12, addition="b"))
    again = make_damocles_case(owner=officer, premises={**premises_data(number=12), **spelling})
    assert again.damocles.premises_id == first.damocles.premises_id
    assert Premises.objects.count() == 1


def test_the_same_premises_is_found_again_by_bag_id_and_another_addition_is_another_premises(officer):
    first = register(officer)
    by_bag = make_damocles_case(owner=officer, premises=premises_data(number=99, bag_id="0999010000012345"))
    without_addition = make_damocles_case(owner=officer, premises=premises_data(number=12))
    other_addition = make_damocles_case(owner=officer, premises=premises_data(number=12, addition="c"))
    assert by_bag.damocles.premises_id == first.damocles.premises_id
    ids = {first.damocles.premises_id, without_addition.damocles.premises_id, other_addition.damocles.premises_id}
    assert len(ids) == 3
    # an address without an addition is found again too (the blind index has no addition part)
    assert premises_find(postcode="9999XX", house_number="12").pk == without_addition.damocles.premises_id


def test_an_existing_premises_can_be_passed_and_the_owner_can_be_a_person(officer):
    owner_person = person_data(bsn=TEST_BSNS[1])
    case = register(officer, premises={**premises_data(number=3), "owner_entity_name": "", "owner_kvk": "",
                                       "owner_person": owner_person})
    premises = case.damocles.premises
    assert premises.owner_person.bsn == TEST_BSNS[1] and premises.owner_entity_name is None
    again = register(officer, premises=premises, main_person=None, parties=[])
    assert again.damocles.premises_id == premises.pk and again.person is None


@pytest.mark.parametrize(("overrides", "field"), [
    ({"findings": []}, "findings"),
    ({"findings": [{"substance": "softdrugs", "amount": "10", "unit": "plants"}]}, "findings"),
    ({"findings": [{"substance": "harddrugs", "amount": "0", "unit": "g"}]}, "findings"),
    ({"findings": [{"substance": "harddrugs", "amount": "veel", "unit": "g"}]}, "findings"),
    ({"findings": [{"substance": "cocaine", "amount": "1", "unit": "g"}]}, "findings"),
    ({"premises": {**premises_data(), "postcode": "99999"}}, "postcode"),
    ({"premises": {**premises_data(), "kind": "kasteel"}}, "kind"),
    ({"premises": {**premises_data(), "bag_id": "12"}}, "bag_id"),
    ({"premises": {**premises_data(), "owner_kvk": "1234"}}, "owner_kvk"),
    ({"police_report": {**report_data(found_on=date(2026, 3, 2)), "received_on": date(2026, 3, 1)}}, "found_on"),
    ({"police_report": {**report_data(found_on=date(2026, 3, 2)), "ground": "sub_c"}}, "ground"),
    ({"police_report": {**report_data(found_on=date(2026, 3, 2)), "found_on": None}}, "found_on"),
    ({"parties": [{"person": person_data(), "role": "buurman"}]}, "parties"),
])
def test_bad_input_is_refused_with_a_message_and_nothing_is_saved(officer, overrides, field):
    with pytest.raises(ValidationError) as error:
        register(officer, **overrides)
    assert field in error.value.message_dict
    assert Case.objects.count() == 0 and Premises.objects.count() == 0 and PoliceReport.objects.count() == 0
    assert Person.objects.count() == 0


def test_the_owner_must_be_an_enforcement_officer_of_the_controller(officer, make_user, other_organisation):
    for owner in (make_user(role=PROCESREGISSEUR), make_user(role=HANDHAVER, organisation=other_organisation)):
        with pytest.raises(ValidationError) as error:
            register(officer, owner=owner)
        assert "owner" in error.value.message_dict
    assert Case.objects.count() == 0


@pytest.mark.parametrize("who", ["procesregisseur", "other_org_handhaver", "teamleider"])
def test_only_enforcement_officers_of_the_controller_register(officer, make_user, other_organisation, who):
    actor = {
        "procesregisseur": lambda: make_user(role=PROCESREGISSEUR),
        "other_org_handhaver": lambda: make_user(role=HANDHAVER, organisation=other_organisation),
        "teamleider": lambda: make_user(role=TEAMLEIDER),
    }[who]()
    with pytest.raises(PermissionDenied):
        register(officer, actor=actor)
    assert Case.objects.count() == 0 and Premises.objects.count() == 0
    denied = AuditEvent.objects.using("audit").get(action=Action.ACCESS_DENIED)
    assert denied.outcome == Outcome.DENIED and denied.actor_id == str(actor.pk)
    assert denied.reason == "action:register" and denied.processing_activity == "damocles"


def test_live_and_history_rows_hold_ciphertext_only(officer):
    register(officer, premises={**premises_data(number=12), "street": "Geheimstraat", "notes": "Geheime notitie"},
             police_report={**report_data(found_on=date(2026, 3, 2)), "summary": "Geheime samenvatting",
                            "police_reference": "PL-GEHEIM-1"})
    for model in (Premises, Premises.history.model, PoliceReport, PoliceReport.history.model, DamoclesCase,
                  DamoclesCase.history.model, PremisesParty.history.model):
        rows = raw_rows(model)
        assert rows, model
        for row in rows:
            for secret in ("Geheimstraat", "Geheime notitie", "Geheime samenvatting", "PL-GEHEIM-1", "9999 XX",
                           "Testverhuur", "99999999"):
                assert secret not in row, (model, secret)
