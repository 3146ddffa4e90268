"""/api/v1/woonoverlast: list and open, detail per category, reports only with the shielded category,
problem+json on bad input, transitions with the version rule (409 when stale), audit of reads."""

from __future__ import annotations

import pytest

from audit.actions import Action
from audit.models import AuditEvent
from casework.models import Case
from casework.woonoverlast.models import BehaviouralOrder, Intervention
from tests.casework.api.conftest import api_client, contract_enum, error_fields, error_messages
from tests.factories.woonoverlast import to_intention

pytestmark = pytest.mark.django_db(databases="__all__")
BASE = "/api/v1/woonoverlast/cases"


def test_open_list_and_read_a_file(officer, apv):
    client = api_client(officer)
    bad = client.post(BASE, {"person": {"surname": ""}, "dwelling_address": ""}, format="json")
    assert bad.status_code == 400 and bad["Content-Type"] == "application/problem+json"
    assert {"person", "dwelling_address"} <= error_fields(bad)
    created = client.post(BASE, {"person": {"first_names": "Vera", "surname": "Testveroorzaker-Api",
                                            "date_of_birth": "1980-02-03"},
                                 "dwelling_address": "Proeflaan 4"}, format="json")
    assert created.status_code == 201 and created.json()["reference"].startswith("WOV-")
    case_id = created.json()["id"]
    assert [row["id"] for row in client.get(BASE).json()["results"]] == [case_id]
    detail = client.get(f"{BASE}/{case_id}").json()
    assert detail["dwelling_address"] == "Proeflaan 4" and detail["reports_by_source"] == []
    assert (detail["address_verified"], detail["bag_id"], detail["bag_object_id"]) == (False, None, None)  # no pick
    assert AuditEvent.objects.filter(action=Action.VIEW, case_id=case_id).exists()


def test_reports_and_interventions(officer, case):
    client = api_client(officer)
    report = client.post(f"{BASE}/{case.pk}/reports", {
        "melder": {"first_names": "Mila", "surname": "Testmelder-Api", "date_of_birth": "1975-06-07"},
        "source": "police",
        "reported_on": "2025-05-02", "kind": "threats", "description": "Bedreiging (test)."}, format="json")
    assert report.status_code == 201
    rows = client.get(f"{BASE}/{case.pk}/reports").json()
    assert {row["melder"]["surname"] for row in rows} >= {"Testmelder-Api"}
    bad = client.post(f"{BASE}/{case.pk}/interventions", {"kind": "nonsense", "carried_out_on": "2025-05-02",
                                                          "outcome": "x"}, format="json")
    assert bad.status_code == 400 and "kind" in error_fields(bad) and not Intervention.objects.exists()
    assert client.post(f"{BASE}/{case.pk}/interventions", {"kind": "mediation", "carried_out_on": "2025-05-02",
                                                           "outcome": "Geweigerd (test)."},
                       format="json").status_code == 201
    assert len(client.get(f"{BASE}/{case.pk}/interventions").json()) == 1


def test_a_gedragsaanwijzing_through_the_api_and_the_version_rule(officer, case):
    to_intention(case, by=officer)
    client = api_client(officer)
    body = {"article": "art. 2:79 APV", "addressees": [str(case.person_id)], "addressee_capacity": "occupant",
            "behaviour": "Geen geluid na 23.00 uur (test).", "enforcement": "bestuursdwang", "duration_weeks": 52,
            "compliance_term_days": 7}
    too_long = client.post(f"{BASE}/{case.pk}/orders", body, format="json")
    assert too_long.status_code == 400 and "duration_weeks" in error_fields(too_long)
    created = client.post(f"{BASE}/{case.pk}/orders", {**body, "duration_weeks": 8}, format="json")
    assert created.status_code == 201 and created.json()["state"] == "draft"
    assert BehaviouralOrder.objects.filter(case=case).count() == 1
    decisions = client.get(f"{BASE}/{case.pk}/decisions").json()
    assert decisions[0]["apv_article"] == "art. 2:79 APV"
    version = Case.objects.get(pk=case.pk).version
    stale = client.post(f"{BASE}/{case.pk}/transitions", {"to": "gedragsaanwijzing", "reason": "x",
                                                          "version": version - 1}, format="json")
    assert stale.status_code == 409
    refused = client.post(f"{BASE}/{case.pk}/transitions", {"to": "gedragsaanwijzing", "reason": "x",
                                                            "version": version}, format="json")
    assert refused.status_code == 400  # no four-eyes approval yet


def test_a_partner_without_a_share_is_refused_and_audited(make_user, other_organisation, case):
    from accounts.roles import KETENPARTNER

    partner = make_user(role=KETENPARTNER, organisation=other_organisation)
    client = api_client(partner)
    assert client.get(f"{BASE}/{case.pk}").status_code == 403
    assert client.get(BASE).json()["results"] == []
    assert AuditEvent.objects.filter(action=Action.ACCESS_DENIED, actor_id=str(partner.pk)).exists()


def test_the_codes_of_a_report_are_enumerated_in_the_contract_and_a_wrong_one_is_refused_in_dutch(officer, case):
    """The source and kind of a report, an intervention's kind and a gedragsaanwijzing's capacity, enforcement,
    penalty form and time unit are fixed lists: the published contract names them (a client built from it sent
    free text before), and a wrong code keeps the service's Dutch message."""
    from casework.woonoverlast.models import (
        AddresseeCapacity,
        Enforcement,
        InterventionKind,
        Melding,
        NuisanceKind,
        PenaltyForm,
        Source,
        TimeUnit,
    )

    assert contract_enum("WoonoverlastReportIn", "source") == Source.values
    assert contract_enum("WoonoverlastReportIn", "kind") == NuisanceKind.values
    assert contract_enum("WoonoverlastInterventionIn", "kind") == InterventionKind.values
    assert contract_enum("WoonoverlastOrderIn", "addressee_capacity") == AddresseeCapacity.values
    assert contract_enum("WoonoverlastOrderIn", "enforcement") == Enforcement.values
    assert contract_enum("WoonoverlastOrderIn", "penalty_form") == PenaltyForm.values
    assert contract_enum("WoonoverlastOrderIn", "time_unit") == TimeUnit.values
    client = api_client(officer)
    reports = Melding.objects.filter(case=case).count()
    bad = client.post(f"{BASE}/{case.pk}/reports", {
        "melder": {"first_names": "Mila", "surname": "Testmelder-Api", "date_of_birth": "1975-06-07"},
        "source": "buurman", "reported_on": "2025-05-02", "kind": "threats", "description": "x"}, format="json")
    assert bad.status_code == 400
    assert error_messages(bad) == {
        "source": ["Kies wie meldde: een buurtbewoner, de politie of de woningcorporatie."]}
    assert Melding.objects.filter(case=case).count() == reports
