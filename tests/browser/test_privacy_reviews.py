"""The sharing register and the reviews in headless Chromium: every page (dashboard, register and its
detail, review list, finding detail with its form and its error state, thresholds) passes axe-core,
and a review is saved through the form."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.roles import HANDHAVER, PRIVACY_OFFICER, PROCESREGISSEUR
from audit.activities import CHAIN_SHARING
from casework.breakglass import break_glass_open
from casework.categories import PERSONALIA
from casework.privacy.models import Review
from casework.sharing import share_create
from tests.browser.conftest import axe_violations, enter
from tests.factories.accounts import OrganisationFactory
from tests.factories.casework import make_pga_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]


def test_register_and_review_pages_are_accessible(live_server, watched_page, make_user):
    owner = make_user(role=PROCESREGISSEUR)
    case = make_pga_case(owner=owner)
    share = share_create(
        actor=owner, case=case, partner=OrganisationFactory(name="Testpolitie Browser"), categories=[PERSONALIA],
        processing_activity=CHAIN_SHARING, purpose="Afstemming in het casusoverleg (test).",
        weighing="Alleen wat het overleg nodig heeft; minder ingrijpend kan niet (test).",
        ends_on=timezone.localdate() + timedelta(days=30),
    )
    break_glass_open(user=make_user(role=HANDHAVER), case=case, reason="Acute dreiging bij de woning (test)")
    officer = make_user(role=PRIVACY_OFFICER)
    enter(watched_page, live_server.url, officer, None)

    def visit(path: str) -> None:
        watched_page.goto(f"{live_server.url}{path}")
        assert watched_page.locator("h1").count() == 1, path
        assert axe_violations(watched_page) == [], path

    visit("/")
    review_link = watched_page.locator("main a[href*='/privacy/reviews/break_glass/']").first
    finding_path = review_link.get_attribute("href")
    for path in ("/privacy/sharing-register/", "/privacy/sharing-register/?state=active",
                 "/privacy/sharing-register/?state=expired", f"/privacy/sharing-register/{share.pk}/",
                 "/privacy/reviews/", "/privacy/reviews/?status=reviewed", "/privacy/reviews/settings/",
                 finding_path):
        visit(path)

    watched_page.locator("main select[name=decision]").select_option("justified")
    watched_page.locator("main textarea[name=comment]").fill("kort")
    with watched_page.expect_navigation():
        watched_page.locator("main form button[type=submit]").click()
    assert watched_page.locator(".app-error-summary li").count() >= 1
    assert axe_violations(watched_page) == []
    assert not Review.objects.exists()
    errors, expected = watched_page.watch.console_errors, "status of 400"  # the refused form answers 400
    assert any(expected in error for error in errors), errors
    errors[:] = [error for error in errors if expected not in error]

    watched_page.locator("main textarea[name=comment]").fill("Terecht: acute situatie, besproken (test).")
    with watched_page.expect_navigation():
        watched_page.locator("main form button[type=submit]").click()
    assert Review.objects.get().decision == "justified"
    assert axe_violations(watched_page) == []
    visit("/privacy/reviews/?status=reviewed")
    assert watched_page.watch.console_errors == []
    assert watched_page.watch.foreign_requests == []
