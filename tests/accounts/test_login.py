"""Login with password and TOTP, lockout, session lifetime (accounts/views.py, middleware.py)."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from accounts.middleware import LOGIN_TIME_KEY, RENEWED_KEY
from tests.conftest import TEST_PASSWORD, totp_now

pytestmark = pytest.mark.django_db(databases="__all__")
LOGIN = "/accounts/login/"


def post_login(client, username, password=TEST_PASSWORD, token="000000"):
    return client.post(LOGIN, {"username": username, "password": password, "otp_token": token})


def test_login_with_password_and_totp_reaches_dashboard(client, make_user):
    user = make_user()
    response = post_login(client, user.username, token=totp_now(user))
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    page = client.get(reverse("dashboard"))
    assert page.status_code == 200
    assert user.display_name in page.content.decode()


def test_wrong_password_is_refused_with_a_message(client, make_user):
    user = make_user()
    response = post_login(client, user.username, password="wrong-password-123", token=totp_now(user))
    assert response.status_code == 200
    assert "incorrect" in response.content.decode() or "onjuist" in response.content.decode()
    assert client.get(reverse("dashboard")).status_code == 302


def test_password_without_a_valid_totp_gives_no_session(client, make_user):
    user = make_user()
    response = post_login(client, user.username, token="")
    assert response.status_code == 200
    response = post_login(client, user.username, token="123456" if totp_now(user) != "123456" else "654321")
    assert response.status_code == 200
    follow = client.get(reverse("dashboard"))
    assert follow.status_code == 302 and follow["Location"].startswith(LOGIN)


def test_a_session_with_only_the_password_reaches_no_page(client, make_user):
    """A session authenticated without the second factor (e.g. by a bug elsewhere) is thrown out."""
    user = make_user()
    client.force_login(user, backend="accounts.backends.PasswordAndTOTPBackend")
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    assert "_auth_user_id" not in client.session


def test_lockout_after_five_failures_with_dutch_message(client, make_user):
    user = make_user()
    for _attempt in range(5):
        post_login(client, user.username, password="wrong-password-123")
    response = post_login(client, user.username, token=totp_now(user))
    assert response.status_code == 429
    assert "15 minuten" in response.content.decode()
    assert client.get(reverse("dashboard")).status_code == 302
    assert AccessAttempt.objects.filter(username=user.username).exists()


def test_four_failures_do_not_lock_out(client, make_user):
    user = make_user()
    for _attempt in range(4):
        post_login(client, user.username, password="wrong-password-123")
    response = post_login(client, user.username, token=totp_now(user))
    assert response.status_code == 302


def test_lockout_is_per_username_and_address(client, make_user):
    victim, other = make_user(), make_user()
    for _attempt in range(5):
        post_login(client, victim.username, password="wrong-password-123")
    assert post_login(client, other.username, token=totp_now(other)).status_code == 302


def test_idle_timeout_is_fifteen_minutes_and_ends_the_session(client, make_user, login):
    user = make_user()
    login(client, user)
    assert client.get(reverse("dashboard")).status_code == 200
    assert client.session.get_expiry_age() <= 15 * 60
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_a_request_renews_the_idle_timer_at_most_once_a_minute(client, make_user, login, settings):
    """The session row is written by a request only when the last renewal is a minute or more ago:
    the idle time that ends a session is then between 14 and 15 minutes, never longer."""
    user = make_user()
    login(client, user)
    key = client.session.session_key
    client.get(reverse("dashboard"))  # the first page after login renews
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() + timedelta(seconds=30))
    client.get(reverse("dashboard"))  # within the minute: no session write
    assert Session.objects.get(session_key=key).expire_date < timezone.now() + timedelta(seconds=31)

    session = client.session
    session[RENEWED_KEY] = time.time() - settings.SESSION_RENEW_SECONDS
    session.save()
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() + timedelta(seconds=30))
    client.get(reverse("dashboard"))
    renewed = Session.objects.get(session_key=key).expire_date
    assert renewed > timezone.now() + timedelta(minutes=14)
    assert settings.SESSION_RENEW_SECONDS <= 60 and settings.SESSION_IDLE_TIMEOUT == 15 * 60


def test_absolute_session_lifetime_is_ten_hours(client, make_user, login):
    user = make_user()
    login(client, user)
    session = client.session
    session[LOGIN_TIME_KEY] = time.time() - 10 * 3600 - 5
    session.save()
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_logout_needs_post_and_ends_the_session(client, make_user, login):
    user = make_user()
    login(client, user)
    assert client.get(reverse("accounts:logout")).status_code == 405
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("dashboard")).status_code == 302


def test_login_redirect_ignores_foreign_next(client, make_user):
    user = make_user()
    response = client.post(
        LOGIN + "?next=https://evil.example/", {"username": user.username, "password": TEST_PASSWORD,
                                               "otp_token": totp_now(user), "next": "https://evil.example/"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
