"""POST /api/v1/brp/person-lookup (casework/api/views/brp.py): the web UI's BRP lookup for API clients, with the
same rules, refusals and audit events (ADR 0025), errors as problem+json (ADR 0010)."""

from __future__ import annotations

import pytest

from accounts.roles import HANDHAVER, PRIVACY_OFFICER
from casework.api.problems import PROBLEM_JSON
from tests.auditlog import event_list
from tests.casework.api.conftest import api_client

pytestmark = pytest.mark.django_db(databases="__all__")

URL = "/api/v1/brp/person-lookup"
BSN = "999999849"
DAMOCLES = "damocles"


def _lookup(user, **body):
    return api_client(user).post(URL, {"bsn": BSN, "processing_activity": DAMOCLES, **body}, format="json")


def test_municipal_staff_look_a_person_up_for_an_authorised_activity(brp, regisseur):
    response = _lookup(regisseur)
    assert response.status_code == 200, response.content
    body = response.json()
    assert {key: body[key] for key in ("bsn", "first_names", "surname", "date_of_birth", "address")} == {
        "bsn": BSN, "first_names": "Delilah", "surname": "van Doodewaard", "date_of_birth": "1974-12-01",
        "address": ""}
    assert body["retrieved_on"]
    (call,) = brp.api_calls
    assert "adressering.adresregel1" not in call.body["fields"]  # only the fields of the use
    (event,) = event_list(object_type="brp.Persoon")
    assert (event.action, event.outcome, event.processing_activity, event.actor_id) == (
        "view", "ok", DAMOCLES, str(regisseur.pk))
    assert BSN not in event.reason and "Doodewaard" not in event.reason


def test_the_address_lines_only_when_asked(brp, make_user):
    response = _lookup(make_user(role=HANDHAVER), with_address=True)
    assert response.status_code == 200
    assert response.json()["address"] == "Turfmarkt 45\n2511 CA  'S-GRAVENHAGE"


def test_a_chain_partner_is_refused_before_any_call_and_the_refusal_is_recorded(brp, partner):
    response = _lookup(partner)
    assert response.status_code == 403 and response["Content-Type"] == PROBLEM_JSON
    assert response.json()["code"] == "brp_refused" and "gemeente" in response.json()["detail"].lower()
    assert brp.received == []
    (event,) = event_list(object_type="brp.Persoon")
    assert (event.outcome, event.reason) == ("denied", "brp refused: not municipal staff")


@pytest.mark.parametrize("who", ["privacy officer", "unauthorised activity"])
def test_a_role_without_the_capability_and_an_activity_without_authorisation_are_refused(brp, make_user,
                                                                                         regisseur, who):
    if who == "privacy officer":
        response = _lookup(make_user(role=PRIVACY_OFFICER))
    else:
        response = _lookup(regisseur, processing_activity="information-security")
    assert response.status_code == 403 and response.json()["code"] == "brp_refused"
    assert brp.received == []
    assert [event.outcome for event in event_list(object_type="brp.Persoon")] == ["denied"]


def test_bad_input_is_a_400_with_errors_and_nothing_is_sent(brp, regisseur):
    response = api_client(regisseur).post(URL, {"bsn": "12345", "processing_activity": DAMOCLES}, format="json")
    assert response.status_code == 400 and response["Content-Type"] == PROBLEM_JSON
    assert [error["location"] for error in response.json()["errors"]] == ["#/bsn"]
    response = api_client(regisseur).post(URL, {"bsn": BSN}, format="json")
    assert [error["location"] for error in response.json()["errors"]] == ["#/processing_activity"]
    assert brp.received == []


@pytest.mark.parametrize(("mode", "status", "code"), [("ok-unknown", 404, "brp_not_found"),
                                                      ("error", 502, "brp_unavailable"),
                                                      ("forbidden", 502, "brp_unavailable")])
def test_failures_of_the_brp_are_problems_with_a_dutch_detail(brp, regisseur, mode, status, code):
    if mode == "ok-unknown":
        response = api_client(regisseur).post(URL, {"bsn": "999993653", "processing_activity": DAMOCLES},
                                              format="json")
    else:
        brp.mode = mode
        response = _lookup(regisseur)
    assert response.status_code == status and response["Content-Type"] == PROBLEM_JSON
    assert response.json()["code"] == code and "BRP" in response.json()["detail"]


def test_without_a_configured_brp_the_answer_says_so(brp, regisseur, settings):
    settings.BRP_SOURCE = ""
    response = _lookup(regisseur)
    assert response.status_code == 409 and response.json()["code"] == "brp_disabled"
    assert brp.received == [] and event_list(object_type="brp.Persoon") == []


def test_a_repeat_with_an_idempotency_key_is_a_new_lookup(brp, regisseur):
    client = api_client(regisseur)
    for _ in range(2):
        response = client.post(URL, {"bsn": BSN, "processing_activity": DAMOCLES}, format="json",
                               HTTP_IDEMPOTENCY_KEY="lookup-1")
        assert response.status_code == 200 and "Idempotent-Replayed" not in response
    assert len(event_list(object_type="brp.Persoon")) == 2
