"""Reads of the Damocles API: fail closed when the audit trail refuses, letters as metadata only,
the closure registration, and the urgent/overdue filters."""

from __future__ import annotations

from datetime import date, timedelta
from unittest import mock

import pytest
from django.utils import timezone

from audit.errors import AuditWriteError
from casework.damocles import workflow as wf
from casework.damocles.letters import letter_generate
from tests.auditlog import events
from tests.casework.api.conftest import api_client, current_version
from tests.factories.damocles import announce, assess, make_damocles_case, premises_data, step, walk_to_decision

pytestmark = pytest.mark.django_db(databases="__all__")


@pytest.mark.parametrize("target, url", [
    ("casework.damocles.api.views.procedures.record_batch", "/api/v1/damocles/cases/{id}"),
    ("casework.api.base.record_batch", "/api/v1/damocles/cases"),
    ("casework.api.base.record", "/api/v1/damocles/cases/{id}/assessment"),
])
def test_a_failing_audit_write_discloses_nothing(handhaver, procedure, target, url):
    with mock.patch(target, side_effect=AuditWriteError("audit database down")):
        response = api_client(handhaver).get(url.format(id=procedure.pk))
    assert response.status_code == 503
    text = response.content.decode()
    assert "Teststraat" not in text and "Testpersoon" not in text and "Testrapportage" not in text


def test_letters_are_listed_as_metadata_only(handhaver, other_team_lead, procedure):
    walk_to_decision(procedure, by=handhaver, lead=other_team_lead, decided_on=date(2026, 4, 1))
    announcement = announce(procedure, by=handhaver, announced_on=date(2026, 4, 2))
    letter = letter_generate(actor=handhaver, case=procedure, kind="besluit", announcement=announcement)
    response = api_client(handhaver).get(f"/api/v1/damocles/cases/{procedure.pk}")
    [listed] = response.json()["letters"]
    assert listed == {"id": str(letter.pk), "kind": "besluit", "announcement": str(announcement.pk),
                      "created_by": {"id": str(handhaver.pk), "name": handhaver.display_name},
                      "created_at": listed["created_at"]}
    assert "3:45" not in response.content.decode() and "bezwaar" not in response.content.decode().lower()


def test_closure_registration_after_sealing(handhaver, other_team_lead, procedure):
    walk_to_decision(procedure, by=handhaver, lead=other_team_lead, decided_on=date(2026, 4, 1))
    announce(procedure, by=handhaver, announced_on=date(2026, 4, 2))
    client, base = api_client(handhaver), f"/api/v1/damocles/cases/{procedure.pk}"
    early = client.post(f"{base}/closure-registration", {"order_posted": True, "wkpb_registered_on": "2026-05-01",
                                                         "version": current_version(procedure)},
                        format="json")
    assert early.status_code == 400 and early.json()["code"] == "state"  # not sealed yet
    step(procedure, wf.BEKENDGEMAAKT, by=handhaver)
    step(procedure, wf.SLUITING_UITGEVOERD, by=handhaver, sealed_on="2026-04-28")
    body = client.get(f"{base}").json()["decision"]
    assert (body["wkpb_due_on"], body["closure_ends_on"], body["wkpb_registered_on"]) == (
        "2026-05-04", "2026-05-26", None)  # Wkpb: 4 days, Saturday 2 May runs to Monday (Atw art. 1)
    assert procedure.reference in str(client.get("/api/v1/damocles/cases?overdue=true").json())
    response = client.post(f"{base}/closure-registration", {"order_posted": True, "version": current_version(procedure),
                                                             "wkpb_registered_on": "2026-04-30"}, format="json")
    assert response.status_code == 200 and response.json()["wkpb_registered_on"] == "2026-04-30"
    assert api_client(other_team_lead).post(f"{base}/closure-registration", {"order_posted": False,
                                                                    "version": current_version(procedure),
                                                                    "wkpb_registered_on": None},
                                 format="json").status_code == 403


def test_urgent_and_overdue_filters(handhaver):
    today = timezone.localdate()
    calm = make_damocles_case(owner=handhaver, premises=premises_data(), found_on=today - timedelta(days=5))
    urgent = make_damocles_case(owner=handhaver, premises=premises_data(kind="lokaal"),
                                found_on=today - timedelta(days=5))
    step(urgent, wf.BEOORDELING, by=handhaver)
    assess(urgent, by=handhaver)
    step(urgent, wf.SPOEDEISENDE_SLUITING, by=handhaver, urgency_reason="Acuut gevaar (test).")
    client = api_client(handhaver)

    def refs(query: str) -> set[str]:
        return {row["reference"] for row in client.get(f"/api/v1/damocles/cases{query}").json()["results"]}

    assert refs("?urgent=true") == {urgent.reference}
    assert refs("?urgent=false") == {calm.reference}
    # The written decision after an urgent closure is due from that day on (Awb 5:31 lid 2).
    assert refs("?overdue=false") == {calm.reference, urgent.reference}
    listed = client.get("/api/v1/damocles/cases?urgent=true").json()["results"]
    assert listed[0]["urgent"] is True and listed[0]["status"] == wf.SPOEDEISENDE_SLUITING
    assert events(action="list", case_id=str(urgent.pk)).exists()
