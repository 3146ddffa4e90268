"""The read pages in headless Chromium: register a referral, find it in the list and by search,
open the case page. Every page passes axe-core (WCAG 2.1 AA), logs no console error and makes no
request that leaves the machine. Fields are found by id (the Dutch catalogue comes later)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Organisation
from accounts.roles import KETENPARTNER, PROCESREGISSEUR, TEAMLEIDER
from audit.activities import CHAIN_SHARING
from casework.models import Case
from casework.pga import workflow as pga
from casework.pga.casetype import PGA_CONFERENCES, PGA_PLAN
from casework.pga.services import agreement_record, conference_plan, plan_update
from casework.sharing import share_create
from tests.browser.conftest import axe_violations, enter
from tests.factories.accounts import OrganisationFactory, TeamFactory
from tests.factories.casework import TEST_BSNS, make_pga_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]

CASE_PATH = re.compile(r"/cases/([0-9a-f-]{36})/$")
SURNAME = "Testpersoon-Browser"
BSN = TEST_BSNS[5]


def _check(page, what: str) -> None:
    assert axe_violations(page) == [], what
    assert page.watch.console_errors == [], what
    assert page.watch.foreign_requests == [], what


def _submit(page) -> None:
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()


@pytest.fixture
def regisseur(make_user, organisation):
    return make_user(role=PROCESREGISSEUR, team=TeamFactory(organisation=organisation))


@pytest.fixture
def partner_org(db):
    return OrganisationFactory(name="Testreclassering Leespagina", kind=Organisation.Kind.RECLASSERING)


def test_register_find_and_open_a_referral(live_server, watched_page, regisseur, partner_org):
    page, base = watched_page, live_server.url
    enter(page, base, regisseur)
    _check(page, "dashboard")

    page.goto(f"{base}/cases/pga/new/")
    _check(page, "referral form")
    _submit(page)  # empty: field errors, nothing saved
    assert page.locator(".app-error").count() >= 2
    assert Case.objects.count() == 0
    _check(page, "referral form with errors")
    page.fill("#id_first_names", "Testine")
    page.fill("#id_surname", SURNAME)
    page.fill("#id_bsn", BSN)
    page.fill("#id_date_of_birth", "1984-02-29")
    page.fill("#id_address", "Teststraat 5, 9999 XX Demodorp")
    page.fill("#id_aanleiding", "Zorgen over schulden en overlast (browsertest).")
    page.fill("#id_conference_goal", "Afspraken maken over begeleiding (browsertest).")
    page.locator("#id_partners_to_invite_0").check()
    _submit(page)
    match = CASE_PATH.search(page.url)
    assert match, page.url
    case = Case.objects.get()
    assert str(case.pk) == match.group(1)
    assert SURNAME in page.locator("main").inner_text()
    assert case.reference in page.locator("h1").inner_text()
    _check(page, "case page")

    page.goto(f"{base}/cases/")
    _check(page, "case list")
    with page.expect_navigation():
        page.locator(f'main table a:has-text("{case.reference}")').click()
    assert CASE_PATH.search(page.url) and SURNAME in page.locator("main").inner_text()

    page.goto(f"{base}/cases/?deadline=7&owner=me&sort=reference")
    _check(page, "case list, filtered")
    with page.expect_navigation():
        page.locator('main button:has-text("Deze filters bewaren")').click()
    assert "Eigenaar: Ik" in page.locator("main .app-saved-filters").inner_text()
    _check(page, "case list with a saved filter")

    page.goto(f"{base}/cases/{case.pk}/print/")
    assert SURNAME in page.locator("main").inner_text() and page.locator("main form:visible").count() == 0
    _check(page, "print view of a case")

    page.goto(f"{base}/cases/search/")
    _check(page, "search")
    page.locator("#id_by_1").check()  # BSN
    page.fill("#id_bsn", BSN)
    _submit(page)
    assert BSN not in page.url
    assert case.reference in page.locator("main table").inner_text()
    _check(page, "search results")

    page.goto(f"{base}/")
    assert case.reference in page.locator("main").inner_text()
    _check(page, "dashboard with a referral awaiting triage")


def test_a_full_case_page_for_owner_partner_and_team_lead(live_server, watched_page, make_user, regisseur,
                                                         partner_org):
    case = make_pga_case(owner=regisseur, status=pga.UITVOERING, surname=SURNAME)
    conference = conference_plan(actor=regisseur, case=case, held_on=timezone.localdate(), invited=[partner_org],
                                 minutes="Notulen (browsertest).")
    agreement_record(actor=regisseur, case=case, conference=conference, description="Testafspraak (browser)",
                     owner_organisation=partner_org, due_on=timezone.localdate() - timedelta(days=1))
    plan_update(actor=regisseur, case=case, goals=[{"leefgebied": "finances", "goal": "Schulden in beeld",
                                                    "interventions": [{"description": "Budgetcoach",
                                                                       "partner_id": str(partner_org.pk),
                                                                       "due_on": timezone.localdate().isoformat()}]}])
    share_create(actor=regisseur, case=case, partner=partner_org, categories=[PGA_PLAN, PGA_CONFERENCES],
                 processing_activity=CHAIN_SHARING, purpose="Afstemming (browsertest).",
                 weighing="Alleen plan en afspraken zijn nodig voor het overleg (browsertest).",
                 ends_on=timezone.localdate() + timedelta(days=30))
    partner = make_user(role=KETENPARTNER, organisation=partner_org)
    lead = make_user(role=TEAMLEIDER, organisation=regisseur.organisation)
    page, base = watched_page, live_server.url
    for user, sees_name in ((regisseur, True), (partner, False), (lead, True)):
        enter(page, base, user)
        _check(page, f"dashboard of {user.role}")
        page.goto(f"{base}/cases/{case.pk}/")
        assert (SURNAME in page.locator("main").inner_text()) is sees_name, user.role
        assert "Schulden in beeld" in page.locator("main").inner_text()
        _check(page, f"case page for {user.role}")
        page.goto(f"{base}/cases/")
        _check(page, f"case list for {user.role}")


def test_partner_referral_and_the_no_access_page(live_server, watched_page, make_user, organisation, partner_org):
    make_user(role=PROCESREGISSEUR, organisation=organisation)
    partner = make_user(role=KETENPARTNER, organisation=partner_org)
    page, base = watched_page, live_server.url
    enter(page, base, partner, "/cases/pga/new/")
    _check(page, "partner referral form")
    page.locator("#id_controller").select_option(str(organisation.pk))
    page.fill("#id_surname", SURNAME)
    page.fill("#id_date_of_birth", "1970-01-01")
    page.fill("#id_aanleiding", "Melding vanuit de reclassering (browsertest).")
    _submit(page)
    assert page.url.rstrip("/") == base
    case = Case.objects.get()
    assert case.controller == organisation
    page.goto(f"{base}/cases/{case.pk}/")
    assert SURNAME not in page.locator("main").inner_text()
    page.watch.console_errors[:] = [e for e in page.watch.console_errors if "status of 403" not in e]
    _check(page, "no access")
