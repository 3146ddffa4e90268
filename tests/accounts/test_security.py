"""Every URL needs a two-factor login; headers; error pages; production refuses unsafe config."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from config.environment import ConfigurationError, load_key_material, require_production_safety
from tests import dbtemplates, forkserver

pytestmark = pytest.mark.django_db(databases="__all__")
ROOT = Path(__file__).resolve().parents[2]
PUBLIC = {"/accounts/login/", "/api/v1/openapi.json", "/api/v1/openapi.yaml",  # the published API document
          "/toegankelijkheid/",  # the accessibility statement (accounts/accessibility.py)
          # "Log in via <organisation>" (accounts/sso/): part of logging in; an unknown provider is a 404
          "/accounts/login/sso/00000000-0000-4000-8000-000000000000/",
          # the challenge a passkey signs on the login page (POST only; names no account)
          "/accounts/login/passkey/"}


def _walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def _concrete(route: str) -> str:
    import re

    route = re.sub(r"<uuid:[^>]+>", "00000000-0000-4000-8000-000000000000", route)
    route = re.sub(r"<int:[^>]+>", "1", route)
    route = re.sub(r"<[^>]+>", "x", route)
    return "/" + route.lstrip("^").rstrip("$")


def test_every_url_except_login_requires_login(client):
    routes = [_concrete(route) for route in _walk(get_resolver().url_patterns)]
    assert len(routes) >= 5
    for path in routes:
        if path in PUBLIC:
            continue
        response = client.get(path)
        if path == "/accounts/login/sso/callback/":  # no state of this session: a refused login, back to login
            assert response.status_code == 302 and response["Location"] == "/accounts/login/"
            continue
        assert response.status_code in (302, 401), path
        if response.status_code == 302:
            assert response["Location"].startswith("/accounts/login/"), path


def test_login_page_sets_strict_security_headers(client):
    response = client.get("/accounts/login/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_login_page_is_dutch_by_default(client):
    body = client.get("/accounts/login/").content.decode()
    assert 'lang="nl"' in body and "Inloggen" in body and "Wachtwoord" in body


def test_404_page_leaks_nothing(client, make_user, login):
    login(client, make_user())
    response = client.get("/geheim-pad-met-naam-Testpersoon/")
    assert response.status_code == 404
    assert "Testpersoon" not in response.content.decode()
    assert "Traceback" not in response.content.decode()


def _production_env(**overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "FIELD_", "BLIND_", "AUDIT_"))}
    env.update({
        "DJANGO_ENV": "production", "DEBUG": "false", "ALLOWED_HOSTS": "zv.example",
        "SECRET_KEY": "x" * 20 + "a-very-long-random-production-secret-key-0123456789",
        "FIELD_ENCRYPTION_KEYS": "k1:" + "A" * 43 + "=", "BLIND_INDEX_KEY": "B" * 43 + "=",
        "AUDIT_SIGNING_KEY": "C" * 43 + "=", "DATA_DIR": "/tmp/zv-prod-check",
    })
    env.update(overrides)
    return {k: v for k, v in env.items() if v is not None}


def _start(env) -> subprocess.CompletedProcess:
    return forkserver.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env,
                          timeout=dbtemplates.PROCESS_TIMEOUT)


def test_production_starts_with_a_safe_configuration():
    result = _start(_production_env())
    assert result.returncode == 0, result.stderr[-2000:]


@pytest.mark.parametrize("overrides, message", [
    ({"SECRET_KEY": None}, "SECRET_KEY"),
    ({"SECRET_KEY": "django-insecure-development-only-key-never-use-in-production-0123456789"}, "SECRET_KEY"),
    ({"DEBUG": "true"}, "DEBUG"),
    ({"ALLOWED_HOSTS": "*"}, "ALLOWED_HOSTS"),
    ({"FIELD_ENCRYPTION_KEYS": None}, "FIELD_ENCRYPTION_KEYS"),
    ({"BLIND_INDEX_KEY": None}, "BLIND_INDEX_KEY"),
    ({"AUDIT_SIGNING_KEY": None}, "AUDIT_SIGNING_KEY"),
])
def test_production_refuses_unsafe_configuration(overrides, message):
    result = _start(_production_env(**overrides))
    assert result.returncode != 0
    assert message in result.stderr


def test_production_never_generates_keys(tmp_path):
    with pytest.raises(ConfigurationError):
        load_key_material(environ={}, base_dir=tmp_path, production=True)
    assert not (tmp_path / "var").exists()


def test_development_generates_a_private_key_file_once(tmp_path):
    first = load_key_material(environ={}, base_dir=tmp_path, production=False)
    key_file = tmp_path / "var" / "dev-keys.json"
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    assert load_key_material(environ={}, base_dir=tmp_path, production=False) == first


def test_short_secret_key_is_refused():
    with pytest.raises(ConfigurationError):
        require_production_safety(secret_key="short", dev_secret_key="dev", debug=False, allowed_hosts=["a"])
