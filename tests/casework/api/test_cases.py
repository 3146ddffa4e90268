"""Case endpoints: partner categories, list filters and audit events, transitions' 400/409,
referral input errors, persons, and the visibility filter that cannot be dropped."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from casework.api.permissions import VisibleCasesFilter
from casework.breakglass import break_glass_open
from casework.models import Case, CaseStep, Person
from casework.pga.api.views.cases import CaseList
from casework.pga.models import PgaCase
from casework.pga.services import agreement_record, escalation_set
from casework.workflow import transition
from encryption.pseudonyms import subject_pseudonym
from tests.auditlog import events
from tests.casework.api.conftest import api_client, current_version, error_fields, share
from tests.conftest import count_queries
from tests.factories.casework import TEST_BSNS, make_pga_case

pytestmark = pytest.mark.django_db(databases="__all__")


def test_partner_sees_only_shared_categories(regisseur, partner, partner_org, case):
    share(case, by=regisseur, partner_org=partner_org, categories=("metadata",))
    client = api_client(partner)
    body = client.get(f"/api/v1/pga/cases/{case.pk}").json()
    assert body["reference"] == case.reference and body["status"] == "in_behandeling"
    assert body["categories"] == ["metadata"]
    for hidden in ("person", "referral", "plan", "escalation_reason"):
        assert body[hidden] is None, hidden
    assert all(step["reason"] is None and step["data"] is None for step in body["steps"])
    assert body["version"] is None and body["available_transitions"] == []
    assert "Testpersoon" not in str(body) and "woonsituatie" not in str(body)
    assert client.get(f"/api/v1/pga/cases/{case.pk}/conferences").status_code == 403
    assert client.get(f"/api/v1/persons/{case.person_id}").status_code == 403
    listed = client.get("/api/v1/pga/cases").json()["results"]
    assert [row["reference"] for row in listed] == [case.reference] and listed[0]["person"] is None


def test_partner_with_personalia_and_referral_sees_those(regisseur, partner, partner_org, case):
    share(case, by=regisseur, partner_org=partner_org, categories=("personalia", "pga_referral"))
    body = api_client(partner).get(f"/api/v1/pga/cases/{case.pk}").json()
    assert body["categories"] == ["metadata", "personalia", "pga_referral"]
    assert body["person"]["surname"].startswith("Testpersoon") and body["person"]["contact_notes"] is None
    assert body["referral"]["aanleiding"].startswith("Zorgen") and body["plan"] is None
    person = api_client(partner).get(f"/api/v1/persons/{case.person_id}")
    assert person.status_code == 200 and person.json()["cases"][0]["id"] == str(case.pk)


def test_list_filters_and_one_event_per_case(regisseur, other_team_user):
    accepted = make_pga_case(owner=regisseur, status="in_behandeling")
    referred = make_pga_case(owner=regisseur, status="aangemeld")
    closed = make_pga_case(owner=regisseur, status="afgesloten")
    make_pga_case(owner=other_team_user, status="aangemeld")  # never listed for regisseur
    agreement_record(actor=regisseur, case=accepted, description="Te laat (test)",
                     owner_organisation=regisseur.organisation, due_on=timezone.localdate() - timedelta(days=1))
    escalation_set(actor=regisseur, case=referred, escalated=True, reason="Partners lopen vast (test).")
    client = api_client(regisseur)

    def refs(query: str) -> set[str]:
        response = client.get(f"/api/v1/pga/cases{query}")
        assert response.status_code == 200
        return {row["reference"] for row in response.json()["results"]}

    everything = {accepted.reference, referred.reference, closed.reference}
    assert refs("") == everything
    assert refs("?status=aangemeld") == {referred.reference}
    assert refs("?status=aangemeld&status=afgesloten") == {referred.reference, closed.reference}
    assert refs("?open=true") == {accepted.reference, referred.reference}
    assert refs("?open=false") == {closed.reference}
    assert refs("?overdue=true") == {accepted.reference}
    assert refs("?escalated=true") == {referred.reference}
    assert refs(f"?reference={closed.reference}") == {closed.reference}
    assert refs("?owner=me") == everything
    assert refs(f"?team={other_team_user.team_id}") == set()
    ordered = client.get("/api/v1/pga/cases?ordering=reference").json()["results"]
    assert [row["reference"] for row in ordered] == sorted(everything)
    # One `list` event per case shown, about that case's subject, from the unfiltered list call.
    listed = events(action="list", object_type="casework.Case", actor_id=str(regisseur.pk))
    first_call = [e for e in listed.order_by("sequence")][:3]
    assert {e.case_id for e in first_call} == {str(c.pk) for c in (accepted, referred, closed)}
    assert {e.subject_pseudonym for e in first_call} == {subject_pseudonym(c.person_id)
                                                         for c in (accepted, referred, closed)}


def test_list_query_count_does_not_grow_with_rows(regisseur, partner_org):
    client = api_client(regisseur)
    for _ in range(2):
        make_pga_case(owner=regisseur)
    client.get("/api/v1/pga/cases")  # warm caches (content types, sessions)
    with count_queries() as few:
        assert client.get("/api/v1/pga/cases").status_code == 200
    for _ in range(6):
        case = make_pga_case(owner=regisseur)
    share(case, by=regisseur, partner_org=partner_org)
    with count_queries() as many:
        assert len(client.get("/api/v1/pga/cases").json()["results"]) == 8
    assert len(many) == len(few)


def test_partner_list_query_count_does_not_grow_with_rows(regisseur, partner, partner_org):
    client = api_client(partner)
    share(make_pga_case(owner=regisseur), by=regisseur, partner_org=partner_org, categories=("personalia",))
    client.get("/api/v1/pga/cases")
    with count_queries() as few:
        assert len(client.get("/api/v1/pga/cases").json()["results"]) == 1
    for _ in range(5):
        share(make_pga_case(owner=regisseur), by=regisseur, partner_org=partner_org, categories=("personalia",))
    with count_queries() as many:
        rows = client.get("/api/v1/pga/cases").json()["results"]
    assert len(rows) == 6 and all(row["person"] for row in rows)
    assert len(many) == len(few)


def test_illegal_transition_is_400_with_message(regisseur, case):
    client = api_client(regisseur)
    response = client.post(f"/api/v1/pga/cases/{case.pk}/transitions",
                           {"to": "afgesloten_bestaat_niet", "reason": "test", "version": case.version}, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "illegal_transition" and response.json()["detail"]
    response = client.post(f"/api/v1/pga/cases/{case.pk}/transitions",
                           {"to": "uitvoering", "reason": "test", "version": case.version}, format="json")
    assert response.status_code == 400 and response.json()["code"] == "illegal_transition"
    assert CaseStep.objects.filter(case=case).count() == 3


def test_missing_step_data_and_reason_are_400(regisseur):
    case = make_pga_case(owner=regisseur, status="triage")
    client = api_client(regisseur)
    url = f"/api/v1/pga/cases/{case.pk}/transitions"
    response = client.post(url, {"to": "niet_voor_zvh", "reason": "test", "version": case.version}, format="json")
    assert response.status_code == 400 and "triage_advice" in error_fields(response)
    response = client.post(url, {"to": "in_behandeling", "reason": "  ", "version": case.version}, format="json")
    assert response.status_code == 400 and "reason" in error_fields(response)
    case.refresh_from_db()
    assert case.status == "triage"


def test_stale_version_is_409_and_nothing_changes(regisseur, case):
    stale = case.version
    transition(case=case, to="casusoverleg", by=regisseur, reason="test: elders gewijzigd")
    response = api_client(regisseur).post(f"/api/v1/pga/cases/{case.pk}/transitions",
                                          {"to": "plan", "reason": "test", "version": stale}, format="json")
    assert response.status_code == 409 and response.json()["code"] == "stale"
    case.refresh_from_db()
    assert case.status == "casusoverleg"


def test_referral_bad_input_is_400_and_nothing_saved(regisseur):
    client = api_client(regisseur)
    before = (Case.objects.count(), Person.objects.count(), PgaCase.objects.count())
    bad = [
        {"person": {"surname": "Testpersoon", "bsn": "123456789"}, "aanleiding": "test"},  # fails the 11-test
        {"person": {"surname": "Testpersoon", "bsn": TEST_BSNS[0]}, "aanleiding": "   "},
        {"person": {"surname": "Testpersoon", "bsn": TEST_BSNS[0]}, "aanleiding": "x", "informed_status": "postponed"},
        {"person": {"surname": "Testpersoon"}, "aanleiding": "x", "informed_status": "nonsense"},
    ]
    for body in bad:
        response = client.post("/api/v1/pga/cases", body, format="json")
        assert response.status_code == 400, (body, response.content)
    assert (Case.objects.count(), Person.objects.count(), PgaCase.objects.count()) == before


def test_partner_submits_referral_for_the_controller(regisseur, partner):
    body = {"person": {"surname": "Testpersoon", "bsn": TEST_BSNS[3]}, "aanleiding": "Melding van partner (test).",
            "controller": str(regisseur.organisation_id), "owner": str(regisseur.pk)}
    response = api_client(partner).post("/api/v1/pga/cases", body, format="json")
    assert response.status_code == 201 and response.json()["status"] == "aangemeld"
    case = Case.objects.get(pk=response.json()["id"])
    assert case.referring_organisation_id == partner.organisation_id and case.owner == regisseur
    assert set(response.json()) == {"id", "reference", "status"}
    # Without a share the partner does not see the case it referred.
    assert api_client(partner).get(f"/api/v1/pga/cases/{case.pk}").status_code == 403


def test_person_read_is_recorded(regisseur, case):
    response = api_client(regisseur).get(f"/api/v1/persons/{case.person_id}")
    assert response.status_code == 200 and response.json()["surname"].startswith("Testpersoon")
    event = events(action="view", object_type="casework.Person").get()
    assert event.subject_pseudonym == subject_pseudonym(case.person_id) and event.case_id == str(case.pk)


def test_shares_via_api_are_recorded_and_revocation_ends_access(regisseur, partner, partner_org, case):
    client = api_client(regisseur)
    created = client.post(f"/api/v1/cases/{case.pk}/shares", {
        "partner": str(partner_org.pk), "categories": ["personalia"], "processing_activity": "chain-sharing",
        "purpose": "Casusoverleg (test).", "weighing": "Noodzakelijk en niet minder ingrijpend mogelijk (test).",
        "ends_on": str(timezone.localdate() + timedelta(days=30)),
    }, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["categories"] == ["metadata", "personalia"] and created.json()["active"]
    assert events(action="share", case_id=str(case.pk)).count() == 1
    assert api_client(partner).get(f"/api/v1/pga/cases/{case.pk}").status_code == 200
    partner_view = api_client(partner).get(f"/api/v1/cases/{case.pk}/shares").json()
    assert partner_view[0]["weighing"] is None
    assert client.get(f"/api/v1/cases/{case.pk}/shares").json()[0]["weighing"].startswith("Noodzakelijk")
    revoked = client.post(f"/api/v1/cases/{case.pk}/shares/{created.json()['id']}/revocation",
                          {"reason": "Niet meer nodig (test).", "version": current_version(case)}, format="json")
    assert revoked.status_code == 200 and revoked.json()["active"] is False
    assert events(action="share_revoked", case_id=str(case.pk)).count() == 1
    assert api_client(partner).get(f"/api/v1/pga/cases/{case.pk}").status_code == 403
    bad = client.post(f"/api/v1/cases/{case.pk}/shares", {
        "partner": str(partner_org.pk), "categories": ["personalia"], "processing_activity": "chain-sharing",
        "purpose": "x", "weighing": "te kort", "ends_on": str(timezone.localdate()),
    }, format="json")
    assert bad.status_code == 400 and "weighing" in error_fields(bad)


def test_dropping_the_visibility_filter_fails_loudly(rf, regisseur):
    class Careless(CaseList):
        filter_backends = ()

    view = Careless()
    view.request = rf.get("/api/v1/pga/cases")
    view.request.user = regisseur
    with pytest.raises(ImproperlyConfigured):
        view.filter_queryset(Case.objects.all())
    assert VisibleCasesFilter in CaseList.filter_backends


def test_plan_versions_via_api(regisseur, partner, partner_org, case):
    client = api_client(regisseur)
    url = f"/api/v1/pga/cases/{case.pk}/plan"
    assert client.get(url).status_code == 404
    goals = [{"leefgebied": "housing", "goal": "Stabiele woonplek (test).",
              "interventions": [{"description": "Urgentie aanvragen", "partner_id": str(partner_org.pk),
                                 "due_on": "2030-02-01"}]}]
    assert client.post(url, {"goals": goals}, format="json").status_code == 400  # no version
    first = client.post(url, {"goals": goals, "version": case.version}, format="json")
    assert first.status_code == 201 and first.json()["number"] == 1
    stale = client.post(url, {"goals": goals, "version": case.version}, format="json")
    assert stale.status_code == 409 and stale.json()["code"] == "stale"  # built on a replaced plan
    second = client.post(url, {"goals": [{**goals[0], "goal": "Woonplek behouden (test)."}],
                               "version": case.version + 1}, format="json")
    assert second.json()["number"] == 2
    assert client.get(url).json()["goals"][0]["goal"] == "Woonplek behouden (test)."
    assert events(action="view", object_type="pga.PlanVersion", case_id=str(case.pk)).count() == 1
    assert client.post(url, {"goals": [{"leefgebied": "maan", "goal": "x"}], "version": case.version + 2},
                       format="json").status_code == 400
    assert client.post(url, {"goals": [], "version": case.version + 2}, format="json").status_code == 400
    share(case, by=regisseur, partner_org=partner_org, categories=("personalia",))
    assert api_client(partner).get(url).status_code == 403
    assert api_client(partner).post(url, {"goals": goals}, format="json").status_code == 403
    assert case.plan_versions.count() == 2


def test_plan_interventions_via_api_keep_their_id_and_need_organisation_and_date(regisseur, partner_org, case):
    from casework.pga.models import PlanIntervention

    client = api_client(regisseur)
    url = f"/api/v1/pga/cases/{case.pk}/plan"
    item = {"description": "Urgentie aanvragen", "partner_id": str(partner_org.pk), "due_on": "2030-02-01"}
    for missing in ("partner_id", "due_on"):
        incomplete = {key: value for key, value in item.items() if key != missing}
        response = client.post(url, {"goals": [{"leefgebied": "housing", "goal": "Wonen (test).",
                                                "interventions": [incomplete]}], "version": case.version},
                               format="json")
        assert response.status_code == 400, missing
    far = client.post(url, {"goals": [{"leefgebied": "housing", "goal": "Wonen (test).",
                                       "interventions": [{**item, "due_on": "2999-01-01"}]}],
                            "version": case.version}, format="json")
    assert far.status_code == 400 and far.json()["errors"][0]["location"] == "#/g0-i0-due_on"
    first = client.post(url, {"goals": [{"leefgebied": "housing", "goal": "Wonen (test).", "interventions": [item]}],
                              "version": case.version}, format="json")
    assert first.status_code == 201, first.content
    goal = first.json()["goals"][0]
    key = goal["interventions"][0]["id"]
    done = client.post(url, {"goals": [{**goal, "interventions": [{**goal["interventions"][0], "done": True}]}],
                             "version": case.version + 1}, format="json")
    assert done.status_code == 201 and done.json()["goals"][0]["interventions"][0]["id"] == key
    (row,) = PlanIntervention.objects.filter(case=case)
    assert (str(row.key), row.done, row.organisation_id) == (key, True, partner_org.pk)


def test_team_lead_and_break_glass_reads(make_user, regisseur, other_team_user, case):
    lead = make_user(role="teamleider")
    body = api_client(lead).get("/api/v1/pga/cases").json()
    assert [row["reference"] for row in body["results"]] == [case.reference] and body["results"][0]["person"]
    assert api_client(lead).get(f"/api/v1/pga/cases/{case.pk}").json()["available_transitions"] == []
    client = api_client(other_team_user)
    assert client.get(f"/api/v1/pga/cases/{case.pk}").status_code == 403
    break_glass_open(user=other_team_user, case=case, reason="Acute crisis, eigenaar onbereikbaar (test).")
    detail = client.get(f"/api/v1/pga/cases/{case.pk}")
    assert detail.status_code == 200 and detail.json()["person"]["surname"].startswith("Testpersoon")
    refused = client.post(f"/api/v1/pga/cases/{case.pk}/transitions",
                          {"to": "casusoverleg", "reason": "test", "version": case.version}, format="json")
    assert refused.status_code == 403
