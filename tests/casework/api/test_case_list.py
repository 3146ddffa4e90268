"""`/api/v1/cases`: every case the caller may see, of every type, core columns only, each column
filtered by the categories shared with the caller, never a shielded party (docs/adr/0010-api-rules.md)."""

from __future__ import annotations

import datetime

import pytest

from accounts.roles import HANDHAVER, KETENPARTNER, PROCESREGISSEUR
from audit.history import save_with_reason
from audit.models import AuditEvent
from casework.persons import person_register
from casework.services import case_create
from tests.casework.api.conftest import api_client, share
from tests.conftest import count_queries
from tests.factories.casework import make_pga_case
from tests.factories.damocles import make_damocles_case
from tests.factories.park import make_park_case
from tests.testapps.exampletype.models import ExampleSource

pytestmark = pytest.mark.django_db(databases="__all__")

CORE = {"id", "reference", "case_type", "status", "status_label", "opened_on", "closed_on", "owner", "team", "person"}


@pytest.fixture
def handhaver(make_user, team):
    return make_user(role=HANDHAVER, team=team)


@pytest.fixture
def three_types(regisseur, handhaver, partner_org):
    """A PGA case, a Damocles procedure and a park file, the first two shared with the partner."""
    pga = make_pga_case(owner=regisseur)
    damocles = make_damocles_case(owner=handhaver)
    park = make_park_case(owner=handhaver)
    share(pga, by=regisseur, partner_org=partner_org, categories=("metadata", "personalia"))
    share(damocles, by=handhaver, partner_org=partner_org, categories=("metadata",))
    return {"pga": pga, "damocles": damocles, "park": park}


def test_a_partner_lists_the_shared_cases_of_every_type_with_core_columns_only(partner, three_types):
    client = api_client(partner)
    seen = AuditEvent.objects.using("audit").filter(action="list").count()
    body = client.get("/api/v1/cases?ordering=reference").json()
    rows = {row["case_type"]: row for row in body["results"]}
    assert set(rows) == {"pga", "damocles"} and body["count"] == 2  # the park file is not shared
    assert all(set(row) == CORE for row in rows.values())
    assert rows["pga"]["person"]["id"] == str(three_types["pga"].person_id)  # personalia shared
    assert rows["damocles"]["person"] is None  # metadata only
    assert AuditEvent.objects.using("audit").filter(action="list").count() == seen + 2  # one event per case
    only = client.get("/api/v1/cases?caseType=damocles").json()["results"]
    assert [row["id"] for row in only] == [str(three_types["damocles"].pk)]
    detail = client.get(f"/api/v1/cases/{three_types['damocles'].pk}").json()
    assert detail["categories"] == ["metadata"] and detail["version"] is None  # a partner changes nothing


def test_the_team_sees_all_three_types_and_may_filter_by_several(handhaver, three_types):
    client = api_client(handhaver)
    assert {row["case_type"] for row in client.get("/api/v1/cases").json()["results"]} == {"pga", "damocles", "park"}
    both = client.get("/api/v1/cases?caseType=pga&caseType=park").json()["results"]
    assert {row["case_type"] for row in both} == {"pga", "park"}
    detail = client.get(f"/api/v1/cases/{three_types['park'].pk}").json()
    assert detail["version"] == three_types["park"].version


def test_an_unknown_type_or_bad_value_is_a_400_naming_the_parameter(regisseur, three_types):
    response = api_client(regisseur).get("/api/v1/cases?caseType=pga&caseType=nope&team=x&open=misschien")
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    errors = {(e["location"], e.get("index")) for e in response.json()["errors"]}
    assert errors == {("caseType", 1), ("team", 0), ("open", None)}
    assert all(e["in"] == "query" and e["code"] and e["detail"] for e in response.json()["errors"])


def test_a_case_the_caller_cannot_see_is_refused_and_recorded(other_org_user, three_types):
    client = api_client(other_org_user)
    assert client.get("/api/v1/cases").json()["results"] == []
    response = client.get(f"/api/v1/cases/{three_types['pga'].pk}")
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"
    assert AuditEvent.objects.using("audit").filter(action="access_denied", actor_id=str(other_org_user.pk),
                                                    case_id=str(three_types["pga"].pk)).exists()


def test_a_subject_who_is_also_a_shielded_source_is_left_out_without_that_category(make_user, other_organisation):
    owner = make_user(role=PROCESREGISSEUR)
    melder, _ = person_register(actor=owner, controller=owner.organisation, first_names="Mel",
                                surname="Testmelder-Geheim", bsn="111333507")
    case = case_create(case_type="example", owner=owner, controller=owner.organisation, person=melder, by=owner,
                       reason="example registered")
    save_with_reason(ExampleSource(case=case, data_key_id=case.data_key_id, person=melder, statement="Verklaring"),
                     reason="source recorded", user=owner)
    share(case, by=owner, partner_org=other_organisation, categories=("metadata", "personalia"))
    partner = make_user(role=KETENPARTNER, organisation=other_organisation)
    body = api_client(partner).get("/api/v1/cases").json()
    assert [row["person"] for row in body["results"]] == [None]
    assert "Testmelder-Geheim" not in str(body)
    assert api_client(partner).get(f"/api/v1/cases/{case.pk}").json()["person"] is None
    owner_row = api_client(owner).get(f"/api/v1/cases/{case.pk}").json()
    assert owner_row["person"]["surname"] == "Testmelder-Geheim"  # the owner holds every category
    assert datetime.date.fromisoformat(owner_row["opened_on"])


def test_the_list_reads_of_each_person_only_what_a_row_shows_in_as_many_queries_for_more_rows(regisseur):
    """A row shows its person's names and birth date: BSN, address, phone and notes are not read (data
    minimisation); the shielded roles of every type are one query, however many rows and types."""
    client = api_client(regisseur)
    make_pga_case(owner=regisseur, surname="Testpersoon-Rij")
    client.get("/api/v1/cases")  # warm caches outside the comparison
    counts = []
    for more in (0, 6):
        for _ in range(more):
            make_pga_case(owner=regisseur)
        with count_queries() as queries:
            body = client.get("/api/v1/cases").json()
        assert body["count"] == 1 + more and all(row["person"]["date_of_birth"] for row in body["results"])
        counts.append(len(queries))
        person_reads = [query["sql"] for query in queries if '"casework_person"."surname"' in query["sql"]]
        assert person_reads and all('"casework_person"."date_of_birth"' in sql for sql in person_reads)
        assert not any(f'"casework_person"."{field}"' in sql for sql in person_reads
                       for field in ("bsn", "address", "phone", "contact_notes"))
    assert counts[0] == counts[1]
    assert "Testpersoon-Rij" in str(body)
