"""Log in with a TOTP code in headless Chromium (each role's dashboard after logging in: test_working_days.py)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations
from tests.conftest import TEST_PASSWORD, totp_now, unused_totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]


def log_in(page, base_url, user):
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    page.get_by_label("Verificatiecode").fill(unused_totp_code(user))
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen").click()


def test_login_page_has_no_accessibility_violations(live_server, watched_page):
    watched_page.goto(f"{live_server.url}/accounts/login/")
    expect(watched_page.get_by_role("heading", name="Inloggen")).to_be_visible()
    assert axe_violations(watched_page) == []
    # the accessibility statement, linked from the footer, without logging in
    with watched_page.expect_navigation():
        watched_page.get_by_role("link", name="Toegankelijkheidsverklaring").click()
    expect(watched_page.get_by_role("heading", name="Toegankelijkheidsverklaring")).to_be_visible()
    assert axe_violations(watched_page) == []
    assert watched_page.watch.console_errors == []
    assert watched_page.watch.foreign_requests == []


def test_wrong_code_shows_an_error_in_the_browser(live_server, watched_page, make_user):
    user = make_user()
    watched_page.goto(f"{live_server.url}/accounts/login/")
    watched_page.get_by_label("Gebruikersnaam").fill(user.username)
    watched_page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    watched_page.get_by_label("Verificatiecode").fill("000000" if totp_now(user) != "000000" else "111111")
    with watched_page.expect_navigation():
        watched_page.get_by_role("button", name="Inloggen").click()
    summary = watched_page.locator(".app-error-summary")  # the error summary, focused (docs/adr/0021-form-pattern.md)
    assert summary.evaluate("e => e === document.activeElement")
    assert summary.locator("li").first.inner_text().strip().startswith("De gebruikersnaam")
    assert axe_violations(watched_page) == []


def test_team_lead_user_pages_are_accessible(live_server, watched_page, make_user):
    lead = make_user(role="teamleider")
    member = make_user(role="handhaver")
    log_in(watched_page, live_server.url, lead)
    member_pages = [f"/accounts/users/{member.pk}/{suffix}" for suffix in ("", "deactivate/", "second-factor/")]
    for path in ("/accounts/users/", "/accounts/users/new/", "/accounts/organisation/sso-groups/", *member_pages):
        watched_page.goto(f"{live_server.url}{path}")
        assert axe_violations(watched_page) == [], path
    watched_page.goto(f"{live_server.url}/accounts/users/new/")
    watched_page.get_by_label("Gebruikersnaam").fill("browser.collega")
    watched_page.get_by_label("Voornaam").fill("Browser")
    watched_page.get_by_label("Achternaam").fill("Testcollega")
    watched_page.get_by_label("E-mailadres").fill("browser@example.invalid")
    watched_page.get_by_label("Rol").select_option("handhaver")
    with watched_page.expect_navigation():
        watched_page.get_by_role("button", name="Opslaan").click()
    expect(watched_page.get_by_role("heading", name="Authenticator-app instellen")).to_be_visible()
    assert axe_violations(watched_page) == []
    assert watched_page.watch.console_errors == []
