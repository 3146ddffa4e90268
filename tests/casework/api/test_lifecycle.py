"""The whole PGA life cycle through the API: referral → triage → … → afgesloten, with a two-factor
session and with a knox token, each step a 201 with the new step and the case's new version."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from audit.models import AuditEvent
from casework.models import Case, CaseStep
from encryption.pseudonyms import subject_pseudonym
from tests.auditlog import events
from tests.casework.api.conftest import api_client
from tests.factories.casework import PGA_PATH, TEST_BSNS

pytestmark = pytest.mark.django_db(databases="__all__")


def _referral(partner_org) -> dict:
    return {
        "person": {"first_names": "Testine", "surname": "Testpersoon", "bsn": TEST_BSNS[2],
                   "date_of_birth": "1985-03-04", "address": "Teststraat 1, 9999 XX Demodorp"},
        "aanleiding": "Zorgen over woonsituatie (testcasus).",
        "conference_goal": "Afstemmen wie wat doet.",
        "partners_to_invite": [str(partner_org.pk)],
        "informed_status": "postponed",
        "postponement_ground": "Lopend onderzoek (test).",
    }


def walk_life_cycle(client: APIClient, *, partner_org) -> str:
    created = client.post("/api/v1/pga/cases", _referral(partner_org), format="json")
    assert created.status_code == 201, created.content
    case_id = created.json()["id"]
    assert created.json()["status"] == "aangemeld"

    detail = client.get(f"/api/v1/pga/cases/{case_id}").json()
    assert detail["person"]["surname"] == "Testpersoon"
    assert detail["referral"]["partners_to_invite"][0]["id"] == str(partner_org.pk)
    version = detail["version"]
    for target, data in PGA_PATH:
        if target == "plan":
            conference = client.post(f"/api/v1/pga/cases/{case_id}/conferences", {
                "held_on": str(timezone.localdate()), "invited": [str(partner_org.pk)],
            }, format="json")
            assert conference.status_code == 201, conference.content
            recorded = client.patch(f"/api/v1/pga/cases/{case_id}/conferences/{conference.json()['id']}", {
                "attending": [str(partner_org.pk)], "minutes": "Afspraken gemaakt (test).", "version": version,
            }, format="json")
            assert recorded.status_code == 200 and recorded.json()["minutes"] == "Afspraken gemaakt (test)."
            version += 1  # an update of one of the case's rows raises the case version
            agreement = client.post(f"/api/v1/pga/cases/{case_id}/agreements", {
                "description": "GGZ plant intake (test).", "owner_organisation": str(partner_org.pk),
                "due_on": str(timezone.localdate() + timedelta(days=14)),
                "conference": conference.json()["id"],
            }, format="json")
            assert agreement.status_code == 201, agreement.content
            done = client.patch(f"/api/v1/pga/cases/{case_id}/agreements/{agreement.json()['id']}",
                                {"status": "done", "version": version}, format="json")
            assert done.status_code == 200 and done.json()["status"] == "done"
            version += 1
        body = {"to": target, "reason": f"API-test: naar {target}", "version": version, **data}
        if target == "afgesloten":
            body["aftercare_check_on"] = "2030-01-15"
        response = client.post(f"/api/v1/pga/cases/{case_id}/transitions", body, format="json")
        assert response.status_code == 201, response.content
        step = response.json()
        assert step["to_status"] == target and step["case_status"] == target
        assert step["case_version"] == version + 1
        version = step["case_version"]
    return case_id


def _assert_closed(case_id: str) -> None:
    case = Case.objects.get(pk=case_id)
    assert case.status == "afgesloten" and case.closed_on == timezone.localdate()
    assert case.pga.closure_reason == "doelen_behaald" and case.pga.aftercare_check_on == date(2030, 1, 15)
    assert list(CaseStep.objects.filter(case=case).values_list("to_status", flat=True)) == [
        "aangemeld", *[target for target, _ in PGA_PATH]]
    # Reads of the case were recorded about its subject (a pseudonym, never the BSN).
    viewed = events(action="view", case_id=case_id, object_type="casework.Case").get()
    assert viewed.subject_pseudonym == subject_pseudonym(case.person_id)
    assert TEST_BSNS[2] not in viewed.reason


def test_life_cycle_with_session(regisseur, partner_org):
    case_id = walk_life_cycle(api_client(regisseur), partner_org=partner_org)
    _assert_closed(case_id)


def test_life_cycle_with_token(regisseur, partner_org):
    token = api_client(regisseur).post("/api/v1/auth/token").json()["token"]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    case_id = walk_life_cycle(client, partner_org=partner_org)
    _assert_closed(case_id)
    assert events(action="view", case_id=case_id).get().actor_id == str(regisseur.pk)
    assert AuditEvent.objects.using("audit").filter(action="create", case_id=case_id).exists()


def test_a_step_with_data_it_does_not_take_is_a_400_on_that_member_and_writes_nothing(regisseur, case):
    """ADR 0062: a step into `casusoverleg` takes no closure reason nor aftercare date (they were set on the open
    case's details before)."""
    from tests.casework.api.conftest import current_version, error_messages

    client = api_client(regisseur)
    before = current_version(case)
    response = client.post(f"/api/v1/pga/cases/{case.pk}/transitions", {
        "to": "casusoverleg", "reason": "API-test", "version": before, "closure_reason": "doelen_behaald",
        "aftercare_check_on": "2027-03-01"}, format="json")
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    assert error_messages(response) == {"closure_reason": ["Dit veld hoort niet bij deze stap."],
                                        "aftercare_check_on": ["Dit veld hoort niet bij deze stap."]}
    case.refresh_from_db()
    assert case.status == "in_behandeling" and case.version == before
    assert case.pga.closure_reason == "" and case.pga.aftercare_check_on is None
    assert not CaseStep.objects.filter(case=case, to_status="casusoverleg").exists()
