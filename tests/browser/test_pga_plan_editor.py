"""The plan editor in a real browser (docs/adr/0029): with the keyboard only, add a goal's intervention (htmx
swaps the editor part, focus lands on the new field, no page load), fill it in and save a plan version; 0
axe-core violations, no console errors (a CSP violation is one)."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from casework.pga import workflow as pga
from casework.pga.models import PlanIntervention, PlanVersion
from tests.browser.test_damocles_lifecycle import _check, _log_in
from tests.factories.accounts import OrganisationFactory
from tests.factories.casework import make_pga_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]


def test_the_plan_editor_with_the_keyboard(live_server, watched_page, make_user, organisation):
    partner_org = OrganisationFactory(name="Testreclassering Browser")
    regisseur = make_user()
    case = make_pga_case(owner=regisseur, status=pga.PLAN)
    page, visited = watched_page, []
    _log_in(page, live_server.url, regisseur, {})
    page.goto(f"{live_server.url}/cases/{case.pk}/plan/")
    _check(page, visited)
    page.locator("#id_g0-leefgebied").focus()
    page.keyboard.press("ArrowDown")  # the first life domain
    page.keyboard.press("Tab")
    page.keyboard.type("Woning behouden (browsertest)")
    page.locator("#plan-add-intervention-0").focus()
    page.keyboard.press("Enter")
    description = page.locator("#id_g0-i0-description")
    expect(description).to_be_focused()  # htmx swapped the editor and focused the new field
    assert page.url.endswith(f"/cases/{case.pk}/plan/")
    expect(page.locator("#id_g0-goal")).to_have_value("Woning behouden (browsertest)")
    page.keyboard.type("Huurachterstand regelen")
    page.keyboard.press("Tab")
    page.locator("#id_g0-i0-organisation").select_option(str(partner_org.pk))
    page.locator("#id_g0-i0-due_on").fill(timezone.localdate().isoformat())
    _check(page, visited)
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan als nieuwe versie").focus()
        page.keyboard.press("Enter")
    _check(page, visited)
    assert PlanVersion.objects.filter(case=case).count() == 1
    (row,) = PlanIntervention.objects.filter(case=case)
    assert (row.description, row.organisation_id) == ("Huurachterstand regelen", partner_org.pk)
