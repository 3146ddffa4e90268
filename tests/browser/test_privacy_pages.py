"""The privacy officer's pages in headless Chromium: audit search, event detail, chain status,
user-subjects inquiry and the data-subject search; all accessible (axe-core), no console errors."""

from __future__ import annotations

import pytest

from accounts.roles import PRIVACY_OFFICER, PROCESREGISSEUR
from audit.models import AuditEvent
from tests.browser.conftest import axe_violations, enter
from tests.factories.casework import make_pga_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]


def test_privacy_officer_pages_are_accessible(live_server, watched_page, make_user):
    owner = make_user(role=PROCESREGISSEUR)
    make_pga_case(owner=owner, bsn="111222333")
    officer = make_user(role=PRIVACY_OFFICER)
    enter(watched_page, live_server.url, officer, None)
    sequence = AuditEvent.objects.using("audit").order_by("-sequence").values_list("sequence", flat=True).first()
    pages = [
        "/privacy/audit/", "/privacy/audit/?action=create", f"/privacy/audit/events/{sequence}/",
        "/privacy/audit/status/", "/privacy/audit/subjects/", "/privacy/subjects/",
    ]
    for path in pages:
        watched_page.goto(f"{live_server.url}{path}")
        assert watched_page.locator("h1").count() == 1, path
        assert axe_violations(watched_page) == [], path
    watched_page.goto(f"{live_server.url}/privacy/subjects/")
    watched_page.locator("input[name=bsn]").fill("111222333")
    with watched_page.expect_navigation():
        watched_page.locator("main form button[type=submit]").first.click()
    assert "111222333" not in watched_page.url
    assert axe_violations(watched_page) == []
    assert watched_page.watch.console_errors == []
    assert watched_page.watch.foreign_requests == []
