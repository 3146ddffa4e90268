"""Passkeys as a second factor beside TOTP (accounts/passkeys.py, docs/adr/0036): registration from the
account page, login with password + passkey in the one form, removal; all audited, all refusals tested
through py_webauthn's real checks with a software authenticator (tests/accounts/softkey.py)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from webauthn.helpers import base64url_to_bytes

from accounts.models import PasskeyDevice
from accounts.services import second_factor_reset
from audit.actions import Action, Outcome
from tests.accounts.softkey import SoftKey
from tests.auditlog import event_list
from tests.conftest import TEST_PASSWORD

pytestmark = pytest.mark.django_db(databases="__all__")
LOGIN = "/accounts/login/"
ACCOUNT = "/accounts/me/"


def _challenge(client, url_name: str) -> bytes:
    response = client.post(reverse(url_name))
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    return base64url_to_bytes(response.json()["challenge"])


def _register(client, user, name: str = "Laptop") -> tuple[SoftKey, object]:
    key = SoftKey(user_handle=user.pk.bytes)
    challenge = _challenge(client, "accounts:passkey_register_options")
    response = client.post(ACCOUNT, {"name": name, "passkey_attestation": key.attestation(challenge)})
    return key, response


def _login(client, user, key: SoftKey, **assertion) -> object:
    challenge = _challenge(client, "accounts:passkey_login_options")
    return client.post(LOGIN, {"username": user.username, "password": TEST_PASSWORD,
                               "passkey_assertion": key.assertion(challenge, **assertion)})


@pytest.fixture
def registered(client, make_user, login):
    """A user with one passkey registered through the account page; the client logged out again."""
    user = make_user()
    login(client, user)
    key, response = _register(client, user)
    assert response.status_code == 302
    client.logout()
    return user, key


def test_a_passkey_is_registered_from_the_account_page_and_audited(client, make_user, login):
    user = make_user()
    login(client, user)
    assert client.get(reverse("accounts:account")).status_code == 200
    key, response = _register(client, user, name="Beveiligingssleutel")
    assert response.status_code == 302 and response["Location"] == reverse("accounts:account")
    device = PasskeyDevice.objects.get(user=user)
    assert device.name == "Beveiligingssleutel" and bytes(device.credential_id) == key.credential_id
    assert device.sign_count == 0 and bytes(device.public_key).startswith(b"\xa5")  # a COSE key map: public only
    [event] = event_list(action=Action.CREATE, object_id=str(user.pk))[-1:]
    assert event.reason == f"passkey {device.pk} registered" and "Beveiligingssleutel" not in event.reason
    page = client.get(reverse("accounts:account")).content.decode()
    assert "Beveiligingssleutel" in page


def test_registration_is_refused_without_the_session_challenge_or_from_another_origin(client, make_user, login):
    user = make_user()
    login(client, user)
    key = SoftKey(user_handle=user.pk.bytes)
    # no challenge fetched in this session
    response = client.post(ACCOUNT, {"name": "Laptop", "passkey_attestation": key.attestation(b"x" * 32)})
    assert response.status_code == 400
    challenge = _challenge(client, "accounts:passkey_register_options")
    response = client.post(ACCOUNT, {
        "name": "Laptop", "passkey_attestation": key.attestation(challenge, origin="https://phish.example")})
    assert response.status_code == 400
    # without a name (the browser's answer alone) nothing is stored either
    challenge = _challenge(client, "accounts:passkey_register_options")
    response = client.post(ACCOUNT, {"name": " ", "passkey_attestation": key.attestation(challenge)})
    assert response.status_code == 400
    assert not PasskeyDevice.objects.filter(user=user).exists()


def test_login_with_password_and_passkey_instead_of_the_code(client, registered):
    user, key = registered
    response = _login(client, user, key)
    assert response.status_code == 302 and response["Location"] == reverse("dashboard")
    assert client.get(reverse("dashboard")).status_code == 200
    device = PasskeyDevice.objects.get(user=user)
    assert device.sign_count == 1 and device.last_used_at is not None
    assert event_list(action=Action.LOGIN, object_id=str(user.pk))


def test_a_wrong_password_with_a_good_passkey_is_refused(client, registered):
    user, key = registered
    challenge = _challenge(client, "accounts:passkey_login_options")
    response = client.post(LOGIN, {"username": user.username, "password": "wrong-password-123",
                                   "passkey_assertion": key.assertion(challenge)})
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_a_replayed_signature_and_a_counter_that_does_not_go_up_are_refused(client, registered):
    user, key = registered
    challenge = _challenge(client, "accounts:passkey_login_options")
    assertion = key.assertion(challenge)
    data = {"username": user.username, "password": TEST_PASSWORD, "passkey_assertion": assertion}
    assert client.post(LOGIN, data).status_code == 302
    client.logout()
    # the same signature again: its challenge is gone (one try per challenge)
    assert client.post(LOGIN, data).status_code == 200
    # a fresh challenge but the counter stays where it was (a cloned authenticator)
    response = _login(client, user, key, counter=1)
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    failed = event_list(action=Action.LOGIN_FAILED, object_id=str(user.pk))
    assert len(failed) == 2 and all(event.outcome == Outcome.DENIED for event in failed)


def test_another_users_passkey_and_a_removed_passkey_are_refused(client, registered, make_user, login):
    user, key = registered
    other = make_user()
    # the right password of `other` with `user`'s passkey
    response = _login(client, other, key)
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    assert "het wachtwoord of de passkey is onjuist" in response.content.decode()
    # the owner removes the passkey; it no longer logs in
    login(client, user)
    device = PasskeyDevice.objects.get(user=user)
    assert client.post(reverse("accounts:passkey_remove", args=[device.pk])).status_code == 302
    assert not PasskeyDevice.objects.filter(pk=device.pk).exists()
    assert event_list(action=Action.DELETE, object_id=str(user.pk))[-1].reason == f"passkey {device.pk} removed"
    client.logout()
    response = _login(client, user, key)
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_nobody_removes_another_users_passkey(client, registered, make_user, login):
    user, _key = registered
    device = PasskeyDevice.objects.get(user=user)
    login(client, make_user())
    assert client.post(reverse("accounts:passkey_remove", args=[device.pk])).status_code == 403
    assert PasskeyDevice.objects.filter(pk=device.pk).exists()


def test_a_second_factor_reset_removes_the_passkeys(registered, make_user):
    user, _key = registered
    lead = make_user(role="teamleider")
    second_factor_reset(actor=lead, user=user, reason="Laptop gestolen")
    assert not PasskeyDevice.objects.filter(user=user).exists()


def test_the_passkey_device_never_accepts_a_typed_code(registered):
    user, _key = registered
    assert PasskeyDevice.objects.get(user=user).verify_token("000000") is False
