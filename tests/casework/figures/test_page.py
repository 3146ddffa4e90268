"""The annual figures page and its exports (casework/figures/web/views.py): every registered type's
indicators without the page naming one (the test-only example type), suppression on the page and in
the exports, CSP-clean charts, access refused and recorded, exports audited and escaped, and a query
count that does not grow with the number of cases."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from accounts.roles import HANDHAVER, KETENPARTNER, PRIVACY_OFFICER, PROCESREGISSEUR, TEAMLEIDER
from audit.models import AuditEvent
from casework.figures import services
from casework.figures.models import ExternalFigure
from casework.models import Case
from casework.services import case_create
from tests.conftest import count_queries

pytestmark = pytest.mark.django_db(databases="__all__")
YEARS = "?tot=2025"


@pytest.fixture
def lead(make_user):
    return make_user(role=TEAMLEIDER)


def example_cases(owner, opened: list[date]) -> None:
    for day in opened:
        case = case_create(case_type="example", owner=owner, controller=owner.organisation, person=None, by=owner,
                           reason="example registered")
        Case.objects.filter(pk=case.pk).update(opened_on=day)


@pytest.fixture
def cases(make_user):
    """2024: 12 example cases (Q1: 6, Q2: 5, Q3: 1); 2025: 2 (Q2)."""
    owner = make_user(role=PROCESREGISSEUR)
    example_cases(owner, [date(2024, 2, 1)] * 6 + [date(2024, 5, 1)] * 5 + [date(2024, 8, 1)]
                  + [date(2025, 5, 1)] * 2)
    return owner


def _example_row(body: str, year: int) -> str:
    start = body.index('id="figure-exampleopened"')
    table = body[start:body.index("</table>", start)]
    row = table[table.index(f">{year}</th>"):]
    return row[:row.index("</tr>")]


def test_the_example_type_appears_with_its_counting_rule_and_suppressed_cells(client, login, lead, cases):
    login(client, lead)
    response = client.get(f"/jaarcijfers/{YEARS}")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Example cases opened" in body and "Example cases by the date they were opened." in body
    row_2024 = _example_row(body, 2024)
    cells = [part.split("<")[0] for part in row_2024.split('utrecht-table__cell">')[1:]]
    assert cells[:5] == ["6", "x", "&lt; 5", "0", "12"]  # Q3 (1) suppressed, Q2 withheld: else Q3 = 12 - 6 - 5
    row_2025 = _example_row(body, 2025)
    assert ">2</td>" not in row_2025 and "&lt; 5" in row_2025
    for name in ("Waarschuwing/sluiting panden (wet Damocles)", "Warnings and closures of premises"):
        if name in body:
            break
    else:
        pytest.fail("the Damocles indicator is missing")
    assert "style=" not in body and "<script>" not in body and body.count("<svg") >= 5


@pytest.mark.parametrize("role", [HANDHAVER, TEAMLEIDER, PRIVACY_OFFICER])
def test_officers_leads_and_privacy_officers_see_the_page(client, login, make_user, role):
    login(client, make_user(role=role))
    assert client.get("/jaarcijfers/").status_code == 200


@pytest.mark.parametrize("role", [PROCESREGISSEUR, KETENPARTNER])
def test_other_roles_are_refused_and_the_refusal_is_recorded(client, login, make_user, role):
    user = make_user(role=role)
    login(client, user)
    for path in ("/jaarcijfers/", "/jaarcijfers.csv", "/jaarcijfers.xlsx", "/jaarcijfers/doelen/",
                 "/jaarcijfers/extern/"):
        assert client.get(path).status_code == 403
    denied = AuditEvent.objects.using("audit").filter(action="access_denied", actor_id=str(user.pk))
    assert denied.count() == 5
    assert not AuditEvent.objects.using("audit").filter(action="export", actor_id=str(user.pk)).exists()


def test_only_a_team_lead_sets_goals_and_external_figures(client, login, make_user):
    login(client, make_user(role=HANDHAVER))
    assert client.get("/jaarcijfers/doelen/").status_code == 403
    assert client.post("/jaarcijfers/extern/", {"kind": "veilig_thuis", "year": 2025, "value": 3,
                                                "source": "Veilig Thuis"}).status_code == 403
    assert not ExternalFigure.objects.exists()


def test_csv_export_is_the_published_cells_escaped_and_audited(client, login, lead, cases):
    services.external_figure_set(actor=lead, kind="veilig_thuis", year=2025, value=212,
                                 source="=HYPERLINK(\"http://example.invalid\")")
    login(client, lead)
    response = client.get(f"/jaarcijfers.csv{YEARS}")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "no-store" in response["Cache-Control"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    example = [row for row in rows if row[0] == "example.opened" and row[6] == ""]
    by_period = {(row[4], row[5]): row[8] for row in example}
    assert by_period[("2024", "Q1")] == "6" and by_period[("2024", "Q2")] == "x"
    assert by_period[("2024", "Q3")] == "< 5" and by_period[("2024", "year")] == "12"
    assert by_period[("2025", "Q2")] == "< 5" and by_period[("2025", "year")] in ("< 5", "x")
    assert "1" not in {row[9] for row in example}  # a suppressed value never leaves as a number
    [veilig_thuis] = [row for row in rows if row[0] == "external.veilig_thuis" and row[4] == "2025"]
    assert veilig_thuis[8] == "212" and veilig_thuis[12].startswith("'=")
    event = AuditEvent.objects.using("audit").get(action="export", object_type="figures.annual")
    assert event.actor_id == str(lead.pk) and event.subject_pseudonym == "" and "csv" in event.reason


def test_xlsx_export_matches_and_is_audited(client, login, lead, cases):
    services.external_figure_set(actor=lead, kind="youth_nuisance", year=2024, value=40, source="@SUM(A1)")
    login(client, lead)
    response = client.get(f"/jaarcijfers.xlsx{YEARS}")
    assert response.status_code == 200 and "spreadsheetml" in response["Content-Type"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    example = {(row[4], row[5]): row[8] for row in rows if row[0] == "example.opened" and not row[6]}
    assert example[(2024, "Q1")] == "6" and example[(2024, "Q3")] == "< 5"
    [youth] = [row for row in rows if row[0] == "external.youth_nuisance" and row[4] == 2024]
    assert youth[9] == 40 and youth[12] == "'@SUM(A1)"
    assert all(not (isinstance(value, str) and value.startswith("=")) for row in rows for value in row)
    assert AuditEvent.objects.using("audit").filter(action="export", object_type="figures.annual",
                                                    reason__contains="xlsx").count() == 1


def test_the_page_queries_do_not_grow_with_the_cases(client, login, lead, make_user):
    owner = make_user(role=PROCESREGISSEUR)
    example_cases(owner, [date(2025, 1, 10)])
    login(client, lead)
    client.get(f"/jaarcijfers/{YEARS}")  # warm up session and caches
    with count_queries() as few:
        assert client.get(f"/jaarcijfers/{YEARS}").status_code == 200
    example_cases(owner, [date(2022 + n % 4, 1 + n % 12, 1) for n in range(12)])
    with count_queries() as many:
        assert client.get(f"/jaarcijfers/{YEARS}").status_code == 200
    assert len(many) == len(few)
    assert len(few) < 40


def test_a_lead_removes_only_a_goal_of_the_own_organisation(client, login, lead, make_user, other_organisation):
    """Removing a goal: a POST by a team lead of the goal's organisation; another organisation's goal id
    answers 404 and stays; a GET is not allowed."""
    from decimal import Decimal

    from django.urls import reverse

    from casework.figures.models import Goal

    other_lead = make_user(role=TEAMLEIDER, organisation=other_organisation)
    theirs = services.goal_set(actor=other_lead, indicator="external.veilig_thuis", year=2026, comparison="lte",
                               value=Decimal(10))
    ours = services.goal_set(actor=lead, indicator="external.veilig_thuis", year=2026, comparison="lte",
                             value=Decimal(8))
    login(client, lead)
    assert client.post(reverse("casework:figures_goal_delete", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("casework:figures_goal_delete", args=[ours.pk])).status_code == 405
    assert set(Goal.objects.values_list("pk", flat=True)) == {theirs.pk, ours.pk}
    assert client.post(reverse("casework:figures_goal_delete", args=[ours.pk])).status_code == 302
    assert set(Goal.objects.values_list("pk", flat=True)) == {theirs.pk}
