"""Dashboards per role (the `dashboard` URL): real data, list events for the cases shown."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import HANDHAVER, PRIVACY_OFFICER
from audit.errors import AuditWriteError
from audit.history import save_with_reason
from casework import dashboards, selectors
from casework.categories import PERSONALIA
from casework.pga import workflow as pga
from casework.pga.services import agreement_record
from casework.services import case_create
from encryption.pseudonyms import subject_pseudonym
from tests.auditlog import events
from tests.casework.web.read_support import share_with
from tests.conftest import count_queries
from tests.factories.casework import clone_cases, make_pga_case
from tests.testapps.exampletype.models import ExampleObjection

pytestmark = pytest.mark.django_db(databases="__all__")
URL = reverse("dashboard")


def test_procesregisseur_sees_own_cases_and_team_referrals(client, login, regisseur, colleague, other_team_user):
    mine = make_pga_case(owner=regisseur, status=pga.IN_BEHANDELING, surname="Testpersoon-Mijn")
    referral = make_pga_case(owner=colleague, surname="Testpersoon-Triage")
    hidden = make_pga_case(owner=other_team_user, surname="Testpersoon-Anders")
    login(client, regisseur)
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200 and html.count("<h1") == 1
    assert mine.reference in html and referral.reference in html and "Testpersoon-Mijn" in html
    assert hidden.reference not in html and "Testpersoon-Anders" not in html
    listed = events(action="list")
    assert {event.case_id for event in listed} == {str(mine.pk), str(referral.pk)}
    assert {event.subject_pseudonym for event in listed} == {
        subject_pseudonym(mine.person_id), subject_pseudonym(referral.person_id)}
    assert {event.reason for event in listed} == {"dashboard"}


def test_teamleider_sees_the_organisation(client, login, lead, regisseur, other_org_user):
    own = make_pga_case(owner=regisseur)
    elsewhere = make_pga_case(owner=other_org_user)
    login(client, lead)
    html = client.get(URL).content.decode()
    assert own.reference in html and elsewhere.reference not in html
    assert reverse("accounts:user_list") in html


def test_ketenpartner_sees_shared_cases_only(client, login, regisseur, partner, partner_org):
    shared = make_pga_case(owner=regisseur, surname="Testpersoon-Gedeeld")
    private = make_pga_case(owner=regisseur)
    share_with(shared, regisseur, partner_org, [PERSONALIA])
    login(client, partner)
    html = client.get(URL).content.decode()
    assert shared.reference in html and "Testpersoon-Gedeeld" in html
    assert private.reference not in html
    assert reverse("casework:referral_create") in html
    assert {event.case_id for event in events(action="list")} == {str(shared.pk)}


@pytest.mark.parametrize("role", [HANDHAVER, PRIVACY_OFFICER])
def test_other_roles_keep_their_dashboard(client, login, make_user, role):
    login(client, make_user(role=role))
    assert client.get(URL).status_code == 200
    assert events(action="list").count() == 0


def test_a_failing_audit_write_answers_503(client, login, regisseur, monkeypatch):
    make_pga_case(owner=regisseur, surname="Testpersoon-Dashboard")

    def refuse(**kwargs):
        raise AuditWriteError("audit database unavailable (test)")

    monkeypatch.setattr("casework.disclosures.record_batch", refuse)
    login(client, regisseur)
    response = client.get(URL)
    assert response.status_code == 503 and "Testpersoon-Dashboard" not in response.content.decode()


def test_the_newest_cases_come_first_also_when_opened_the_same_day(lead, regisseur):
    """12 cases opened today: the list of 10 shows the last 10 registered, the newest first
    (it showed DAM-0001 ... before, so a new file never appeared)."""
    cases = [make_pga_case(owner=regisseur) for _ in range(12)]
    board = dashboards.teamleider_dashboard(user=lead)
    assert board.totals["organisation"] == 12
    assert [row.case.reference for row in board.sections["organisation"]] == [
        case.reference for case in reversed(cases[2:])]


def _example_case(owner, due_on):
    case = case_create(case_type="example", owner=owner, controller=owner.organisation, person=None, by=owner,
                       reason="example registered")
    save_with_reason(ExampleObjection(case=case, data_key_id=case.data_key_id, due_on=due_on),
                     reason="objection", user=owner)
    return case


def test_a_type_without_its_own_next_deadline_shows_its_earliest_term(regisseur, partner, partner_org):
    """The next deadline comes from the type's `deadlines` (the example type gives no `next_deadline`),
    for the whole page at once; a partner who does not see the type's data gets no date."""
    tomorrow = timezone.localdate() + timedelta(days=1)
    case = _example_case(regisseur, tomorrow)
    save_with_reason(ExampleObjection(case=case, data_key_id=case.data_key_id, due_on=tomorrow + timedelta(days=9)),
                     reason="objection", user=regisseur)
    (row,) = selectors.case_rows(user=regisseur, cases=[case])
    assert (row.next_deadline, row.overdue) == (tomorrow, False)
    share_with(case, regisseur, partner_org, [PERSONALIA])
    (shared,) = selectors.case_rows(user=partner, cases=[case])
    assert shared.next_deadline is None


@pytest.mark.parametrize("rows", [10, 200])
@pytest.mark.parametrize("role", ["regisseur", "lead"])
def test_a_dashboard_costs_the_same_queries_for_10_or_200_cases(client, login, regisseur, lead, partner_org, role,
                                                                 rows):
    """Its sections show their first ten and count the rest; its deadlines the ten soonest of every term."""
    user = {"regisseur": regisseur, "lead": lead}[role]
    working = make_pga_case(owner=regisseur, status=pga.IN_BEHANDELING)
    referral = make_pga_case(owner=regisseur)
    agreement_record(actor=regisseur, case=working, description="Testafspraak", owner_organisation=partner_org,
                     due_on=timezone.localdate() + timedelta(days=3))
    login(client, user)
    client.get(URL)
    with count_queries() as few:
        assert client.get(URL).status_code == 200
    clone_cases(working, rows, reference="TEST-DSH-IN-{n:04d}", opened_on=lambda n: working.opened_on - timedelta(n))
    # each a triage contact term: the deadlines' ten soonest of many
    clone_cases(referral, rows, reference="TEST-DSH-AA-{n:04d}", opened_on=lambda n: referral.opened_on - timedelta(n))
    with count_queries() as many:
        response = client.get(URL)
    board = response.context["board"]
    assert len(many) == len(few)
    if role == "regisseur":
        assert board.totals["mine"] == 2 * rows + 2 and len(board.sections["mine"]) == dashboards.DASHBOARD_ROWS
        assert board.contribution("triage").cases and len(board.deadlines) == 10
    else:
        assert board.totals["organisation"] == 2 * rows + 2
        assert len(board.sections["organisation"]) == dashboards.DASHBOARD_ROWS
