"""The test OpenID provider (tests/oidc_provider) as a second process, one per test session and xdist worker,
and a driver that logs in at it the way a browser would (its login form, then its redirects)."""

from __future__ import annotations

import itertools
import os
import random
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import requests

from accounts.models import IdentityProvider, Organisation
from accounts.sso import services as sso_services
from tests.factories.accounts import OrganisationFactory
from tests.oidc_provider.__main__ import CLIENT_ID, CLIENT_SECRET

REPO = Path(__file__).resolve().parents[3]
CALLBACK = "http://testserver/accounts/login/sso/callback/"
AFTER_LOGOUT = "http://testserver/accounts/login/"
OP_PASSWORD = "op-password-42"  # noqa: S105 - a test provider's synthetic user
MFA = {"acr": "urn:test:loa:substantial", "amr": ["pwd", "otp"]}
_numbers = itertools.count(1)


def _free_port() -> int:
    """A free loopback port below 32768 (the kernel's ephemeral range starts there)."""
    rng = random.Random()  # noqa: S311 - not cryptographic
    for _attempt in range(50):
        port = rng.randrange(20000, 32000)
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port for the test OpenID provider")


def _await(url: str, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the test OpenID provider exited ({process.returncode})")
        try:
            if requests.get(url, timeout=5).status_code == 200:
                return
        except requests.RequestException:  # not listening yet, or busy with its first request
            pass
        time.sleep(0.05)  # polling the discovery URL, not waiting for a guessed start-up time
    raise RuntimeError("the test OpenID provider did not answer")


@dataclass
class TestOP:
    base: str

    @property
    def discovery(self) -> str:
        return f"{self.base}/.well-known/openid-configuration"

    def user(self, *, groups: list[str], sub: str | None = None, claims: dict | None = None,
             active: bool = True, username: str | None = None) -> dict:
        number = next(_numbers)
        username = username or f"op-user-{number}"
        sub = sub or f"sub-{number}-{os.getpid()}"
        data = {"email": f"{username}@example.invalid", "given_name": "Test", "family_name": f"Gebruiker{number}",
                "groups": groups, **MFA, **(claims or {})}
        data = {key: value for key, value in data.items() if value is not None}
        requests.post(f"{self.base}/test/users/", json={"username": username, "password": OP_PASSWORD, "sub": sub,
                                                       "claims": data, "active": active}, timeout=5).raise_for_status()
        return {"username": username, "sub": sub}

    def disable(self, username: str) -> None:
        requests.post(f"{self.base}/test/users/", json={"username": username, "active": False},
                      timeout=5).raise_for_status()

    def token_mode(self, mode: str) -> None:
        requests.post(f"{self.base}/test/token-mode/", json={"mode": mode}, timeout=5).raise_for_status()

    def authorize(self, authorize_url: str, username: str, browser: requests.Session | None = None,
                  ) -> tuple[str, requests.Session]:
        """Follow the IdP's side of the code flow like a browser; returns our callback URL (path + query)."""
        browser = browser or requests.Session()
        response = browser.get(authorize_url, allow_redirects=False, timeout=5)
        if response.status_code == 302 and urlsplit(response.headers["Location"]).path == "/login/":
            login_url = urljoin(self.base, response.headers["Location"])
            page = browser.get(login_url, timeout=5)
            csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
            next_url = re.search(r'name="next" value="([^"]+)"', page.text).group(1).replace("&amp;", "&")
            response = browser.post(login_url, data={"csrfmiddlewaretoken": csrf, "username": username,
                                                     "password": OP_PASSWORD, "next": next_url},
                                    allow_redirects=False, timeout=5)
            response = browser.get(urljoin(self.base, response.headers["Location"]), allow_redirects=False,
                                   timeout=5)
        location = response.headers["Location"]
        assert location.startswith(CALLBACK), location
        return location.removeprefix("http://testserver"), browser


@pytest.fixture(scope="session")
def test_op(tmp_path_factory) -> Iterator[TestOP]:
    port = _free_port()
    data = tmp_path_factory.mktemp("oidc-provider")
    process = subprocess.Popen(  # noqa: S603 - our own module, fixed arguments
        [sys.executable, "-m", "tests.oidc_provider", "--port", str(port), "--data", str(data),
         "--redirect-uri", CALLBACK, "--post-logout-redirect-uri", AFTER_LOGOUT],
        cwd=REPO, env={**os.environ, "DJANGO_SETTINGS_MODULE": "tests.oidc_provider.settings"},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    op = TestOP(base=f"http://127.0.0.1:{port}")
    try:
        _await(op.discovery, process)
        yield op
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def op(test_op) -> Iterator[TestOP]:
    test_op.token_mode("normal")
    yield test_op
    test_op.token_mode("normal")


@pytest.fixture
def sso_org(db) -> Organisation:
    return OrganisationFactory(name="Testgemeente SSO")


@pytest.fixture
def provider(op, sso_org) -> IdentityProvider:
    return sso_services.identity_provider_configure(
        actor=None, organisation=sso_org, client_secret=CLIENT_SECRET, issuer=op.base, discovery_url=op.discovery,
        client_id=CLIENT_ID, scopes="openid profile email", group_claim="groups",
        acr_values="urn:test:loa:substantial", amr_values="otp", recheck_minutes=5, create_users=True,
    )


def sso_login(client, op: TestOP, provider: IdentityProvider, username: str,
              browser: requests.Session | None = None, next_url: str = ""):
    """The whole code flow: our start view, the IdP, our callback. Returns the callback's response."""
    start = client.get(f"/accounts/login/sso/{provider.pk}/" + (f"?next={next_url}" if next_url else ""))
    assert start.status_code == 302, start
    callback, browser = op.authorize(start["Location"], username, browser)
    response = client.get(callback)
    response.browser = browser
    return response
