"""The rules every API response follows (docs/adr/0010-api-rules.md): no trailing slash, the
API-Version header, `Cache-Control: no-store`, errors as problem details (RFC 9457) with field
errors in `errors`, the case version on updates, one pagination style, CORS from an allowlist."""

from __future__ import annotations

import json

import pytest
from django.test import override_settings
from rest_framework import exceptions
from rest_framework.test import APIClient, APIRequestFactory

from casework.api.errors import api_exception_handler
from casework.pga.models import Agreement
from tests.casework.api.conftest import api_client, current_version
from tests.factories.casework import make_pga_case

pytestmark = pytest.mark.django_db(databases="__all__")

PROBLEM = "application/problem+json"


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM
    assert response["API-Version"] == "1.0.0"
    body = json.loads(response.content)
    assert {"type", "title", "status", "detail", "instance"} <= set(body)
    assert body["status"] == status and body["detail"] and body["instance"] == response.wsgi_request.path
    return body


def test_the_slash_form_of_a_path_is_a_404_problem_and_no_redirect(regisseur):
    client = api_client(regisseur)
    assert client.get("/api/v1/cases").status_code == 200
    body = assert_problem(client.get("/api/v1/cases/"), 404)
    assert "/api/v1/cases" in body["detail"] and body["code"] == "not_found"
    assert_problem(client.get("/api/v1/no-such-thing"), 404)


def test_every_response_carries_the_version_and_no_store(regisseur):
    client = api_client(regisseur)
    ok = client.get("/api/v1/cases")
    assert ok["API-Version"] == "1.0.0" and ok["Cache-Control"] == "no-store"
    assert set(ok.json()) == {"count", "next", "previous", "results"}  # the one pagination style
    refused = APIClient().get("/api/v1/cases")
    assert_problem(refused, 401)
    assert refused["Cache-Control"] == "no-store" and refused["WWW-Authenticate"]


def test_problem_details_for_each_error_status(regisseur):
    client = api_client(regisseur)
    case = make_pga_case(owner=regisseur)
    missing = "00000000-0000-4000-8000-000000000000"
    assert_problem(client.get(f"/api/v1/pga/cases/{missing}"), 404)  # an unknown id
    assert_problem(client.get(f"/api/v1/cases/{missing}"), 404)
    assert_problem(client.delete("/api/v1/cases"), 405)
    assert_problem(client.options(f"/api/v1/cases/{case.pk}/documents"), 405)  # no self-description (was a 500)
    assert_problem(client.post(f"/api/v1/pga/cases/{case.pk}/transitions", "to=x", content_type="text/plain"), 415)
    assert_problem(client.get("/api/v1/pga/cases?page=0"), 400)
    assert_problem(client.get("/api/v1/pga/cases?page=99"), 404)
    assert_problem(client.get(f"/api/v1/cases?page={10**20}"), 404)  # past any OFFSET a database takes (was a 500)


def test_a_404_for_an_unknown_row_says_so_in_dutch_without_naming_a_model(regisseur):
    """Django's `get_object_or_404` says "No Agreement matches the given query.": English, and the name of an
    internal model. The problem's detail is the API's own Dutch sentence (found by the API hostile sweep, 7 December
    2026: "No Inspection matches the given query." for an unknown re-inspection)."""
    client = api_client(regisseur)
    case = make_pga_case(owner=regisseur)
    missing = "00000000-0000-4000-8000-000000000000"
    response = client.patch(f"/api/v1/pga/cases/{case.pk}/agreements/{missing}",
                             {"version": current_version(case), "status": "done"}, format="json")
    body = assert_problem(response, 404)
    assert body["detail"] == "Niet gevonden: het pad of een id in het verzoek noemt niets wat u mag zien."
    assert "Agreement" not in response.content.decode() and body["code"] == "not_found"


def test_a_400_points_at_each_invalid_member(regisseur):
    body = assert_problem(api_client(regisseur).post("/api/v1/pga/cases", {"person": {"surname": ""}},
                                                     format="json"), 400)
    locations = {error["location"] for error in body["errors"]}
    assert {"#/person/surname", "#/aanleiding"} <= locations
    assert all(error["in"] == "body" and error["code"] and error["detail"] for error in body["errors"])


def test_a_deeply_nested_or_broken_body_is_a_400_not_a_500(regisseur):
    client = api_client(regisseur)
    deep = "[" * 5000 + "]" * 5000
    for raw in (deep, "{not json"):
        response = client.post("/api/v1/pga/cases", raw, content_type="application/json")
        body = assert_problem(response, 400)
        assert body["errors"][0]["in"] == "body"


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_a_body_over_the_limit_is_a_413(regisseur):
    response = api_client(regisseur).post("/api/v1/pga/cases", {"aanleiding": "x" * 2000}, format="json")
    assert assert_problem(response, 413)["code"] == "too_large"


def test_an_unexpected_error_is_a_500_problem_without_its_text(regisseur, monkeypatch):
    from casework.api.views import cases

    def explode(*args, **kwargs):
        raise RuntimeError("geheime details")

    monkeypatch.setattr(cases.CaseList, "get", explode)
    client = api_client(regisseur)
    client.raise_request_exception = False
    response = client.get("/api/v1/cases")
    assert_problem(response, 500)
    assert b"geheime" not in response.content


def test_throttled_and_conflict_map_to_problems_with_their_headers():
    request = APIRequestFactory().get("/api/v1/cases")
    throttled = api_exception_handler(exceptions.Throttled(wait=30), {"request": request})
    assert throttled.status_code == 429 and throttled["Retry-After"] == "30"
    assert throttled.data["title"] == "Too Many Requests" and throttled.content_type == PROBLEM


def test_an_update_without_or_with_a_stale_version_writes_nothing(regisseur, partner_org):
    from casework.pga.services import agreement_record
    case = make_pga_case(owner=regisseur, status="in_behandeling")
    agreement = agreement_record(actor=regisseur, case=case, description="Afspraak (test)",
                                 owner_organisation=partner_org, due_on=case.opened_on)
    client, url = api_client(regisseur), f"/api/v1/pga/cases/{case.pk}/agreements/{agreement.pk}"
    missing = assert_problem(client.patch(url, {"status": "done"}, format="json"), 400)
    assert {error.get("location") for error in missing["errors"]} == {"#/version"}
    version = current_version(case)
    stale = assert_problem(client.patch(url, {"status": "done", "version": version - 1}, format="json"), 409)
    assert stale["code"] == "stale"
    assert Agreement.objects.get(pk=agreement.pk).status == "open" and current_version(case) == version
    done = client.patch(url, {"status": "done", "version": version}, format="json")
    assert done.status_code == 200 and current_version(case) == version + 1
    again = client.patch(url, {"status": "open", "version": version}, format="json")  # the same, read before
    assert again.status_code == 409 and Agreement.objects.get(pk=agreement.pk).status == "done"


@override_settings(API_CORS_ALLOWED_ORIGINS=["https://portaal.gemeente.example"])
def test_cors_only_for_allowed_origins(regisseur):
    client = api_client(regisseur)
    allowed = client.get("/api/v1/cases", HTTP_ORIGIN="https://portaal.gemeente.example")
    assert allowed["Access-Control-Allow-Origin"] == "https://portaal.gemeente.example"
    assert "Origin" in allowed["Vary"]
    other = client.get("/api/v1/cases", HTTP_ORIGIN="https://elders.example")
    assert "Access-Control-Allow-Origin" not in other
    preflight = APIClient().options("/api/v1/cases", HTTP_ORIGIN="https://portaal.gemeente.example",
                                    HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")
    assert preflight.status_code == 204 and "Authorization" in preflight["Access-Control-Allow-Headers"]
    refused = APIClient().options("/api/v1/cases", HTTP_ORIGIN="https://elders.example",
                                  HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")
    assert "Access-Control-Allow-Origin" not in refused
