"""Notifications in headless Chromium: the empty list, a filled list (one entry with its case, one
about a case no longer reachable), marking read, and the settings form — each with 0 axe-core
violations, no console error and no request off the machine."""

from __future__ import annotations

import uuid

import pytest

from accounts.roles import PROCESREGISSEUR
from casework.notifications.kinds import Kind
from casework.notifications.models import Notification, NotificationPreference
from tests.browser.conftest import axe_violations, enter
from tests.factories.accounts import TeamFactory
from tests.factories.casework import make_pga_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]


def _check(page, what: str) -> None:
    assert axe_violations(page) == [], what
    assert page.watch.console_errors == [], what
    assert page.watch.foreign_requests == [], what


def test_notification_list_and_settings(live_server, watched_page, make_user, organisation):
    page, base = watched_page, live_server.url
    team = TeamFactory(organisation=organisation)
    regisseur, colleague = make_user(role=PROCESREGISSEUR, team=team), make_user(role=PROCESREGISSEUR, team=team)
    enter(page, base, colleague, "/meldingen/")
    assert "U hebt geen meldingen." in page.locator("main").inner_text()
    _check(page, "notifications, empty")

    case = make_pga_case(owner=regisseur)  # the colleague is notified of the referral
    Notification.objects.create(recipient=colleague, kind=Kind.CASE_HANDED_OVER, case_id=uuid.uuid4())
    page.goto(f"{base}/meldingen/")
    main = page.locator("main").inner_text()
    assert case.reference in main and "Een dossier waartoe u geen toegang meer hebt" in main
    assert "Meldingen (2" in page.locator("nav").first.inner_text()
    _check(page, "notifications, filled")
    with page.expect_navigation():
        page.locator("main table form button[type=submit]").first.click()
    assert "Meldingen (1" in page.locator("nav").first.inner_text()

    page.goto(f"{base}/meldingen/instellingen/")
    _check(page, "notification settings")
    page.check("#id_referral_new_1")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert "Uw meldingsinstellingen zijn opgeslagen." in page.content()
    assert NotificationPreference.objects.get(user=colleague).kind == Kind.REFERRAL_NEW
    _check(page, "notification settings, saved")
