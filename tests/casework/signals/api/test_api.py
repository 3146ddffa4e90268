"""/api/v1/signals: register (staff and partner), list, detail per category (the source never), triage with
the version rule, problem+json on bad input, audit of reads."""

from __future__ import annotations

import datetime

import pytest

from audit.actions import Action
from audit.models import AuditEvent
from casework.models import Case
from tests.casework.api.conftest import api_client, contract_enum, error_fields, error_messages
from tests.casework.versions_support import version

pytestmark = pytest.mark.django_db(databases="__all__")
BASE = "/api/v1/signals/cases"
BODY = {"category": "holiday_park", "received_on": "2026-04-01", "legal_ground": "uavg33_1a",
        "description": "Chalet wordt steeds door wisselende personen gebruikt (testtekst).", "source_kind": "police",
        "source_person": {"first_names": "Bron", "surname": "Testbron-Api", "date_of_birth": "1970-01-02"},
        "persons": [{"person": {"first_names": "Noor", "surname": "Testgenoemde-Api", "date_of_birth": "1990-03-04"},
                     "informing": "postponed", "postponement_ground": "avg23_1_d",
                     "postponement_review_on": (datetime.date.today() + datetime.timedelta(days=60)).isoformat()}]}


def test_register_list_read_and_triage(officer):
    client = api_client(officer)
    bad = client.post(BASE, {**BODY, "category": "gossip", "legal_ground": "x"}, format="json")
    assert bad.status_code == 400 and bad["Content-Type"] == "application/problem+json"
    assert {"category", "legal_ground"} <= error_fields(bad)
    assert error_messages(bad)["category"] == ["Kies de categorie van het signaal."]  # the service's message
    created = client.post(BASE, BODY, format="json")
    assert created.status_code == 201 and created.json()["reference"].startswith("SIG-")
    case_id = created.json()["id"]
    assert [row["id"] for row in client.get(BASE).json()["results"]] == [case_id]
    detail = client.get(f"{BASE}/{case_id}")
    text = detail.content.decode()
    assert detail.json()["intake"]["persons"][0]["name"] == "Noor Testgenoemde-Api" and "Testbron-Api" not in text
    assert AuditEvent.objects.filter(action=Action.VIEW, case_id=case_id).exists()
    case = Case.objects.get(pk=case_id)
    stale = client.post(f"{BASE}/{case_id}/triage", {"version": version(case) + 1, "outcome": "no_action",
                                                     "reason": "Geen aanwijzingen."}, format="json")
    assert stale.status_code == 409
    triaged = client.post(f"{BASE}/{case_id}/triage", {"version": version(case), "outcome": "no_action",
                                                       "reason": "Geen aanwijzingen."}, format="json")
    assert triaged.status_code == 201 and triaged.json()["case_status"] == "afgesloten"
    assert client.get(f"{BASE}/{case_id}").json()["triage"][0]["outcome"] == "no_action"


def test_a_partner_registers_and_reads_its_own_signal_without_the_triage(organisation, officer, partner):
    client = api_client(partner)
    created = client.post(BASE, {**BODY, "controller": str(organisation.pk), "source_person": None,
                                 "source_kind": "partner"}, format="json")
    assert created.status_code == 201
    case = Case.objects.get(pk=created.json()["id"])
    from casework.signals.services import signal_triage

    signal_triage(actor=officer, case=case, outcome="monitor", reason="Monitoren bij de partner (test).",
                  review_on=datetime.date.today() + datetime.timedelta(days=30))
    body = client.get(f"{BASE}/{case.pk}").json()
    assert body["intake"]["category"] == "holiday_park" and body["triage"] is None
    assert "monitor" not in str(body).lower() and body["status"] == "beoordeeld"  # the status names no outcome
    refused = client.post(f"{BASE}/{case.pk}/triage", {"version": version(case), "outcome": "no_action",
                                                       "reason": "x"}, format="json")
    assert refused.status_code == 403


def test_the_codes_of_a_signal_are_enumerated_in_the_contract():
    """Category, legal ground, reporter kind, a person's informing and a triage's outcome are fixed lists: the
    published contract names them (it named them in prose only, and a client built from it sent free text)."""
    from casework.signals.models import Informing, LegalGround, Outcome, SignalCategory, SourceKind

    assert contract_enum("SignalIn", "category") == SignalCategory.values
    assert contract_enum("SignalIn", "legal_ground") == LegalGround.values
    assert contract_enum("SignalIn", "source_kind") == SourceKind.values
    assert contract_enum("SignalPersonIn", "informing") == Informing.values
    assert contract_enum("TriageIn", "outcome") == Outcome.values
