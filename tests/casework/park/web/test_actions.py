"""The park action pages: open a file, inspections, the order with its four-eyes approval and
imposition, remedies, forfeitures and collection, and the object dossier's occupants and tolerance
decisions. Happy paths, refusals (audited), and bad input that leaves nothing half-saved."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from casework.models import Approval, Case, Person
from casework.park import workflow as wf
from casework.park.models import (
    Forfeiture,
    Inspection,
    Occupant,
    PenaltyOrder,
    ToleranceDecision,
)
from casework.park.services import occupant_register
from casework.remedies.models import Announcement, Objection
from casework.remedies.selectors import about
from tests.auditlog import events
from tests.casework.park.web.support import FIGURES, file_with_forfeiture, park_url
from tests.casework.support import case_url
from tests.casework.versions_support import version_of as v
from tests.factories.files import PNG
from tests.factories.park import (
    approve,
    draft_order,
    make_object,
    make_park_case,
    make_person,
    reinspect,
    to_intention,
)

pytestmark = pytest.mark.django_db(databases="__all__")
TODAY = timezone.localdate


def order_post(person, **overrides):
    data = {"addressees": [str(person.pk)], "remedy": "Beëindig de permanente bewoning van chalet B-017 (test).",
            "compliance_term_days": "28", "penalty_form": "per_time_unit", "amount": "250.00", "time_unit": "week",
            "maximum": "2500.00"}
    data.update(overrides)
    return data


def test_open_a_file_for_a_named_object(client, login, handhaver, regisseur, park):
    obj = make_object(actor=handhaver, park=park, number="B-017")
    login(client, handhaver)
    assert client.get(park_url("file_open")).status_code == 200
    response = client.post(park_url("file_open"), {"reason": ""})
    assert response.status_code == 400 and not Case.objects.filter(case_type="park").exists()
    response = client.post(park_url("file_open"), {"object": str(obj.pk), "reason": "Melding permanente bewoning"})
    case = Case.objects.get(case_type="park")
    assert response.status_code == 302 and response["Location"] == case_url(case)
    assert case.park.object == obj and case.status == wf.CONTROLE and case.owner == handhaver
    login(client, regisseur)
    assert client.get(park_url("file_open")).status_code == 403


def test_inspection_page_records_an_inspection_and_refuses_bad_input(client, login, handhaver, park):
    case = make_park_case(owner=handhaver, obj=make_object(actor=handhaver, park=park))
    url = park_url("inspection_create", case)
    login(client, handhaver)
    assert client.get(url).status_code == 200
    bad = client.post(url, {"inspected_on": TODAY().isoformat(), "officers": [str(handhaver.pk)],
                            "findings": "Auto aanwezig (test)."})
    assert bad.status_code == 400 and "sources" in bad.context["form"].errors
    future = client.post(url, {"inspected_on": (TODAY() + timedelta(days=1)).isoformat(), "sources": ["brp"],
                               "officers": [str(handhaver.pk)], "findings": "Auto aanwezig (test)."})
    assert future.status_code == 400 and "inspected_on" in future.context["form"].errors
    assert not Inspection.objects.exists()
    good = client.post(url, {"inspected_on": TODAY().isoformat(), "sources": ["brp", "licence_plates"],
                             "officers": [str(handhaver.pk)], "findings": "Auto dagelijks aanwezig (test).",
                             "drugs_found": "on"})
    assert good.status_code == 302
    inspection = Inspection.objects.get(case=case)
    assert inspection.sources == ["brp", "licence_plates"] and inspection.drugs_found
    assert "Auto dagelijks aanwezig (test)." in client.get(case_url(case)).content.decode()


def test_order_drafted_approved_by_a_lead_and_imposed_through_the_step(client, login, handhaver, lead, park):
    person = make_person(handhaver)
    case = make_park_case(owner=handhaver, obj=make_object(actor=handhaver, park=park), person=person)
    to_intention(case, by=handhaver)
    url = park_url("order_create", case)
    login(client, handhaver)
    assert client.get(url).status_code == 200
    missing_term = client.post(url, order_post(person, compliance_term_days=""))
    assert missing_term.status_code == 400 and "compliance_term_days" in missing_term.context["form"].errors
    no_unit = client.post(url, order_post(person, time_unit=""))
    assert no_unit.status_code == 400 and "time_unit" in no_unit.context["form"].errors
    assert not PenaltyOrder.objects.exists() and not Approval.objects.exists()
    assert client.post(url, order_post(person)).status_code == 302
    order = PenaltyOrder.objects.get(case=case)
    assert order.state == PenaltyOrder.State.DRAFT and order.object == case.park.object
    decide_url = park_url("order_approval_decide", case, approval_id=order.approval_id)
    assert client.get(decide_url).status_code == 403  # the requester may not approve (four eyes)
    assert events(action="access_denied", case_id=str(case.pk)).exists()
    login(client, lead)
    assert client.get(decide_url).status_code == 200
    assert client.post(decide_url, {**v(case), "decision": "approve", "reason": ""}).status_code == 302
    login(client, handhaver)
    step_url = park_url("step", case, target=wf.LAST_ONDER_DWANGSOM)
    assert client.get(step_url).status_code == 200
    response = client.post(step_url, {"reason": "Last opgelegd (test)", **v(case),
                                      "decided_on": TODAY().isoformat()})
    assert response.status_code == 302
    order.refresh_from_db()
    case.refresh_from_db()
    assert order.state == PenaltyOrder.State.IMPOSED and order.decided_on == TODAY()
    assert case.status == wf.LAST_ONDER_DWANGSOM
    # the generic step URL sends park steps to the park step page
    generic = client.get(f"/cases/{case.pk}/transition/{wf.HERCONTROLE}/")
    assert generic.status_code == 302 and generic["Location"] == park_url("step", case, target=wf.HERCONTROLE)


def test_a_tolerance_decision_blocks_an_order_against_that_person(client, login, handhaver, park):
    person = make_person(handhaver, surname="Testbewoner-Gedoogd")
    obj = make_object(actor=handhaver, park=park)
    occupant_register(actor=handhaver, object=obj, person=person, brp_status="registered",
                      brp_checked_on=TODAY() - timedelta(days=3), since=TODAY().replace(year=2001))
    login(client, handhaver)
    tolerance_url = park_url("tolerance_create", object_id=obj.pk)
    assert client.get(tolerance_url).status_code == 200
    response = client.post(tolerance_url, {"person": str(person.pk), "resident_since": "2001-05-01",
                                           "granted_on": (TODAY() - timedelta(days=1)).isoformat()})
    assert response.status_code == 302
    decision = ToleranceDecision.objects.get(object=obj, person=person)
    case = make_park_case(owner=handhaver, obj=obj, person=person)
    to_intention(case, by=handhaver)
    refused = client.post(park_url("order_create", case), order_post(person))
    assert refused.status_code == 400
    assert not PenaltyOrder.objects.filter(case=case).exists()
    end_url = park_url("tolerance_end", object_id=obj.pk, decision_id=decision.pk)
    assert client.post(end_url, {"ended_on": TODAY().isoformat(), "end_reason": "revoked"}).status_code == 302
    assert client.post(park_url("order_create", case), order_post(person)).status_code == 302


def test_occupant_page_leaves_no_person_behind_on_bad_input(client, login, handhaver, other_org_handhaver, park):
    obj = make_object(actor=handhaver, park=park)
    url = park_url("occupant_create", object_id=obj.pk)
    login(client, handhaver)
    persons = Person.objects.count()
    bad = client.post(url, {"first_names": "Testine", "surname": "Testbewoner-Half", "date_of_birth": "1970-01-01",
                            "brp_status": "registered", "brp_checked_on": ""})
    assert bad.status_code == 400 and "brp_checked_on" in bad.context["form"].errors
    assert Person.objects.count() == persons and not Occupant.objects.exists()
    good = client.post(url, {"first_names": "Testine", "surname": "Testbewoner-Heel", "date_of_birth": "1970-01-01",
                             "brp_status": "overnight_register", "brp_checked_on": TODAY().isoformat()})
    assert good.status_code == 302
    occupant = Occupant.objects.get(object=obj)
    assert occupant.brp_status == "overnight_register"
    leave_url = park_url("occupant_leave", object_id=obj.pk, occupant_id=occupant.pk)
    assert client.post(leave_url, {"left_on": TODAY().isoformat()}).status_code == 302
    login(client, other_org_handhaver)
    assert client.get(url).status_code == 403
    assert events(action="access_denied", object_id=str(park.pk), reason="action:occupant_register").exists()


def test_remedies_forfeitures_and_collection_through_the_pages(client, login, handhaver, lead, park):
    case, order, forfeiture = file_with_forfeiture(handhaver, lead, park=park, limitation_in_days=65)
    addressee = order.addressees.get()
    login(client, handhaver)
    html = client.get(case_url(case)).content.decode()
    assert park_url("forfeiture_create", case) in html and park_url("collection_decision_create", case) in html
    # The order was announced before its penalty could be forfeited (the compliance term runs from
    # the announcement); a second announcement to the same addressee is refused on the page.
    announcement = Announcement.objects.get(about(order))
    announced_on = announcement.announced_on
    assert client.post(park_url("announcement_create", case), {
        "order": str(order.pk), "addressee": str(addressee.pk), "method": "registered_post",
        "announced_on": (announced_on + timedelta(days=1)).isoformat()}).status_code == 400
    assert Announcement.objects.filter(about(order)).count() == 1
    assert client.post(park_url("objection_create", case), {
        "announcement": str(announcement.pk), "received_on": (announced_on + timedelta(days=10)).isoformat(),
    }).status_code == 302
    objection = Objection.objects.get(case=case)
    update_url = park_url("objection_update", case, row_id=objection.pk)
    assert client.get(update_url).status_code == 200
    assert events(action="view", object_type="remedies.Objection", object_id=str(objection.pk)).exists()
    # a second forfeiture: the page needs a re-inspection that found no compliance
    basis = reinspect(order, by=handhaver, on=TODAY() - timedelta(days=2), compliant=False)
    bad = client.post(park_url("forfeiture_create", case), {"order": str(order.pk), "basis": str(basis.pk),
                                                              "forfeited_on": "", "amount": "-5"})
    assert bad.status_code == 400 and {"forfeited_on", "amount"} <= set(bad.context["form"].errors)
    assert Forfeiture.objects.filter(case=case).count() == 1
    assert client.post(park_url("forfeiture_create", case), {
        "order": str(order.pk), "basis": str(basis.pk), "forfeited_on": basis.inspected_on.isoformat(),
        "amount": "500.00"}).status_code == 302
    second = Forfeiture.objects.filter(case=case).latest("forfeited_on")
    assert second.limitation_date is None and second.limitation_paused_since is not None  # objection open
    expire = client.post(park_url("forfeiture_expire", case, row_id=forfeiture.pk), {**v(case), "confirm": "on"})
    assert expire.status_code == 400  # not before the limitation date
    forfeiture.refresh_from_db()
    assert forfeiture.state == Forfeiture.State.OPEN
    assert client.post(park_url("payment_create", case), {
        "forfeiture": str(second.pk), "paid_on": TODAY().isoformat(), "amount": "500.00"}).status_code == 302


def test_another_organisation_cannot_use_the_action_pages(client, login, handhaver, lead, other_org_handhaver, park):
    case, order, forfeiture = file_with_forfeiture(handhaver, lead, park=park)
    login(client, other_org_handhaver)
    for url in (park_url("forfeiture_create", case), park_url("payment_create", case),
                park_url("step", case, target=wf.HERCONTROLE),
                park_url("forfeiture_expire", case, row_id=forfeiture.pk)):
        assert client.get(url).status_code == 403, url
    assert events(action="access_denied", case_id=str(case.pk)).count() == 4


def test_draft_fixture_figures_match(handhaver, lead, park):
    """Guard for the test data itself: an approved draft with these figures can be imposed."""
    case = make_park_case(owner=handhaver, obj=make_object(actor=handhaver, park=park))
    to_intention(case, by=handhaver)
    order = approve(draft_order(case, by=handhaver, **FIGURES), lead=lead)
    assert order.approval.decision == Approval.Decision.APPROVED


def test_inspection_page_uploads_a_photo_sealed_and_rejects_other_files(client, login, handhaver, park):
    from django.core.files.uploadedfile import SimpleUploadedFile

    case = make_park_case(owner=handhaver, obj=make_object(actor=handhaver, park=park))
    url = park_url("inspection_create", case)
    base = {"inspected_on": TODAY().isoformat(), "sources": ["observation"], "officers": [str(handhaver.pk)],
            "findings": "Foto gemaakt (test)."}
    login(client, handhaver)
    text_file = SimpleUploadedFile("notitie.txt", b"geen foto", content_type="text/plain")
    bad = client.post(url, {**base, "photo": text_file})
    assert bad.status_code == 400 and not Inspection.objects.exists()
    photo = SimpleUploadedFile("auto.png", PNG, content_type="image/png")
    assert client.post(url, {**base, "photo": photo, "photo_caption": "Auto bij chalet"}).status_code == 302
    stored = Inspection.objects.get(case=case).photos.get()
    assert stored.caption == "Auto bij chalet"
    assert b"\x89PNG" not in stored.file.storage.inner.open(stored.file.name, "rb").read()  # sealed at rest


def test_collection_follow_ups_through_the_pages(client, login, handhaver, lead, park):
    case, order, forfeiture = file_with_forfeiture(handhaver, lead, park=park, limitation_in_days=65)
    login(client, handhaver)
    assert client.post(park_url("collection_request_create", case), {
        "order": str(order.pk), "requester_name": "Testverhuur B.V.",
        "requested_on": (TODAY() - timedelta(days=3)).isoformat()}).status_code == 302
    request = order.collection_requests.get()
    html = client.get(case_url(case)).content.decode()
    decide_url = park_url("collection_request_decide", case, row_id=request.pk)
    assert decide_url in html and park_url("forfeiture_waive", case, row_id=forfeiture.pk) in html
    decided = client.post(decide_url, {**v(case), "state": "rejected", "decided_on": TODAY().isoformat()})
    assert decided.status_code == 302
    request.refresh_from_db()
    assert request.state == "rejected"
    assert client.post(park_url("forfeiture_waive", case, row_id=forfeiture.pk), v(case)).status_code == 302
    forfeiture.refresh_from_db()
    assert forfeiture.state == Forfeiture.State.WAIVED


def test_dashboard_deadlines_include_park_terms_with_their_basis(handhaver, lead, park):
    from casework.selectors import deadlines_due

    case, _order, forfeiture = file_with_forfeiture(handhaver, lead, park=park, limitation_in_days=10)
    found = deadlines_due(user=handhaver, until=TODAY() + timedelta(days=14), today=TODAY())
    limitation = [d for d in found if d.kind == "park_limitation_date"]
    assert [(d.case.pk, d.due_on, d.legal_basis) for d in limitation] == [
        (case.pk, forfeiture.limitation_date, "Awb 5:35, 5:37a")]


def test_register_an_object_and_refuse_a_duplicate_number(client, login, handhaver, park):
    from casework.park.models import RecreationObject

    login(client, handhaver)
    url = park_url("object_create")
    data = {"park": str(park.pk), "number": "b-017", "kind": "chalet", "street": "Recreatielaan",
            "house_number": "17", "postcode": "9999 XX", "city": "Demodorp", "owner_entity": "Testverhuur B.V."}
    response = client.post(url, data)
    obj = RecreationObject.objects.get(park=park)
    assert response.status_code == 302 and obj.number == "B-017" and obj.street == "Recreatielaan"
    again = client.post(url, {**data, "street": "Anders"})
    assert again.status_code == 400 and RecreationObject.objects.filter(park=park).count() == 1
    no_kind = client.post(url, {**data, "number": "B-018", "kind": ""})
    assert no_kind.status_code == 400 and "kind" in no_kind.context["form"].errors
