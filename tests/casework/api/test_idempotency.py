"""The API's Idempotency-Key (casework/api/base.py, ADR 0014): a repeated POST creates one object and
answers with it, rendered afresh (a fresh access check and read event); misuse is a problem."""

from __future__ import annotations

import pytest

from accounts.roles import TEAMLEIDER
from casework.models import Case, SubmissionKey
from casework.pga.models import Conference
from casework.services import case_handover
from tests.auditlog import events
from tests.casework.api.conftest import api_client
from tests.factories.casework import TEST_BSNS

pytestmark = pytest.mark.django_db(databases="__all__")
KEY = {"HTTP_IDEMPOTENCY_KEY": "0b6f4a1e-6c1e-4a8e-9d4e-2f0c2b7a9e11"}


def referral(partner_org, surname="Testpersoon-Idem") -> dict:
    return {"person": {"first_names": "Testine", "surname": surname, "bsn": TEST_BSNS[4],
                       "date_of_birth": "1985-03-04", "address": "Teststraat 1, 9999 XX Demodorp"},
            "aanleiding": "Zorgen (testcasus).", "conference_goal": "Afstemmen (test).",
            "partners_to_invite": [str(partner_org.pk)], "informed_status": "postponed",
            "postponement_ground": "Lopend onderzoek (test)."}


def test_a_repeated_referral_creates_one_case_and_answers_with_it(regisseur, partner_org):
    client = api_client(regisseur)
    first = client.post("/api/v1/pga/cases", referral(partner_org), format="json", **KEY)
    assert first.status_code == 201, first.content
    reads_before = events(action="view", case_id=first.json()["id"]).count()
    again = client.post("/api/v1/pga/cases", referral(partner_org), format="json", **KEY)
    assert Case.objects.count() == 1
    assert again.status_code == 200 and again["Idempotent-Replayed"] == "true"
    assert again.json()["id"] == first.json()["id"] and again["Location"] == first["Location"]
    assert again.json()["person"]["surname"] == "Testpersoon-Idem"  # the case itself, rendered afresh
    assert events(action="view", case_id=first.json()["id"]).count() == reads_before + 1


def test_without_a_key_a_repeat_creates_a_second_case(regisseur, partner_org):
    client = api_client(regisseur)
    for _ in range(2):
        assert client.post("/api/v1/pga/cases", referral(partner_org), format="json").status_code == 201
    assert Case.objects.count() == 2


def test_the_same_key_with_another_body_is_a_422_problem(regisseur, partner_org):
    client = api_client(regisseur)
    assert client.post("/api/v1/pga/cases", referral(partner_org), format="json", **KEY).status_code == 201
    other = client.post("/api/v1/pga/cases", referral(partner_org, surname="Anders"), format="json", **KEY)
    assert other.status_code == 422 and other["Content-Type"] == "application/problem+json"
    assert other.json()["code"] == "idempotency_key_reused"
    assert Case.objects.count() == 1


def test_a_key_still_in_progress_is_a_409_problem(regisseur, partner_org):
    client = api_client(regisseur)
    assert client.post("/api/v1/pga/cases", referral(partner_org), format="json", **KEY).status_code == 201
    SubmissionKey.objects.update(completed_at=None)  # as if the first request were still running
    busy = client.post("/api/v1/pga/cases", referral(partner_org), format="json", **KEY)
    assert busy.status_code == 409 and busy.json()["code"] == "idempotency_key_in_progress"


def test_a_refused_request_frees_the_key_for_the_corrected_one(regisseur, partner_org):
    client = api_client(regisseur)
    bad = referral(partner_org)
    bad["person"]["bsn"] = "123456789"  # not 11-proof
    assert client.post("/api/v1/pga/cases", bad, format="json", **KEY).status_code == 400
    assert not SubmissionKey.objects.exists() and not Case.objects.exists()
    good = client.post("/api/v1/pga/cases", referral(partner_org), format="json", **KEY)
    assert good.status_code == 201 and Case.objects.count() == 1


def test_a_malformed_key_is_a_400_naming_the_header(regisseur, partner_org):
    response = api_client(regisseur).post("/api/v1/pga/cases", referral(partner_org), format="json",
                                          HTTP_IDEMPOTENCY_KEY="met spaties")
    assert response.status_code == 400
    assert response.json()["errors"][0]["in"] == "header"
    assert response.json()["errors"][0]["location"] == "Idempotency-Key"
    assert not Case.objects.exists()


def test_the_replay_checks_access_afresh(regisseur, partner_org, make_user, team_b, other_team_user):
    client = api_client(regisseur)
    first = client.post("/api/v1/pga/cases", referral(partner_org), format="json", **KEY)
    case = Case.objects.get(pk=first.json()["id"])
    lead = make_user(role=TEAMLEIDER, team=team_b)
    case_handover(actor=lead, case=case, new_owner=other_team_user, reason="Overdracht (test).")
    assert api_client(regisseur).get(f"/api/v1/pga/cases/{case.pk}").status_code != 200  # access lost
    again = client.post("/api/v1/pga/cases", referral(partner_org), format="json", **KEY)
    assert again.status_code in (403, 404) and again["Idempotent-Replayed"] == "true"
    assert Case.objects.count() == 1


def test_a_child_row_is_replayed_through_its_own_address(regisseur, case, partner_org):
    client = api_client(regisseur)
    body = {"held_on": "2026-12-10", "invited": [str(partner_org.pk)]}
    url = f"/api/v1/pga/cases/{case.pk}/conferences"
    first = client.post(url, body, format="json", **KEY)
    assert first.status_code == 201, first.content
    again = client.post(url, body, format="json", **KEY)
    assert Conference.objects.filter(case=case).count() == 1
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    assert again["Location"] == f"{url}/{first.json()['id']}"


def test_the_schema_documents_the_header_on_every_post():
    import json
    from pathlib import Path

    schema = json.loads(Path("casework/api/openapi/openapi.json").read_text())
    posts = [(path, item["post"]) for path, item in schema["paths"].items() if "post" in item]
    assert posts
    for path, operation in posts:
        names = [parameter.get("name") for parameter in operation.get("parameters", [])]
        assert "Idempotency-Key" in names, path
        assert {"409", "422"} <= set(operation["responses"]), path
