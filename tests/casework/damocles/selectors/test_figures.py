"""Damocles figures (casework/damocles/selectors/figures.py, web/views/figures.py): counts, CSV, access, queries."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from accounts.roles import HANDHAVER, KETENPARTNER, PROCESREGISSEUR, TEAMLEIDER
from audit.models import AuditEvent
from casework.damocles.selectors import figures
from tests.casework.damocles.letters_support import add_objection, announce, make_premises, make_procedure
from tests.conftest import count_queries
from tests.factories.accounts import TeamFactory

pytestmark = pytest.mark.django_db(databases="__all__")


@pytest.fixture
def officer(make_user, organisation):
    return make_user(role=HANDHAVER, team=TeamFactory(organisation=organisation, name="Testteam Handhaving"))


def closure(owner, premises, *, days, decided_on=None, **extra):
    return make_procedure(owner=owner, premises=premises, with_person=False, chosen_sanction="closure",
                          chosen_days=days, decided_on=decided_on, **extra)


def warning(owner, premises, *, decided_on):
    return make_procedure(owner=owner, premises=premises, with_person=False, chosen_sanction="warning",
                          decided_on=decided_on)


def warned_by_state_only(owner, premises, *, on: date):
    """A warning known only from the case's step into `waarschuwing` (no sanction field filled): what that
    step keeps on the details (tests/casework/damocles/test_workflow.py walks the real step)."""
    return make_procedure(owner=owner, premises=premises, with_person=False, warned=True, decisive_step_on=on)


@pytest.fixture
def procedures(officer, make_user, other_organisation):
    """2024: two warnings; 2025: three premises closed (one twice), one urgent; 2026: one warning;
    objections 2025: dismissed + pending, 2026: upheld + withdrawn. Plus rows that must not count."""
    a, b = make_premises(actor=officer, kind="woning"), make_premises(actor=officer, kind="lokaal")
    c, d = make_premises(actor=officer, kind="woning"), make_premises(actor=officer, kind="other")
    warning(officer, a, decided_on=date(2024, 3, 1))
    warning(officer, b, decided_on=date(2024, 5, 1))
    second_at_a = closure(officer, a, days=91, decided_on=date(2025, 2, 1))
    first_at_c = closure(officer, c, days=28, decided_on=date(2025, 6, 1))
    closure(officer, c, days=183, decided_on=date(2025, 10, 1))
    closure(officer, d, days=None, urgent=True, sealed_on=date(2025, 8, 1))
    warned_by_state_only(officer, b, on=date(2026, 1, 15))
    closure(officer, make_premises(actor=officer), days=91)  # still being assessed: not counted
    announcement = announce(second_at_a, by=officer, announced_on=date(2025, 2, 3), name="Testeigenaar")
    add_objection(second_at_a, announcement, by=officer, received_on=date(2025, 3, 1), state="decided",
                  outcome="dismissed")
    add_objection(second_at_a, announcement, by=officer, received_on=date(2025, 3, 5))
    announcement = announce(first_at_c, by=officer, announced_on=date(2025, 6, 2), name="Testhuurder")
    add_objection(first_at_c, announcement, by=officer, received_on=date(2026, 1, 10), state="decided",
                  outcome="upheld")
    add_objection(first_at_c, announcement, by=officer, received_on=date(2026, 2, 1), state="withdrawn")
    foreign = make_user(role=HANDHAVER, organisation=other_organisation)
    other = closure(foreign, make_premises(actor=foreign), days=28, decided_on=date(2025, 4, 1))
    add_objection(other, announce(other, by=foreign, announced_on=date(2025, 4, 2), name="Testander"), by=foreign,
                  received_on=date(2025, 4, 20))


def test_counts_per_year_kind_band_and_objection_outcome(officer, procedures):
    data = figures.damocles_figures(organisation_id=officer.organisation_id)
    assert data.years == [2024, 2025, 2026]
    assert figures.measures_by_year(data) == {2024: {"warning": 2}, 2025: {"closure": 3}, 2026: {"warning": 1}}
    assert data.by_kind == {
        (2024, "warning", "woning"): 1, (2024, "warning", "lokaal"): 1,
        (2025, "closure", "woning"): 2, (2025, "closure", "other"): 1,
        (2026, "warning", "lokaal"): 1,
    }
    assert data.by_band == {(2025, "upto_4_weeks"): 1, (2025, "upto_3_months"): 1, (2025, "upto_6_months"): 1,
                            (2025, "indefinite"): 1}
    assert data.objections == {(2025, "dismissed"): 1, (2025, "pending"): 1, (2026, "upheld"): 1,
                               (2026, "withdrawn"): 1}


def test_csv_matches_the_figures_and_is_an_export_event(client, login, officer, procedures):
    login(client, officer)
    response = client.get("/damocles/figures.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    data = figures.damocles_figures(organisation_id=officer.organisation_id)
    assert len(rows) == len(figures.csv_rows(data)) - 1

    def count(section, year, measure="", category=""):
        [row] = [r for r in rows if (r["section"], r["year"], r["measure"], r["category"]) ==
                 (section, str(year), measure, category)]
        return int(row["count"])

    assert count("premises", 2024, "warning") == 2 and count("premises", 2025, "closure") == 3
    assert count("premises", 2025, "warning") == 0 and count("premises", 2026, "warning") == 1
    assert count("premises_by_kind", 2025, "closure", "woning") == 2
    assert count("premises_by_kind", 2024, "warning", "lokaal") == 1
    assert count("closures_by_duration", 2025, "closure", "indefinite") == 1
    assert count("closures_by_duration", 2025, "closure", "upto_12_months") == 0
    assert count("objections", 2025, "", "pending") == 1 and count("objections", 2026, "", "upheld") == 1
    assert "Testeigenaar" not in response.content.decode() and "Teststraat" not in response.content.decode()
    event = AuditEvent.objects.using("audit").get(action="export", object_type="damocles.figures")
    assert event.processing_activity == "damocles" and event.subject_pseudonym == ""
    assert event.actor_id == str(officer.pk)


def test_page_shows_chart_and_tables_for_officer_and_team_lead(client, login, officer, make_user, procedures):
    for user in (officer, make_user(role=TEAMLEIDER)):
        login(client, user)
        response = client.get("/damocles/figures/")
        assert response.status_code == 200
        body = response.content.decode()
        assert body.count("<svg") >= 1 and 'role="img"' in body
        assert body.count('class="app-chart__bar app-chart__bar--closure"') == 4  # one per year + legend
        assert "style=" not in body and "<script>" not in body
        assert body.count("<caption") == 4
        assert ">3</td>" in body  # 2025 closures


@pytest.mark.parametrize("role", [PROCESREGISSEUR, KETENPARTNER])
def test_other_roles_are_refused_with_an_event(client, login, make_user, role):
    user = make_user(role=role)
    login(client, user)
    assert client.get("/damocles/figures/").status_code == 403
    assert client.get("/damocles/figures.csv").status_code == 403
    denied = AuditEvent.objects.using("audit").filter(action="access_denied", actor_id=str(user.pk))
    assert denied.count() == 2
    assert not AuditEvent.objects.using("audit").filter(action="export", actor_id=str(user.pk)).exists()


def test_other_organisation_sees_only_its_own_figures(make_user, other_organisation, procedures):
    foreign = make_user(role=TEAMLEIDER, organisation=other_organisation)
    data = figures.damocles_figures(organisation_id=foreign.organisation_id)
    assert figures.measures_by_year(data) == {2025: {"closure": 1}}
    assert data.objections == {(2025, "pending"): 1}


def test_page_queries_do_not_grow_with_the_procedures(client, login, officer):
    login(client, officer)
    closure(officer, make_premises(actor=officer), days=28, decided_on=date(2024, 1, 10))
    client.get("/damocles/figures/")  # warm up session and caches
    with count_queries() as few:
        assert client.get("/damocles/figures/").status_code == 200
    for year in (2022, 2023):
        premises = make_premises(actor=officer)
        closure(officer, premises, days=28, decided_on=date(year, 1, 10))
        warning(officer, make_premises(actor=officer, kind="lokaal"), decided_on=date(year, 2, 10))
    with count_queries() as many:
        assert client.get("/damocles/figures/").status_code == 200
    assert len(many) == len(few)


def test_empty_page(client, login, officer):
    login(client, officer)
    response = client.get("/damocles/figures/")
    assert response.status_code == 200 and b"<svg" not in response.content
