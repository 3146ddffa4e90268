"""The figures pages read their numbers as last computed (casework/figures/stored.py, ADR 0058): the stored
numbers are exactly what counting gives, a change shows after the next computation (the nightly job or
"Compute now"), the page and the exports say when they were computed, computing on request is refused to
whoever may not see the figures and recorded for whoever may, and neither the page nor a computation asks
more queries as the cases grow."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.roles import HANDHAVER, KETENPARTNER, PROCESREGISSEUR, TEAMLEIDER
from audit.models import AuditEvent
from casework.figures import stored
from casework.figures.indicators import AMOUNT, DAYS, SCORE, Breakdown, Indicator, TypeFigures
from casework.figures.models import StoredFigures
from tests.casework.figures.test_page import _example_row, example_cases
from tests.conftest import count_queries

pytestmark = pytest.mark.django_db(databases="__all__")
YEARS = [2022, 2023, 2024, 2025]


@pytest.fixture
def lead(make_user):
    return make_user(role=TEAMLEIDER)


@pytest.fixture
def owner(make_user):
    return make_user(role=PROCESREGISSEUR)


def _cells(body: str, year: int) -> list[str]:
    return [part.split("<")[0] for part in _example_row(body, year).split('utrecht-table__cell">')[1:]]


def test_stored_numbers_decode_to_what_was_counted():
    """Every kind of number a provider gives survives the round trip: counts, amounts as decimals, averages
    with their basis per year and quarter, a missing average (None), breakdowns with their basis."""
    counted = [TypeFigures("kind", "Soort", (
        Indicator(code="opened", label="Geopend", rule="r", years={2024: 12, 2025: 2},
                  quarters={(2024, 1): 6, (2024, 2): 5, (2024, 3): 1, (2025, 2): 2},
                  breakdowns=(Breakdown("reason", "per reden", (("a", "A"), ("b", "B")),
                                        values={(2024, "a"): 7, (2024, "b"): 5, (2025, "a"): 2}),)),
        Indicator(code="paid", label="Betaald", rule="r", unit=AMOUNT, years={2024: Decimal("1250.10")},
                  quarters={(2024, 4): Decimal("1250.10")}, basis={2024: 3, (2024, 4): 3},
                  breakdowns=(Breakdown("kind", "per soort", (("x", "X"),), values={(2024, "x"): Decimal("1250.10")},
                                        basis={(2024, "x"): 3}),)),
        Indicator(code="days", label="Dagen", rule="r", unit=DAYS, years={2024: Decimal("12.3"), 2025: None},
                  quarters={(2024, 1): Decimal("10.0"), (2024, 2): Decimal("15.0")},
                  basis={2024: 12, (2024, 1): 6, (2024, 2): 6}),
        Indicator(code="absent", label="Niet vastgelegd", rule="r", available=False),
    ))]
    shapes = [TypeFigures("kind", "Soort", tuple(
        Indicator(code=i.code, label=i.label, rule=i.rule, unit=i.unit, available=i.available,
                  breakdowns=tuple(Breakdown(b.code, b.label, b.categories) for b in i.breakdowns))
        for i in counted[0].indicators))]
    rows = {year: stored.encode(counted, year) for year in (2024, 2025, 2026)}
    decoded = stored.decode(shapes, rows)
    assert decoded == counted
    assert isinstance(decoded[0].indicators[2].years[2024], Decimal)  # not a float near it
    assert stored.decode(shapes, {2024: rows[2024]})[0].indicators[0].years == {2024: 12}


def test_an_average_on_fewer_than_five_cases_is_not_stored_and_shows_as_before():
    """An identifying average resting on 1 to 4 cases (the change in self-reliance opens encrypted health scores) is
    withheld on every page; it is not stored either, and what is published from the stored numbers is what was
    published from the counted ones."""
    from casework.figures.selectors import publish

    counted = Indicator(code="change", label="Verandering", rule="r", unit=SCORE,
                        years={2024: Decimal("1.50"), 2025: Decimal("0.40")},
                        quarters={(2024, 1): Decimal("2.00"), (2024, 2): Decimal("0.75")},
                        basis={2024: 3, (2024, 1): 1, (2024, 2): 6, 2025: 7})
    shape = Indicator(code="change", label="Verandering", rule="r", unit=SCORE)
    rows = {year: stored.encode([TypeFigures("kind", "Soort", (counted,))], year) for year in (2024, 2025)}
    assert rows[2024]["kind"]["change"]["year"] == [] and "1" not in rows[2024]["kind"]["change"]["quarters"]
    assert rows[2024]["kind"]["change"]["quarters"]["2"] == "0.75" and rows[2025]["kind"]["change"]["year"] == ["0.40"]
    [read] = stored.decode([TypeFigures("kind", "Soort", (shape,))], rows)[0].indicators

    def published(indicator: Indicator) -> list[list[str]]:
        result = publish(indicator, key="kind.change", type_label="Soort", years=[2024, 2025], goals={})
        return [[row.total.text, *(cell.text for cell in row.quarters)] for row in result.rows]

    assert published(read) == published(counted)
    assert published(read)[0][0] == "x" and published(read)[1][0] != "x"


def test_asked_for_no_years_the_providers_count_nothing(lead):
    with count_queries() as queries:
        shapes = stored.type_figures(organisation_id=lead.organisation_id, years=[])
    assert shapes and len(queries) == 0


@pytest.mark.both_databases
def test_every_registered_figure_reads_as_it_counts(lead, owner):
    """Across every registered type: the stored figures equal a count now."""
    example_cases(owner, [date(2024, 2, 1)] * 6 + [date(2025, 5, 1)] * 2)
    read, computed_at = stored.annual(lead.organisation_id, YEARS)
    assert read == stored.type_figures(organisation_id=lead.organisation_id, years=YEARS)
    assert computed_at is not None and timezone.now() - computed_at < timedelta(minutes=5)
    assert set(StoredFigures.objects.values_list("period", flat=True)) == {str(year) for year in YEARS}


def test_a_change_shows_after_the_next_computation_and_the_page_says_when(client, login, lead, owner):
    example_cases(owner, [date(2024, 2, 1)] * 6)
    login(client, lead)
    body = client.get("/jaarcijfers/?tot=2025").content.decode()
    assert _cells(body, 2024)[0] == "6" and "Stand van" in body and "Nu opnieuw berekenen" in body
    example_cases(owner, [date(2024, 2, 1)] * 3)
    assert _cells(client.get("/jaarcijfers/?tot=2025").content.decode(), 2024)[0] == "6"  # as computed
    response = client.post("/jaarcijfers/berekenen/", {"tot": 2025}, follow=True)
    assert response.redirect_chain[-1][0] == "/jaarcijfers/?tot=2025"
    body = response.content.decode()
    assert _cells(body, 2024)[0] == "9" and "De cijfers zijn opnieuw berekend." in body
    event = AuditEvent.objects.using("audit").get(object_type="figures.StoredFigures")
    assert event.action == "update" and event.actor_id == str(lead.pk) and "2022-2025" in event.reason


def test_the_exports_name_the_moment_of_computation(client, login, lead, owner):
    example_cases(owner, [date(2024, 2, 1)] * 6)
    login(client, lead)
    rows = list(csv.reader(io.StringIO(client.get("/jaarcijfers.csv?tot=2025").content.decode())))
    moment = timezone.localtime(StoredFigures.objects.get(period="2024").computed_at).strftime("%Y-%m-%d %H:%M")
    assert rows[0][-1] == "Berekend op"
    assert {row[-1] for row in rows[1:] if row[0] == "example.opened"} == {moment}
    assert {row[-1] for row in rows[1:] if row[0].startswith("external.")} == {""}  # entered, not computed


@pytest.mark.parametrize("role", [PROCESREGISSEUR, KETENPARTNER])
def test_computing_is_refused_to_whoever_may_not_see_the_figures(client, login, make_user, role):
    user = make_user(role=role)
    login(client, user)
    assert client.post("/jaarcijfers/berekenen/", {"tot": 2025}).status_code == 403
    assert client.post("/damocles/figures/berekenen/").status_code == 403
    assert not StoredFigures.objects.exists()
    assert AuditEvent.objects.using("audit").filter(action="access_denied", actor_id=str(user.pk)).count() == 2


def test_computing_is_a_post(client, login, lead):
    login(client, lead)
    assert client.get("/jaarcijfers/berekenen/").status_code == 405
    assert not StoredFigures.objects.exists()


def test_a_bad_year_computes_the_years_up_to_this_one(client, login, lead):
    login(client, lead)
    this_year = timezone.localdate().year
    response = client.post("/jaarcijfers/berekenen/", {"tot": "twintig"})
    assert response.status_code == 302 and response["Location"] == f"/jaarcijfers/?tot={this_year}"
    assert set(StoredFigures.objects.values_list("period", flat=True)) == {
        str(year) for year in range(this_year - 3, this_year + 1)}


def test_a_last_year_whose_four_years_start_before_the_first_year_is_a_bad_year(client, login, lead):
    """The four years up to 2001 would start in 1998, before any year the figures know: refused like any bad year,
    not an error of the server."""
    login(client, lead)
    this_year = timezone.localdate().year
    response = client.post("/jaarcijfers/berekenen/", {"tot": 2001})
    assert response.status_code == 302 and response["Location"] == f"/jaarcijfers/?tot={this_year}"
    assert client.post("/jaarcijfers/berekenen/", {"tot": 2003}).status_code == 302
    assert "2000" in StoredFigures.objects.values_list("period", flat=True)


def test_a_year_lacking_a_listed_figure_is_computed_on_its_visit(lead, owner):
    example_cases(owner, [date(2024, 2, 1)] * 6)
    stored.annual(lead.organisation_id, [2024])
    row = StoredFigures.objects.get(period="2024")
    row.values["example"].pop("opened")  # stored by a release that did not know this figure
    row.values["example"] = row.values["example"] or {}
    StoredFigures.objects.filter(pk=row.pk).update(values=row.values)
    read, _moment = stored.annual(lead.organisation_id, [2024])
    [example] = [item for item in read if item.case_type == "example"]
    assert example.indicators[0].years == {2024: 6}
    assert "opened" in StoredFigures.objects.get(period="2024").values["example"]


@pytest.mark.both_databases
def test_computing_twice_keeps_one_row_per_year_with_the_later_numbers(lead, owner):
    stored.refresh_annual(lead.organisation_id, [2024])
    example_cases(owner, [date(2024, 2, 1)] * 5)
    first = StoredFigures.objects.get(period="2024").computed_at
    stored.refresh_annual(lead.organisation_id, [2024])
    row = StoredFigures.objects.get(period="2024")
    assert row.values["example"]["opened"]["year"] == [5] and row.computed_at >= first


@pytest.mark.both_databases
def test_the_nightly_job_computes_what_is_stored_and_the_years_shown_by_default(lead, owner, make_user,
                                                                                other_organisation):
    example_cases(owner, [date(2019, 3, 1)] * 5)
    stored.refresh_annual(lead.organisation_id, [2019])
    other = make_user(role=TEAMLEIDER, organisation=other_organisation)
    StoredFigures.objects.create(organisation=other.organisation, report="gone", period="all", values={},
                                 computed_at=timezone.now() - timedelta(days=3))  # a report no longer registered
    example_cases(owner, [date(2019, 3, 1)] * 2)
    call_command("refresh_figures", stdout=io.StringIO())
    this_year = timezone.localdate().year
    assert set(StoredFigures.objects.filter(organisation=lead.organisation, report="annual")
               .values_list("period", flat=True)) == {"2019", *(str(y) for y in range(this_year - 3, this_year + 1))}
    assert StoredFigures.objects.get(organisation=lead.organisation, period="2019").values[
        "example"]["opened"]["year"] == [7]
    gone = StoredFigures.objects.get(report="gone")
    assert timezone.now() - gone.computed_at > timedelta(days=2)  # left as it was


def test_a_report_that_fails_leaves_the_others_computed_and_fails_the_job(lead, owner, monkeypatch):
    from django.core.management.base import CommandError

    example_cases(owner, [date(2024, 3, 1)])
    stored.refresh_annual(lead.organisation_id, [2024])
    StoredFigures.objects.create(organisation=lead.organisation, report="a-broken", period="all", values={},
                                 computed_at=timezone.now() - timedelta(days=3))

    def broken(organisation_id, periods):
        raise RuntimeError("the report's query failed")

    monkeypatch.setitem(stored.REFRESHERS, "a-broken", broken)  # sorts before "annual": the job goes on after it
    example_cases(owner, [date(2024, 3, 1)])
    with pytest.raises(CommandError, match="a-broken of organisation .* \\(RuntimeError\\)"):
        call_command("refresh_figures", stdout=io.StringIO())
    row = StoredFigures.objects.get(organisation=lead.organisation, report="annual", period="2024")
    assert row.values["example"]["opened"]["year"] == [2]  # computed although another report failed


def test_neither_the_page_nor_a_computation_asks_more_queries_as_the_cases_grow(client, login, lead, owner):
    example_cases(owner, [date(2025, 1, 10)])
    login(client, lead)
    client.get("/jaarcijfers/?tot=2025")  # warm up session and caches; computes the years
    with count_queries() as few_read:
        client.get("/jaarcijfers/?tot=2025")
    with count_queries() as few_computed:
        stored.refresh_annual(lead.organisation_id, YEARS)
    example_cases(owner, [date(2022 + n % 4, 1 + n % 12, 1) for n in range(12)])
    with count_queries() as many_computed:
        stored.refresh_annual(lead.organisation_id, YEARS)
    with count_queries() as many_read:
        client.get("/jaarcijfers/?tot=2025")
    assert len(many_read) == len(few_read) and len(many_computed) == len(few_computed)
    assert not any('"casework_case"' in query["sql"] for query in many_read)  # the page counts no case


def test_the_demo_stores_no_figures_before_its_cases_exist(db):
    from casework.figures.demo import demo_lines

    demo_lines()
    assert not StoredFigures.objects.exists()


# --- the Damocles figures page --------------------------------------------------------------------------

@pytest.mark.both_databases
def test_the_damocles_page_reads_its_figures_as_computed_and_computes_on_request(client, login, make_user):
    from casework.damocles.selectors import figures
    from tests.casework.damocles.letters_support import make_premises, make_procedure

    officer = make_user(role=HANDHAVER)

    def closure() -> None:
        make_procedure(owner=officer, premises=make_premises(actor=officer), with_person=False,
                       chosen_sanction="closure", chosen_days=28, decided_on=date(2025, 4, 1))

    closure()
    login(client, officer)
    body = client.get("/damocles/figures/").content.decode()
    assert "Stand van" in body
    data, _moment = figures.stored_figures(organisation_id=officer.organisation_id)
    assert data == figures.damocles_figures(organisation_id=officer.organisation_id)
    assert figures.measures_by_year(data) == {2025: {"closure": 1}}
    closure()
    with count_queries() as reading:
        stale, _moment = figures.stored_figures(organisation_id=officer.organisation_id)
    assert figures.measures_by_year(stale) == {2025: {"closure": 1}} and len(reading) == 1
    assert client.post("/damocles/figures/berekenen/").status_code == 302
    fresh, _moment = figures.stored_figures(organisation_id=officer.organisation_id)
    assert fresh == figures.damocles_figures(organisation_id=officer.organisation_id)
    assert figures.measures_by_year(fresh) == {2025: {"closure": 2}}
    event = AuditEvent.objects.using("audit").get(object_type="figures.StoredFigures")
    assert event.actor_id == str(officer.pk) and event.reason == "damocles figures computed on request"
    closure()
    call_command("refresh_figures", stdout=io.StringIO())
    nightly, _moment = figures.stored_figures(organisation_id=officer.organisation_id)
    assert figures.measures_by_year(nightly) == {2025: {"closure": 3}}
