"""A procedure's life through the API: the policy's proposal and the assessment, four eyes on the
decision, announcements per addressee with their own objection deadlines, an objection's decision
term, illegal and stale transitions; each read leaves its audit event."""

from __future__ import annotations

import pytest

from audit.models import AuditEvent
from casework.damocles import workflow as wf
from casework.models import Approval
from encryption.pseudonyms import subject_pseudonym
from tests.auditlog import events
from tests.casework.api.conftest import api_client, current_version, error_fields
from tests.factories.damocles import PROPORTIONALITY, make_damocles_case, premises_data

pytestmark = pytest.mark.django_db(databases="__all__")


def _move(client, case, to: str, **data):
    case.refresh_from_db()
    return client.post(f"/api/v1/damocles/cases/{case.pk}/transitions",
                       {"to": to, "reason": f"test: naar {to}", "version": case.version, **data}, format="json")


def test_assessment_four_eyes_announcements_and_objection(handhaver, other_team_lead, procedure):
    client, base = api_client(handhaver), f"/api/v1/damocles/cases/{procedure.pk}"
    assert _move(client, procedure, wf.BEOORDELING).status_code == 201

    proposal = client.get(f"{base}/assessment").json()["proposal"]
    assert (proposal["sanction"], proposal["days"], proposal["offence_number"]) == ("closure", 28, 1)
    assert proposal["policy_version"]["effective_from"] == "2017-01-01"
    refused = client.post(f"{base}/assessment", {"chosen_sanction": "closure", "chosen_days": 91,
                                                 "version": current_version(procedure),
                                                 **PROPORTIONALITY}, format="json")
    assert refused.status_code == 400 and "deviation_reasons" in error_fields(refused)  # deviating without reasons
    response = client.post(f"{base}/assessment", {"chosen_sanction": "closure", "chosen_days": 28,
                                                   "version": current_version(procedure),
                                                   **PROPORTIONALITY}, format="json")
    assert response.status_code == 200, response.content
    recorded = response.json()["assessment"]
    assert recorded["chosen_days"] == 28 and recorded["offence_number"] == 1
    assert recorded["geschikt"] == PROPORTIONALITY["geschikt"]
    assert _move(client, procedure, wf.VOORNEMEN_VERZONDEN, intention_sent_on="2026-03-11",
                 signatory="A. Testambtenaar (test)").status_code == 201

    decision = {"signatory": "T. Burgemeester (test)", "compliance_term_days": 7, "decided_on": "2026-04-01"}
    blocked = _move(client, procedure, wf.BESLUIT, **decision)
    assert blocked.status_code == 400 and blocked.json()["code"] == "not_approved"

    asked = client.post(f"{base}/approvals", format="json")
    assert asked.status_code == 201 and asked.json()["decision"] == "pending"
    decide = f"{base}/approvals/{asked.json()['id']}/decision"
    seen = events(action="access_denied", actor_id=str(handhaver.pk)).count()
    decision_body = {"approve": True, "version": current_version(procedure)}
    assert client.post(decide, decision_body, format="json").status_code == 403  # the requester cannot approve
    assert events(action="access_denied", actor_id=str(handhaver.pk)).count() == seen + 1
    assert Approval.objects.get().decision == "pending"
    approved = api_client(other_team_lead).post(decide, decision_body, format="json")
    assert approved.status_code == 200 and approved.json()["decided_by"]["id"] == str(other_team_lead.pk)
    assert events(action="approve", actor_id=str(other_team_lead.pk), case_id=str(procedure.pk)).count() == 1

    assert _move(client, procedure, wf.BESLUIT, **decision).status_code == 201
    body = client.get(f"{base}").json()
    assert body["decision"]["approval"]["decision"] == "approved"
    assert body["decision"]["signatory"] == "T. Burgemeester (test)" and body["decision"]["decided_on"] == "2026-04-01"

    tenant = procedure.damocles.premises.parties.get().person_id
    owner = client.post(f"{base}/announcements", {"role": "owner", "method": "registered_post",
                                                   "announced_on": "2026-04-02",
                                                   "addressee_name": "Testverhuur B.V."}, format="json")
    renter = client.post(f"{base}/announcements", {"role": "tenant", "method": "handed_by_police",
                                                    "announced_on": "2026-04-10", "addressee_person": str(tenant)},
                         format="json")
    assert owner.status_code == renter.status_code == 201, (owner.content, renter.content)
    # 2 April + 6 weeks = Thursday 14 May 2026, Ascension Day, and Friday 15 May is equated by decree
    # (Atw art. 3 lid 3): the term runs to Monday 18 May (Atw art. 1).
    assert owner.json()["objection_deadline"] == "2026-05-18"
    assert renter.json()["objection_deadline"] == "2026-05-22"
    before = events(action="list").count()
    listed = client.get(f"{base}/announcements").json()
    assert [a["role"] for a in listed] == ["owner", "tenant"]
    assert [e.subject_pseudonym for e in events(action="list").order_by("sequence")[before:]] == [
        subject_pseudonym(tenant)]
    assert _move(client, procedure, wf.BEKENDGEMAAKT).status_code == 201

    objection = client.post(f"{base}/objections", {"announcement": owner.json()["id"],
                                                    "received_on": "2026-04-20"}, format="json")
    assert objection.status_code == 201
    # Awb 7:10: six weeks from the day after the objection window (Monday 18 May) ends.
    assert objection.json()["decision_due_on"] == "2026-06-29" and objection.json()["state"] == "received"
    one = f"{base}/objections/{objection.json()['id']}"
    no_ground = client.patch(one, {"extension_weeks": 6, "version": current_version(procedure)}, format="json")
    assert no_ground.status_code == 400 and "extension_ground" in error_fields(no_ground)
    no_notice = client.patch(one, {"extension_weeks": 6, "extension_ground": "Advies nodig (test).",
                                   "version": current_version(procedure)}, format="json")
    assert no_notice.status_code == 400 and "extension_notice_sent_on" in error_fields(no_notice)  # lid 5
    extended = client.patch(one, {"extension_weeks": 6, "extension_ground": "Advies nodig (test).",
                                 "extension_notice_sent_on": "2026-06-01", "version": current_version(procedure)},
                            format="json")
    assert extended.status_code == 200 and extended.json()["decision_due_on"] == "2026-08-10"
    assert extended.json()["extension_notice_sent_on"] == "2026-06-01" and extended.json()["late"] is False
    too_long = client.patch(one, {"extension_weeks": 7, "version": current_version(procedure)}, format="json")
    assert too_long.status_code == 400 and "extension_weeks" in error_fields(too_long)  # lid 3
    seen = events(action="view", object_type="remedies.Objection").count()
    assert client.get(one).json()["extension_ground"] == "Advies nodig (test)."
    assert events(action="view", object_type="remedies.Objection").count() == seen + 1


def test_illegal_and_stale_transitions(handhaver, procedure):
    client = api_client(handhaver)
    illegal = _move(client, procedure, wf.BESLUIT)
    assert illegal.status_code == 400 and illegal.json()["code"] == "illegal_transition"
    stale = client.post(f"/api/v1/damocles/cases/{procedure.pk}/transitions",
                        {"to": wf.BEOORDELING, "reason": "test", "version": procedure.version - 1}, format="json")
    assert stale.status_code == 409
    urgent = _move(client, procedure, wf.BEOORDELING)
    assert urgent.status_code == 201
    no_reason = _move(client, procedure, wf.SPOEDEISENDE_SLUITING)
    assert no_reason.status_code == 400 and "urgency_reason" in error_fields(no_reason)
    procedure.refresh_from_db()
    assert procedure.status == wf.BEOORDELING and not procedure.damocles.urgent
    assert _move(client, procedure, wf.SPOEDEISENDE_SLUITING,
                 urgency_reason="Acuut gevaar voor omwonenden (test).").status_code == 201
    closing = _move(client, procedure, wf.AFGESLOTEN)  # an urgent closure is never closed directly
    assert closing.status_code == 400 and closing.json()["code"] == "illegal_transition"


def test_a_warning_has_no_announcement_or_objection_term(handhaver):
    case = make_damocles_case(owner=handhaver, premises=premises_data(),
                              findings=[{"substance": "softdrugs", "amount": "20", "unit": "g"}])
    client, base = api_client(handhaver), f"/api/v1/damocles/cases/{case.pk}"
    _move(client, case, wf.BEOORDELING)
    assert client.get(f"{base}/assessment").json()["proposal"]["sanction"] == "warning"
    client.post(f"{base}/assessment", {"chosen_sanction": "warning", "version": current_version(case),
                                       **PROPORTIONALITY}, format="json")
    assert _move(client, case, wf.WAARSCHUWING).status_code == 201
    response = client.post(f"{base}/announcements", {"role": "owner", "method": "registered_post",
                                                      "announced_on": "2026-04-02", "addressee_name": "Testverhuur"},
                           format="json")
    assert response.status_code == 400 and response.json()["code"] == "warning"
    assert client.get(f"{base}").json()["remedies"]["announcements"] == []


def test_team_lead_reads_but_cannot_record_the_assessment(other_team_lead, procedure):
    client = api_client(other_team_lead)
    assert client.get(f"/api/v1/damocles/cases/{procedure.pk}").status_code == 200
    response = client.post(f"/api/v1/damocles/cases/{procedure.pk}/assessment",
                           {"chosen_sanction": "warning", "version": current_version(procedure), **PROPORTIONALITY},
                           format="json")
    assert response.status_code == 403
    assert AuditEvent.objects.using("audit").filter(action="access_denied", actor_id=str(other_team_lead.pk),
                                                    case_id=str(procedure.pk)).count() == 1
    procedure.damocles.refresh_from_db()
    assert procedure.damocles.chosen_sanction == ""
