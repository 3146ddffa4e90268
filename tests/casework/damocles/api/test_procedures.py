"""Damocles procedures in the API: register, list (filters, one event per case in one insert),
detail with every part for the owner (one view event per person disclosed), bad input refused
with nothing half-saved, schema still valid."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from casework.damocles import workflow as wf
from casework.damocles.models import DamoclesCase, Finding, PoliceReport, Premises
from casework.models import Case, Person
from encryption.pseudonyms import subject_pseudonym
from tests.auditlog import events
from tests.casework.api.conftest import api_client
from tests.conftest import count_queries
from tests.factories.casework import make_pga_case
from tests.factories.damocles import assess, make_damocles_case, premises_data, step

pytestmark = pytest.mark.django_db(databases="__all__")


def payload(**overrides) -> dict:
    body = {
        "premises": {"kind": "woning", "street": "Teststraat", "house_number": "12", "postcode": "9999xx",
                     "city": "Demodorp", "owner_entity_name": "Testverhuur B.V.", "owner_kvk": "99999999"},
        "police_report": {"received_on": "2026-03-05", "found_on": "2026-03-02", "ground": "sub_a",
                          "police_reference": "PL-TEST-0001", "summary": "Testrapportage: handelsvoorraad."},
        "findings": [{"substance": "softdrugs", "amount": "45.00", "unit": "g"}],
        "main_person": {"first_names": "Testan", "surname": "Testpersoon Bewoner", "bsn": "999990020"},
        "parties": [{"role": "tenant", "person": {"surname": "Testpersoon Huurder", "bsn": "999990032"}}],
    }
    body.update(overrides)
    return body


def test_register_a_procedure_and_read_it_back(handhaver):
    client = api_client(handhaver)
    response = client.post("/api/v1/damocles/cases", payload(), format="json")
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["reference"].startswith("DAM-") and created["status"] == wf.RAPPORTAGE_ONTVANGEN
    assert created["earlier_procedures"] == 0
    case = Case.objects.get(pk=created["id"])
    assert case.case_type == "damocles" and case.owner == handhaver
    assert case.damocles.premises.postcode == "9999 XX"  # normalised by the service
    assert response["Location"].endswith(f"/api/v1/damocles/cases/{case.pk}")

    body = client.get(f"/api/v1/damocles/cases/{case.pk}").json()
    assert body["premises"]["address"] == "Teststraat 12, 9999 XX Demodorp"
    assert body["premises"]["owner"]["entity_name"] == "Testverhuur B.V."
    assert [p["person"]["surname"] for p in body["premises"]["parties"]] == ["Testpersoon Huurder"]
    assert body["person"]["surname"] == "Testpersoon Bewoner"
    [report] = body["police_reports"]
    assert report["ground"] == "sub_a" and report["police_reference"] == "PL-TEST-0001"
    assert report["findings"] == [{"substance": "softdrugs", "amount": "45.00", "unit": "g"}]
    assert body["assessment"]["chosen_sanction"] == "" and body["decision"]["deciding_authority"] == "burgemeester"
    assert body["remedies"] == {"announcements": [], "objections": [], "interim_reliefs": [], "appeals": []}
    assert body["letters"] == [] and body["version"] == case.version
    assert [t["to"] for t in body["available_transitions"]] == [wf.BEOORDELING]

    # A second report at the same address lands on the same premises and sees the first procedure.
    again = client.post("/api/v1/damocles/cases", payload(main_person=None, parties=[]), format="json").json()
    assert again["premises"] == created["premises"] and again["earlier_procedures"] == 1


def test_detail_records_one_view_event_per_person_disclosed(handhaver):
    client = api_client(handhaver)
    case = Case.objects.get(pk=client.post("/api/v1/damocles/cases", payload(), format="json").json()["id"])
    tenant = case.damocles.premises.parties.get().person_id
    before = events(action="view").count()
    client.get(f"/api/v1/damocles/cases/{case.pk}")
    viewed = events(action="view").order_by("sequence")[before:]
    assert {e.subject_pseudonym for e in viewed} == {subject_pseudonym(case.person_id), subject_pseudonym(tenant)}
    assert all(e.case_id == str(case.pk) and e.processing_activity == "damocles" for e in viewed)


@pytest.mark.parametrize("change, field", [
    ({"premises": {"kind": "woning", "street": "Teststraat", "house_number": "1", "postcode": "99XX",
                   "city": "Demodorp"}}, "postcode"),
    ({"findings": [{"substance": "ghb", "amount": "10", "unit": "g"}]}, "findings"),
    ({"findings": []}, "findings"),
    ({"police_report": {"received_on": "2026-03-01", "found_on": "2026-03-02", "ground": "sub_a"}}, "found_on"),
    ({"main_person": {"surname": "Testpersoon", "bsn": "123456789"}}, "bsn"),
])
def test_bad_input_is_refused_and_nothing_is_saved(handhaver, change, field):
    response = api_client(handhaver).post("/api/v1/damocles/cases", payload(**change), format="json")
    assert response.status_code == 400, response.content
    assert field in str(response.json())
    for model in (Case, DamoclesCase, Premises, PoliceReport, Finding, Person):
        assert model.objects.count() == 0, model


def test_only_enforcement_officers_register(regisseur):
    response = api_client(regisseur).post("/api/v1/damocles/cases", payload(), format="json")
    assert response.status_code == 403
    assert events(action="access_denied", actor_id=str(regisseur.pk)).count() == 1
    assert Case.objects.count() == 0


def test_list_filters_and_one_list_event_per_procedure(handhaver, other_org_handhaver, other_team_lead):
    today = timezone.localdate()
    dwelling = make_damocles_case(owner=handhaver, premises=premises_data(kind="woning"))
    shop = make_damocles_case(owner=handhaver, premises=premises_data(kind="lokaal"))
    late = make_damocles_case(owner=handhaver, premises=premises_data(kind="woning"), found_on=today - timedelta(40),
                              findings=[{"substance": "softdrugs", "amount": "45", "unit": "g"}])
    step(late, wf.BEOORDELING, by=handhaver)
    assess(late, by=handhaver)
    step(late, wf.VOORNEMEN_VERZONDEN, by=handhaver,
         signatory="A. Testambtenaar (test)", intention_sent_on=today - timedelta(days=30))
    make_damocles_case(owner=other_org_handhaver)  # never listed for handhaver
    client = api_client(handhaver)

    def refs(query: str) -> set[str]:
        response = client.get(f"/api/v1/damocles/cases{query}")
        assert response.status_code == 200
        return {row["reference"] for row in response.json()["results"]}

    everything = {dwelling.reference, shop.reference, late.reference}
    assert refs("") == everything
    assert refs("?kind=lokaal") == {shop.reference}
    assert refs(f"?status={wf.VOORNEMEN_VERZONDEN}") == {late.reference}
    assert refs("?overdue=true") == {late.reference}
    assert refs("?overdue=false") == {dwelling.reference, shop.reference}
    assert refs(f"?reference={shop.reference}") == {shop.reference}
    assert refs("?open=false") == set()
    before = events(action="list").count()
    rows = client.get("/api/v1/damocles/cases?kind=woning").json()["results"]
    listed = events(action="list").order_by("sequence")[before:]
    assert sorted(e.case_id for e in listed) == sorted(r["id"] for r in rows)
    assert all(e.processing_activity == "damocles" for e in listed)
    assert len({e.sequence for e in listed}) == 2
    assert rows[0]["premises"]["address"].startswith("Teststraat")
    # The team lead of the controller supervises every procedure of the organisation.
    assert {r["reference"] for r in api_client(other_team_lead).get("/api/v1/damocles/cases").json()["results"]} == everything  # noqa: E501
    assert api_client(other_org_handhaver).get("/api/v1/damocles/cases").json()["count"] == 1


def test_list_query_count_does_not_grow_with_the_page(handhaver):
    client = api_client(handhaver)
    make_damocles_case(owner=handhaver)
    client.get("/api/v1/damocles/cases")  # warm caches (roles, sessions)
    with count_queries() as small:
        client.get("/api/v1/damocles/cases")
    for _ in range(4):
        make_damocles_case(owner=handhaver)
    with count_queries() as large:
        assert len(client.get("/api/v1/damocles/cases").json()["results"]) == 5
    assert len(large) == len(small)


def test_schema_lists_the_damocles_paths_and_validates(tmp_path, handhaver):
    paths = api_client(handhaver).get("/api/v1/schema?format=json").json()["paths"]
    for path in ("/damocles/cases", "/damocles/cases/{case_id}", "/damocles/cases/{case_id}/transitions",
                 "/damocles/cases/{case_id}/assessment", "/damocles/cases/{case_id}/announcements",
                 "/damocles/cases/{case_id}/objections/{objection_id}",
                 "/damocles/cases/{case_id}/approvals/{approval_id}/decision"):
        assert path in paths, path
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))


def test_a_pga_case_is_not_a_procedure(regisseur, other_team_lead):
    pga_case = make_pga_case(owner=regisseur)
    assert api_client(other_team_lead).get(f"/api/v1/damocles/cases/{pga_case.pk}").status_code == 404
    assert pga_case.reference not in str(api_client(other_team_lead).get("/api/v1/damocles/cases").json())
