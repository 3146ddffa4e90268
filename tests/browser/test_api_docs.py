"""Swagger UI renders the API in headless Chromium under the strict CSP: no console errors (a CSP
violation is one), no request off the machine."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from accounts.roles import PROCESREGISSEUR
from tests.browser.conftest import enter

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]


def test_swagger_ui_works_under_the_csp(live_server, watched_page, make_user):
    enter(watched_page, live_server.url, make_user(role=PROCESREGISSEUR), "/api/v1/docs")
    watched_page.wait_for_selector('[data-path="/pga/cases/{case_id}/transitions"]', timeout=60_000)
    expect(watched_page.get_by_text("Zorg en Veiligheid API").first).to_be_visible()
    assert watched_page.watch.console_errors == []
    assert watched_page.watch.foreign_requests == []
