"""Passkeys in Chromium with its virtual authenticator (DevTools WebAuthn domain): register one on the
account page, log in with password + passkey, remove it, and the removed passkey is refused
(accounts/passkeys.py, static/js/passkeys.js, docs/adr/0036). One test: the browser suite is over budget."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from accounts.models import PasskeyDevice
from audit.actions import Action
from tests.auditlog import event_list
from tests.browser.conftest import axe_violations
from tests.browser.test_login_flow import log_in
from tests.conftest import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]


def _passkey_login(page, base_url, user):
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Passkey gebruiken in plaats van de code").click()


def test_passkey_register_log_in_remove_and_refused_after_removal(live_server, watched_page, make_user):
    page = watched_page
    # WebAuthn needs a domain as relying party, not an IP address: the same server as "localhost".
    base_url = live_server.url.replace("127.0.0.1", "localhost")
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": "internal", "hasResidentKey": True, "hasUserVerification": True,
        "isUserVerified": True, "automaticPresenceSimulation": True}})
    user = make_user()

    log_in(page, base_url, user)
    page.get_by_role("link", name="Mijn account").click()
    expect(page.get_by_role("heading", name="Mijn account", level=1)).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Naam van de passkey").fill("Testlaptop")
    with page.expect_navigation():
        page.get_by_role("button", name="Passkey toevoegen").click()
    expect(page.get_by_text("De passkey is toegevoegd.")).to_be_visible()
    expect(page.get_by_role("cell", name="Testlaptop", exact=True)).to_be_visible()
    assert axe_violations(page) == []
    assert PasskeyDevice.objects.filter(user=user).count() == 1

    with page.expect_navigation():
        page.get_by_role("button", name="Uitloggen").click()
    _passkey_login(page, base_url, user)
    expect(page.get_by_role("heading", name="Dashboard", level=1)).to_be_visible()
    assert PasskeyDevice.objects.get(user=user).last_used_at is not None

    page.goto(f"{base_url}/accounts/me/")
    with page.expect_navigation():
        page.get_by_role("button", name="Verwijderen Testlaptop").click()
    # this session was verified with that passkey: it ends with it
    expect(page.get_by_text("De passkey is verwijderd. U was ermee ingelogd")).to_be_visible()
    expect(page.get_by_role("heading", name="Inloggen", level=1)).to_be_visible()
    # the authenticator still holds the credential; the server no longer knows it
    _passkey_login(page, base_url, user)
    expect(page.get_by_text("De gebruikersnaam, het wachtwoord of de passkey is onjuist.")).to_be_visible()
    assert axe_violations(page) == []
    assert [event.reason.split()[-1] for event in event_list(object_id=str(user.pk), reason__startswith="passkey")] \
        == ["registered", "removed"]
    assert event_list(action=Action.LOGIN_FAILED, object_id=str(user.pk))
    assert page.watch.console_errors == []
    assert page.watch.foreign_requests == []
