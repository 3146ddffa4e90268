"""API authentication: two-factor sessions, and knox tokens issued only to two-factor sessions."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from accounts.middleware import LOGIN_TIME_KEY
from tests.auditlog import events
from tests.casework.api.conftest import api_client

pytestmark = pytest.mark.django_db(databases="__all__")


def _password_only_client(user) -> APIClient:
    """A session that passed the password but not the second factor."""
    client = APIClient()
    client.force_login(user, backend="accounts.backends.PasswordAndTOTPBackend")
    session = client.session
    session[LOGIN_TIME_KEY] = time.time()
    session.save()
    return client


def _token_client(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def test_token_issued_to_two_factor_session_with_expiry_and_audit_event(regisseur):
    response = api_client(regisseur).post("/api/v1/auth/token")
    assert response.status_code == 201
    body = response.json()
    token = AuthToken.objects.get(user=regisseur)
    assert token.expiry - timezone.now() == pytest.approx(timedelta(hours=10), abs=timedelta(minutes=1))
    assert body["token"] and token.digest != body["token"]  # stored hashed
    event = events(action="login", reason="api token").get()
    assert event.processing_activity == "account-administration"
    assert event.actor_id == str(regisseur.pk) and event.object_id == str(regisseur.pk)
    assert body["token"] not in event.reason
    assert _token_client(body["token"]).get("/api/v1/pga/cases").status_code == 200


def test_token_refused_without_second_factor(regisseur):
    response = _password_only_client(regisseur).post("/api/v1/auth/token")
    assert response.status_code == 401
    assert not AuthToken.objects.exists()
    assert not events(action="login", reason="api token").exists()


def test_unverified_session_with_token_header_gets_no_token_and_no_data(regisseur, case):
    client = _password_only_client(regisseur)
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert client.post("/api/v1/auth/token").status_code in (401, 403)
    assert client.get("/api/v1/pga/cases").status_code == 401
    assert client.get(f"/api/v1/pga/cases/{case.pk}").status_code == 401
    assert not AuthToken.objects.exists()


def test_a_token_cannot_mint_another_token(regisseur):
    token = api_client(regisseur).post("/api/v1/auth/token").json()["token"]
    response = _token_client(token).post("/api/v1/auth/token")
    assert response.status_code in (401, 403)
    assert AuthToken.objects.filter(user=regisseur).count() == 1


def test_no_credentials_and_bad_token_answer_401(case):
    assert APIClient().get("/api/v1/pga/cases").status_code == 401
    assert _token_client("x" * 64).get("/api/v1/pga/cases").status_code == 401
    assert _token_client("x" * 64).get(f"/api/v1/pga/cases/{case.pk}").status_code == 401


def test_bad_token_next_to_a_valid_session_is_refused(regisseur):
    client = api_client(regisseur)
    client.credentials(HTTP_AUTHORIZATION="Token " + "y" * 64)
    assert client.get("/api/v1/pga/cases").status_code == 401


def test_expired_token_is_refused(regisseur):
    token = api_client(regisseur).post("/api/v1/auth/token").json()["token"]
    AuthToken.objects.filter(user=regisseur).update(expiry=timezone.now() - timedelta(seconds=1))
    assert _token_client(token).get("/api/v1/pga/cases").status_code == 401


def test_logout_revokes_the_token_and_is_recorded(regisseur):
    token = api_client(regisseur).post("/api/v1/auth/token").json()["token"]
    client = _token_client(token)
    assert client.post("/api/v1/auth/logout").status_code == 204
    assert not AuthToken.objects.exists()
    assert client.get("/api/v1/pga/cases").status_code == 401
    assert events(action="logout", reason="api token", actor_id=str(regisseur.pk)).count() == 1


def test_deactivated_user_token_is_refused(regisseur):
    token = api_client(regisseur).post("/api/v1/auth/token").json()["token"]
    type(regisseur).objects.filter(pk=regisseur.pk).update(is_active=False)
    assert _token_client(token).get("/api/v1/pga/cases").status_code == 401


def test_web_pages_still_need_two_factors_with_a_token_header(regisseur):
    token = api_client(regisseur).post("/api/v1/auth/token").json()["token"]
    response = _token_client(token).get("/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
