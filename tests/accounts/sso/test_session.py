"""The single sign-on session: periodic re-check at the IdP (pages, htmx, API), IdP logout,
and local login refused for an organisation with single sign-on."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from knox.models import AuthToken

from accounts.models import ExternalIdentity
from accounts.roles import PROCESREGISSEUR
from accounts.sso import services as sso_services
from accounts.sso import session as sso_session
from audit.actions import Action
from tests.accounts.sso.conftest import sso_login
from tests.auditlog import events
from tests.conftest import TEST_PASSWORD, totp_now

pytestmark = pytest.mark.django_db(databases="__all__")


@pytest.fixture
def logged_in(client, op, provider, sso_org):
    sso_services.group_mapping_set(actor=None, organisation=sso_org, group="zv-regie", role=PROCESREGISSEUR)
    person = op.user(groups=["zv-regie"])
    response = sso_login(client, op, provider, person["username"])
    assert response["Location"] == reverse("dashboard")
    person["user"] = ExternalIdentity.objects.get(subject=person["sub"]).user
    person["browser"] = response.browser
    return person


def _later(monkeypatch, minutes: float) -> None:
    """Move the re-check's clock forward instead of sleeping."""
    start = sso_session.now()
    monkeypatch.setattr(sso_session, "now", lambda: start + minutes * 60)


def test_recheck_within_interval_asks_nothing_and_after_it_keeps_a_good_session(client, logged_in, monkeypatch):
    before = client.session["accounts_sso"]
    assert client.get(reverse("dashboard")).status_code == 200
    assert client.session["accounts_sso"]["checked_at"] == before["checked_at"]  # not due: no call
    _later(monkeypatch, 6)
    assert client.get(reverse("dashboard")).status_code == 200
    after = client.session["accounts_sso"]
    assert after["checked_at"] > before["checked_at"] and after["tokens"] != before["tokens"]  # refreshed, re-sealed


def test_user_disabled_at_idp_loses_access_after_the_interval(client, op, logged_in, monkeypatch):
    token = AuthToken.objects.create(user=logged_in["user"])[0]
    op.disable(logged_in["username"])
    _later(monkeypatch, 4)
    assert client.get(reverse("dashboard")).status_code == 200  # within the interval: not asked yet
    _later(monkeypatch, 6)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    assert "_auth_user_id" not in client.session
    assert not AuthToken.objects.filter(pk=token.pk).exists()  # API tokens of the account revoked
    refused = events(action=Action.ACCESS_DENIED, object_id=str(logged_in["user"].pk)).get()
    assert refused.reason.startswith("single sign-on re-check: refresh token refused")
    assert events(action=Action.LOGOUT, object_id=str(logged_in["user"].pk)).count() == 1


def test_disabled_at_idp_htmx_request_gets_401_with_redirect(client, op, logged_in, monkeypatch):
    op.disable(logged_in["username"])
    _later(monkeypatch, 6)
    response = client.get(reverse("dashboard"), HTTP_HX_REQUEST="true")
    assert response.status_code == 401 and response["HX-Redirect"] == reverse("accounts:login")


def test_disabled_at_idp_api_request_with_session_gets_401(client, op, logged_in, monkeypatch):
    assert client.get("/api/v1/cases").status_code == 200
    op.disable(logged_in["username"])
    _later(monkeypatch, 6)
    assert client.get("/api/v1/cases").status_code == 401
    assert "_auth_user_id" not in client.session


def test_logout_ends_the_idp_session(client, op, logged_in):
    response = client.post(reverse("accounts:logout"))
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == f"{op.base}/logout/"
    query = parse_qs(location.query)
    assert query["post_logout_redirect_uri"] == ["http://testserver/accounts/login/"] and query["id_token_hint"]
    assert "_auth_user_id" not in client.session
    browser = logged_in["browser"]
    back = browser.get(response["Location"], allow_redirects=False, timeout=5)
    assert back.status_code == 302 and back.headers["Location"] == "http://testserver/accounts/login/"
    # The IdP session is gone: a new authorization asks for the password again.
    start = client.get(reverse("accounts:sso_start", args=[logged_in["user"].organisation.identity_provider.pk]))
    again = browser.get(start["Location"], allow_redirects=False, timeout=5)
    assert again.status_code == 302 and urlsplit(again.headers["Location"]).path == "/login/"
    assert events(action=Action.LOGOUT, object_id=str(logged_in["user"].pk)).count() == 1


def test_local_login_refused_for_user_of_sso_organisation(client, provider, sso_org, make_user):
    user = make_user(organisation=sso_org)
    response = client.post(reverse("accounts:login"), {"username": user.username, "password": TEST_PASSWORD,
                                                       "otp_token": totp_now(user)})
    assert response.status_code == 200
    assert "eigen inlogpagina" in response.content.decode() or "own login page" in response.content.decode()
    assert client.get(reverse("dashboard")).status_code == 302
    failure = events(action=Action.LOGIN_FAILED, object_id=str(user.pk)).get()
    assert failure.reason == "local login refused: organisation uses single sign-on"


def test_local_login_still_works_for_organisation_without_sso(client, provider, make_user):
    user = make_user()  # the default test organisation has no identity provider
    response = client.post(reverse("accounts:login"), {"username": user.username, "password": TEST_PASSWORD,
                                                       "otp_token": totp_now(user)})
    assert response.status_code == 302 and response["Location"] == reverse("dashboard")


def test_login_page_offers_a_button_per_identity_provider(client, provider):
    page = client.get(reverse("accounts:login")).content.decode()
    assert reverse("accounts:sso_start", args=[provider.pk]) in page and "Testgemeente SSO" in page
