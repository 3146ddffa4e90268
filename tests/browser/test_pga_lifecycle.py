"""The whole PGA life cycle through the browser, as a procesregisseur, on the action pages.

Register a referral → triage → accepted → plan a conference → record an agreement → case conference
→ plan of approach (a new plan version) → execution → close with a reason. Every action page must
pass axe-core (WCAG 2.1 AA), with no console errors and no request leaving the machine. Fields are
found by their ids (the Dutch catalogue is compiled at the end, so labels may still change).
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from accounts.models import Organisation
from accounts.roles import PROCESREGISSEUR, TEAMLEIDER
from casework.models import Case
from casework.pga import workflow as pga
from casework.pga.models import Agreement, Conference, PlanVersion
from tests.browser.conftest import axe_violations, enter
from tests.factories.accounts import OrganisationFactory, TeamFactory
from tests.factories.casework import make_pga_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]

CASE_PATH = re.compile(r"/cases/([0-9a-f-]{36})/$")


def _check(page, visited, *, expected_status: int | None = None):
    """axe-core, console and network checks for the current action page.

    Chromium logs a non-2xx document as a console error; a page meant to answer 400 may log exactly that.
    """
    visited.append(page.url)
    assert axe_violations(page) == [], page.url
    if expected_status is not None:
        expected = f"the server responded with a status of {expected_status}"
        assert any(expected in error for error in page.watch.console_errors), page.watch.console_errors
        page.watch.console_errors[:] = [error for error in page.watch.console_errors if expected not in error]
    assert page.watch.console_errors == [], page.url
    assert page.watch.foreign_requests == [], page.url


def _submit(page):
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()


def _step(page, target, visited, **fields):
    with page.expect_navigation():
        page.locator(f'main a[href$="/transition/{target}/"]').first.click()
    assert f"/transition/{target}/" in page.url
    _check(page, visited)
    page.fill("#id_reason", f"Stap naar {target} (browsertest)")
    for selector, value in fields.items():
        element = page.locator(f"#id_{selector}")
        if element.evaluate("e => e.tagName") == "SELECT":
            element.select_option(value)
        else:
            element.fill(value)
    _submit(page)
    assert CASE_PATH.search(page.url), page.url


@pytest.fixture
def regisseur(make_user, organisation):
    return make_user(role=PROCESREGISSEUR, team=TeamFactory(organisation=organisation))


@pytest.fixture
def partner(db):
    return OrganisationFactory(name="Testreclassering Browser", kind=Organisation.Kind.RECLASSERING)


def test_the_pga_life_cycle_through_the_action_pages(live_server, watched_page, regisseur, partner):
    page, base, visited = watched_page, live_server.url, []
    enter(page, base, regisseur, "/cases/pga/new/")
    page.fill("#id_first_names", "Testine")
    page.fill("#id_surname", "Testpersoon Browser")
    page.fill("#id_date_of_birth", "1985-05-17")
    page.fill("#id_aanleiding", "Zorgen over woonsituatie en schulden (browsertest).")
    _submit(page)
    match = CASE_PATH.search(page.url)
    assert match, f"the referral did not lead to the case page: {page.url}"
    case = Case.objects.get(pk=match.group(1))
    assert case.status == pga.AANGEMELD

    _step(page, pga.TRIAGE, visited)
    _step(page, pga.IN_BEHANDELING, visited)

    with page.expect_navigation():
        page.locator('main a[href$="/conferences/new/"]').click()
    _check(page, visited)
    page.fill("#id_held_on", "2026-03-09")
    page.locator(f'#id_invited input[value="{partner.pk}"]').check()
    page.fill("#id_minutes", "Kennismaking en verdeling van taken (browsertest).")
    _submit(page)
    conference = Conference.objects.get(case=case)

    with page.expect_navigation():
        page.locator('main a[href$="/agreements/new/"]').click()
    _check(page, visited)
    page.fill("#id_description", "Reclassering plant huisbezoek (browsertest).")
    page.select_option("#id_owner_organisation", str(partner.pk))
    page.fill("#id_due_on", "2026-03-23")
    page.select_option("#id_conference", str(conference.pk))
    _submit(page)
    assert Agreement.objects.get(case=case).conference == conference

    _step(page, pga.CASUSOVERLEG, visited)
    _step(page, pga.PLAN, visited)

    with page.expect_navigation():
        page.locator('main a[href$="/plan/"]').click()
    _check(page, visited)
    page.select_option("#id_g0-leefgebied", "housing")
    page.fill("#id_g0-goal", "Woning behouden (browsertest)")
    page.locator("#plan-add-intervention-0").click()  # htmx swaps the editor, the draft kept
    page.locator("#id_g0-i0-description").fill("Betalingsregeling huur")
    page.select_option("#id_g0-i0-organisation", str(partner.pk))
    page.fill("#id_g0-i0-due_on", "2026-04-01")
    page.locator("#plan-add-goal").click()
    page.select_option("#id_g1-leefgebied", "finances")
    page.fill("#id_g1-goal", "Schulden stabiliseren (browsertest)")
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan als nieuwe versie").click()
    plan = PlanVersion.objects.get(case=case)
    assert [goal["leefgebied"] for goal in plan.goals] == ["housing", "finances"]

    _step(page, pga.UITVOERING, visited)
    _step(page, pga.AFGESLOTEN, visited, closure_reason="doelen_behaald", aftercare_check_on="2026-10-01")

    case.refresh_from_db()
    assert case.status == pga.AFGESLOTEN and case.is_closed
    assert case.pga.closure_reason == "doelen_behaald" and case.pga.aftercare_check_on == date(2026, 10, 1)
    assert [step.to_status for step in case.steps.order_by("sequence")] == [
        pga.AANGEMELD, pga.TRIAGE, pga.IN_BEHANDELING, pga.CASUSOVERLEG, pga.PLAN, pga.UITVOERING, pga.AFGESLOTEN]
    assert len(visited) == 9


def test_the_other_action_pages_and_their_error_states_are_accessible(live_server, watched_page, regisseur, partner,
                                                                      make_user, other_organisation):
    from casework.pga.services import agreement_record, conference_plan
    from tests.casework.web.actions_support import share_with

    page, base, visited = watched_page, live_server.url, []
    case = make_pga_case(owner=regisseur, status=pga.PLAN)
    conference = conference_plan(actor=regisseur, case=case, held_on=date(2026, 3, 2), invited=[partner])
    agreement = agreement_record(actor=regisseur, case=case, description="Afspraak (browsertest)",
                                 owner_organisation=partner, due_on=date(2026, 4, 1))
    share = share_with(case, partner=partner, actor=regisseur)
    root = f"{base}/cases/{case.pk}"
    enter(page, base, regisseur, None)
    for path in (f"conferences/{conference.pk}/", f"agreements/{agreement.pk}/", "escalation/", "shares/new/",
                 f"shares/{share.pk}/revoke/", "transition/afgesloten/", "transition/aangemeld/"):
        page.goto(f"{root}/{path}")
        _check(page, visited, expected_status=400 if "transition/aangemeld" in path else None)
        if "transition/aangemeld" not in path:
            _submit_empty(page)
            # the update forms (casework/web/versions.py) answer their error state with 400
            refused = path.startswith(("conferences/", "agreements/")) or path.endswith("/revoke/")
            _check(page, visited, expected_status=400 if refused else None)

    lead = make_user(role=TEAMLEIDER, team=regisseur.team)
    stranger = make_user(role=PROCESREGISSEUR, organisation=regisseur.organisation)  # a colleague without access
    for user, path in ((lead, "handover/"), (stranger, "break-glass/")):
        enter(page, base, user, None)
        page.goto(f"{root}/{path}")
        _check(page, visited)
        _submit_empty(page)
        _check(page, visited)
    assert len(visited) == 17


def _submit_empty(page):
    """Submit the form with its text fields cleared, to check the error state as well."""
    for field in page.locator("main form textarea, main form input[type=text], main form input[type=date]").all():
        field.fill("")
    _submit(page)
