"""Park files in the API: list and filters, detail per sharing category, permissions and audit."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from audit.actions import Action, Outcome
from casework.park.casetype import PROCESSING_ACTIVITY as PARK_ENFORCEMENT
from casework.park.categories import PARK_ORDERS
from encryption.pseudonyms import subject_pseudonym
from tests.auditlog import events
from tests.casework.api.conftest import api_client, current_version, share
from tests.conftest import count_queries
from tests.factories.park import make_object, make_park_case

pytestmark = pytest.mark.django_db(databases="__all__")


def test_the_owner_sees_every_part_of_the_file(handhaver, park_file, forfeited, resident):
    body = api_client(handhaver).get(f"/api/v1/park/cases/{park_file.pk}").json()
    assert body["reference"] == park_file.reference and body["via"] == "owner"
    assert body["object"]["number"] == "B-017" and body["object"]["address"] == "Recreatieweg 17, 9999 XA Demodorp"
    assert body["person"]["surname"] == resident.surname
    assert len(body["inspections"]) == 2 and body["report"]["summary"]
    [order] = body["orders"]
    assert order["object"] == str(park_file.park.object_id) and order["compliance_term_days"] == 14
    [row] = order["forfeitures"]
    assert row["limitation_date"] == forfeited.limitation_date.isoformat()
    assert row["warning"] in ("three_months", "one_month") and row["state"] == "open"
    assert body["tolerance_decisions"] == []


def test_a_detail_read_records_one_event_per_subject(handhaver, park_file, forfeited, resident):
    api_client(handhaver).get(f"/api/v1/park/cases/{park_file.pk}")
    read = events(action=Action.VIEW, object_type="park.ParkFile", case_id=str(park_file.pk))
    assert read.count() == 1  # the resident is the file's person and the order's addressee: one subject
    assert read.get().subject_pseudonym == subject_pseudonym(resident.pk)
    assert read.get().processing_activity == PARK_ENFORCEMENT


def test_a_partner_sees_only_the_shared_categories(handhaver, partner, partner_org, park_file, forfeited):
    share(park_file, by=handhaver, partner_org=partner_org, categories=(PARK_ORDERS,))
    body = api_client(partner).get(f"/api/v1/park/cases/{park_file.pk}").json()
    assert body["via"] == "share" and body["orders"][0]["forfeitures"]
    assert body["object"]["number"] == "B-017" and body["object"]["address"] is None
    assert body["person"] is None and body["object"]["occupants"] is None
    assert body["inspections"] is None and body["report"] is None and body["tolerance_decisions"] is None
    assert body["transitions"] == []
    refused = api_client(partner).get(f"/api/v1/park/cases/{park_file.pk}/inspections")
    assert refused.status_code == 403
    assert events(action=Action.ACCESS_DENIED, reason="action:view:park_inspections").count() == 1


def test_another_organisation_is_refused_and_recorded(outsider, park_file):
    response = api_client(outsider).get(f"/api/v1/park/cases/{park_file.pk}")
    assert response.status_code == 403 and "B-017" not in response.content.decode()
    denied = events(action=Action.ACCESS_DENIED, outcome=Outcome.DENIED, actor_id=str(outsider.pk)).get()
    assert denied.case_id == str(park_file.pk)
    assert api_client(outsider).get("/api/v1/park/cases").json()["results"] == []
    assert api_client(outsider).get("/api/v1/park/objects").json()["results"] == []


def test_a_case_of_another_type_is_not_a_park_file(regisseur):
    from tests.factories.casework import make_pga_case

    case = make_pga_case(owner=regisseur)
    assert api_client(regisseur).get(f"/api/v1/park/cases/{case.pk}").status_code == 404


def test_list_filters(handhaver, park, park_file, forfeited):
    other = make_park_case(owner=handhaver, obj=make_object(actor=handhaver, park=park, number="C-001"))
    client = api_client(handhaver)

    def references(query: str) -> set[str]:
        return {row["reference"] for row in client.get(f"/api/v1/park/cases{query}").json()["results"]}

    assert references("") == {park_file.reference, other.reference}
    assert references("?limitationWarning=true") == {park_file.reference}
    assert references("?limitationWarning=false") == {other.reference}
    assert references("?object=c-001") == {other.reference}
    assert references("?status=controle") == {other.reference}
    assert references(f"?park={park.pk}&owner=me&open=true") == {park_file.reference, other.reference}
    assert references("?kind=pitch") == set()
    listed = events(action=Action.LIST, processing_activity=PARK_ENFORCEMENT)
    assert listed.filter(case_id=str(other.pk)).exists()


def test_the_list_costs_the_same_number_of_queries_for_more_files(handhaver, park):
    client = api_client(handhaver)
    make_park_case(owner=handhaver, obj=make_object(actor=handhaver, park=park))
    client.get("/api/v1/park/cases")
    with count_queries() as one:
        assert len(client.get("/api/v1/park/cases").json()["results"]) == 1
    for _number in range(3):
        make_park_case(owner=handhaver, obj=make_object(actor=handhaver, park=park, street="Testlaan",
                                                        house_number="1", postcode="9999 XB", city="Demodorp"))
    with count_queries() as four:
        assert len(client.get("/api/v1/park/cases").json()["results"]) == 4
    assert len(four) == len(one)


def test_objects_list_shows_the_open_file_without_personal_data(handhaver, park, park_file):
    make_object(actor=handhaver, park=park, number="C-002", kind="pitch")
    body = api_client(handhaver).get(f"/api/v1/park/objects?park={park.pk}").json()["results"]
    by_number = {row["number"]: row for row in body}
    assert by_number["B-017"]["open_file"]["reference"] == park_file.reference
    assert by_number["C-002"]["open_file"] is None and by_number["C-002"]["kind"] == "pitch"
    assert all(row["address"] is None for row in body)
    only_open = api_client(handhaver).get("/api/v1/park/objects?openFile=true").json()["results"]
    assert [row["number"] for row in only_open] == ["B-017"]


def test_forfeitures_endpoint_and_the_expiry_is_refused_before_the_date(handhaver, park_file, forfeited):
    client = api_client(handhaver)
    [row] = client.get(f"/api/v1/park/cases/{park_file.pk}/forfeitures").json()
    assert row["payment_due_on"] and row["limitation_date"] == forfeited.limitation_date.isoformat()
    assert forfeited.limitation_date > timezone.localdate()
    refused = client.post(f"/api/v1/park/cases/{park_file.pk}/forfeitures/{forfeited.pk}/expired",
                          {"version": current_version(park_file)}, format="json")
    assert refused.status_code == 400
    forfeited.refresh_from_db()
    assert forfeited.state == "open"
    assert timezone.localdate() + timedelta(days=92) >= forfeited.limitation_date


def test_an_object_for_an_unknown_park_is_a_400_at_the_park_and_nothing_is_saved(handhaver, park):
    """An id in the body that names no park is bad input at that member, as every other id in a body
    (docs/adr/0010-api-rules.md); it was a 404, as if the path were wrong."""
    from casework.park.models import RecreationObject

    before = RecreationObject.objects.count()
    response = api_client(handhaver).post("/api/v1/park/objects", {
        "park": "00000000-0000-4000-8000-000000000000", "number": "T-901", "kind": "pitch"}, format="json")
    assert response.status_code == 400
    assert {error["location"] for error in response.json()["errors"]} == {"#/park"}
    assert RecreationObject.objects.count() == before
