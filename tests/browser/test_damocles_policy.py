"""The policy rules pages in headless Chromium: the list, one version and the new-version form (also
with its errors) are axe-core clean (WCAG 2.1 AA), log no console errors under the strict CSP and
make no request that leaves the machine; a team lead saves a version through the form."""

from __future__ import annotations

import importlib
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.roles import HANDHAVER, TEAMLEIDER
from casework.damocles.models import PolicyVersion
from tests.browser.conftest import axe_violations, enter

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]


@pytest.fixture(autouse=True)
def seeded_policy(db):
    """The example policy table comes from a data migration, which a transactional test's flush
    removes for the tests after the first: seed it again (idempotent)."""
    from django.apps import apps

    importlib.import_module("casework.damocles.migrations.0002_seed_policy").seed(apps, None)


def _check(page, what: str) -> None:
    assert page.locator("h1").count() == 1, what
    assert axe_violations(page) == [], what
    assert page.watch.console_errors == [], what
    assert page.watch.foreign_requests == [], what


def test_a_team_lead_adds_a_policy_version(live_server, watched_page, make_user):
    page, base = watched_page, live_server.url
    enter(page, base, make_user(role=TEAMLEIDER))
    with page.expect_navigation():
        page.locator('nav a[href$="/damocles/policy/"]').click()
    assert page.locator("main table caption").count() == 1
    _check(page, "list")

    with page.expect_navigation():
        page.locator('main h2 a[href*="/damocles/policy/"]').first.click()
    assert page.locator("main table tbody tr").count() == 6
    _check(page, "detail")

    with page.expect_navigation():
        page.locator('main a[href$="/damocles/policy/new/"]').click()
    assert page.locator("#id_tier1_label").input_value() != ""  # prefilled from the version in force
    _check(page, "new version")

    starts = timezone.localdate() + timedelta(days=7)
    page.fill("#id_name", "Beleidsregels 13b (browsertest)")
    page.fill("#id_effective_from", starts.isoformat())
    page.select_option("#id_tier1_first_sanction", "closure")
    page.fill("#id_tier1_first_days", "")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.locator("#id_tier1_first_days_error").count() == 1
    assert PolicyVersion.objects.count() == 1
    # the form with errors is answered with 400: Chromium logs that status; nothing else may appear
    expected = "the server responded with a status of 400"
    assert any(expected in error for error in page.watch.console_errors), page.watch.console_errors
    page.watch.console_errors[:] = [error for error in page.watch.console_errors if expected not in error]
    _check(page, "new version with errors")

    page.fill("#id_tier1_first_days", "28")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    version = PolicyVersion.objects.get(effective_from=starts)
    assert page.url.endswith(f"/damocles/policy/{version.pk}/")
    assert version.tiers.count() == 6
    _check(page, "saved version")


def test_an_officer_reads_the_policy_rules(live_server, watched_page, make_user):
    page, base = watched_page, live_server.url
    enter(page, base, make_user(role=HANDHAVER), "/damocles/policy/")
    assert page.locator('main a[href$="/damocles/policy/new/"]').count() == 0
    _check(page, "list (officer)")
