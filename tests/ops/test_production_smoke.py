"""Production smoke test: the application as an operator deploys it, on the throwaway PostgreSQL.

DJANGO_ENV=production with throwaway keys: migrate the three aliases, collect static files,
provision an organisation and a user with the commands an operator uses, start gunicorn on a
loopback port behind a (simulated) TLS proxy, log in with password + TOTP, open the dashboard,
register a case and open it, use the API with a token, and check the security headers, cookie
flags, far-future caching of static files and the 403/404/500/503 pages.
"""

from __future__ import annotations

import base64
import json
import re
import secrets
import urllib.parse
from pathlib import Path

import pytest

from tests import templatedb
from tests.ops.support import HOST, Client, environment, gunicorn, login, manage

pytestmark = [pytest.mark.postgres, pytest.mark.production, pytest.mark.django_db(databases="__all__")]

PASSWORD = "rookproef-wachtwoord-2026"  # noqa: S105 - a throwaway account in a throwaway database
ORIGIN = f"https://{HOST}"
TOKEN = secrets.token_urlsafe(32)


def _totp_key(provisioning_output: str) -> str:
    uri = next(line for line in provisioning_output.splitlines() if line.startswith("otpauth://"))
    secret = urllib.parse.parse_qs(urllib.parse.urlsplit(uri).query)["secret"][0]
    return base64.b32decode(secret + "=" * (-len(secret) % 8)).hex()


def _set_cookie(response, name: str) -> str:
    return next((value for value in response.header_values("Set-Cookie") if value.startswith(f"{name}=")), "")


def _assert_security_headers(response) -> None:
    csp = response.headers.get("Content-Security-Policy", "")
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers.get("Strict-Transport-Security") == "max-age=31536000; includeSubDomains; preload"
    assert response.headers.get("X-Frame-Options") == "DENY"
    assert response.headers.get("X-Content-Type-Options") == "nosniff"


def _rename_database(url: str, new_name: str) -> str:
    """Take a database away from the running servers (as an outage would) by renaming it."""
    import psycopg

    name = urllib.parse.urlsplit(url).path.lstrip("/")
    with psycopg.connect(templatedb.with_database(url, "postgres"), autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [name])
        admin.execute(f'ALTER DATABASE "{name}" RENAME TO "{new_name}"')
    return templatedb.with_database(url, new_name)


def test_the_application_runs_as_deployed(migrated_template, tmp_path: Path):
    if not migrated_template.postgres:
        pytest.skip("needs the PostgreSQL templates")
    with templatedb.postgres_copies(migrated_template, prefix="zv_smoke_") as urls:
        env = environment(tmp_path, env="production", databases=urls, MONITORING_TOKEN=TOKEN, LOG_LEVEL="INFO",
                          SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO,https", PROXY_COUNT="1")
        assert "No migrations to apply" in manage(env, "migrate_all").stdout
        manage(env, "collectstatic", "--noinput", "--verbosity", "0")
        manage(env, "create_organisation", "Gemeente Rookproef", "--kind", "gemeente")
        created = manage(env, "create_user", "rookproef", "--role", "procesregisseur", "--organisation",
                         "Gemeente Rookproef", "--team", "Team Rook", "--password-stdin", stdin=PASSWORD + "\n")
        user = {"username": "rookproef", "password": PASSWORD, "key": _totp_key(created.stdout)}
        error_page = manage(env, "shell", "--no-imports", "-c", "from config.errors import server_error; "
                            "r = server_error(None); print(r.status_code, r.content.decode())").stdout
        assert error_page.startswith("500") and re.search(r"/static/css/app\.[0-9a-f]{12}\.css", error_page)

        with gunicorn(env, workers=2, log_path=tmp_path / "gunicorn.log") as server:
            probe = Client(server.url)
            assert probe.get("/health/live").status == 200
            ready = probe.get("/health/ready", headers={"Authorization": f"Bearer {TOKEN}"})
            assert ready.status == 200, ready.body
            assert all(check["ok"] for check in json.loads(ready.body)["checks"].values())

            # Without the proxy's header the application insists on HTTPS.
            plain = Client(server.url, headers={"Host": HOST}).get("/accounts/login/")
            assert plain.status == 301 and plain.headers["Location"] == f"{ORIGIN}/accounts/login/"

            browser = Client(server.url, headers={"Host": HOST, "X-Forwarded-Proto": "https",
                                                  "X-Forwarded-For": "203.0.113.7"}, origin=ORIGIN)
            login_page = browser.get("/accounts/login/")
            assert login_page.status == 200
            _assert_security_headers(login_page)
            csrf_cookie = _set_cookie(login_page, "__Host-csrftoken")
            assert "; Secure" in csrf_cookie and "HttpOnly" in csrf_cookie and "SameSite=Lax" in csrf_cookie
            logged_in = login(browser, user)
            session_cookie = _set_cookie(logged_in, "__Host-sessionid")
            assert "; Secure" in session_cookie and "HttpOnly" in session_cookie and "Path=/" in session_cookie

            dashboard = browser.get("/")
            assert dashboard.status == 200
            _assert_security_headers(dashboard)
            stylesheet = re.search(r'href="(/static/css/app\.[0-9a-f]{12}\.css)"', dashboard.body).group(1)
            static = browser.get(stylesheet)
            assert static.status == 200 and "max-age=315360000" in static.headers["Cache-Control"]
            assert "immutable" in static.headers["Cache-Control"]

            form = browser.get("/cases/pga/new/")
            registered = browser.post("/cases/pga/new/", {
                "csrfmiddlewaretoken": browser.csrf_from(form), "first_names": "Rook", "surname": "Proefpersoon",
                "date_of_birth": "1985-05-05", "aanleiding": "Synthetische rookproef", "informed_status": "not_yet"})
            assert registered.status == 302, registered.body[:2000]
            case_path = urllib.parse.urlsplit(registered.headers["Location"]).path
            case_page = browser.get(case_path)
            assert case_page.status == 200 and "Proefpersoon" in case_page.body

            issued = browser.request("POST", "/api/v1/auth/token", headers={
                "X-CSRFToken": browser.cookie("__Host-csrftoken"), "Referer": f"{ORIGIN}/"}, body=b"")
            assert issued.status == 201, issued.body
            api = Client(server.url, headers={"Host": HOST, "X-Forwarded-Proto": "https",
                                              "Authorization": f"Token {json.loads(issued.body)['token']}"})
            cases = api.get("/api/v1/pga/cases")
            assert cases.status == 200 and case_path.split("/")[2] in cases.body

            forbidden = browser.get("/privacy/audit/")
            assert forbidden.status == 403 and "/static/vendor/utrecht-css/index." in forbidden.body
            missing = browser.get("/bestaat-niet/")
            assert missing.status == 404 and "/static/css/app." in missing.body

            keys_url = urls["KEYS_DATABASE_URL"]
            moved = _rename_database(keys_url, urllib.parse.urlsplit(keys_url).path.lstrip("/") + "_weg")
            try:
                unavailable = browser.get(case_path)
            finally:
                _rename_database(moved, urllib.parse.urlsplit(keys_url).path.lstrip("/"))
            assert unavailable.status == 503 and "Proefpersoon" not in unavailable.body
            assert unavailable.headers.get("Retry-After") == "60"
            assert browser.get(case_path).status == 200  # back once the key store is

        log = server.log()
        access = [json.loads(line) for line in log.splitlines() if '"logger": "gunicorn.access"' in line]
        assert access and all("?" not in entry["path"] for entry in access)
        assert all("203.0.113.7" not in line for line in log.splitlines())
        assert "Proefpersoon" not in log
