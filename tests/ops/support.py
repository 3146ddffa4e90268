"""Helpers for tests that run the application as an operator would: subprocesses with production
settings (throwaway keys), gunicorn on a loopback port, and a small HTTP client with a cookie jar.
"""

from __future__ import annotations

import base64
import contextlib
import http.cookiejar
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from tests import forkserver
from tests.commands import manage_command

ROOT = Path(__file__).resolve().parents[2]
DATABASE_VARIABLES = ("DATABASE_URL", "AUDIT_DATABASE_URL", "KEYS_DATABASE_URL", "REPLICA_DATABASE_URL")
HOST = "zorgveilig.test"


def _key() -> str:
    return base64.b64encode(os.urandom(32)).decode()


def throwaway_keys() -> dict[str, str]:
    return {
        "SECRET_KEY": secrets.token_urlsafe(64),
        "FIELD_ENCRYPTION_KEYS": f"drill:{_key()}",
        "BLIND_INDEX_KEY": _key(),
        "AUDIT_SIGNING_KEY": _key(),
    }


def environment(data_dir: Path, *, env: str = "production", keys: Mapping[str, str] | None = None,
                databases: Mapping[str, str] | None = None, **extra: str) -> dict[str, str]:
    """The environment of a subprocess: no inherited database URL unless given in `databases`."""
    base = {key: value for key, value in os.environ.items()
            if key not in DATABASE_VARIABLES and not key.startswith(("DJANGO_", "SENTRY_", "OTEL_"))}
    base.update({"DJANGO_ENV": env, "DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT),
                 "DJANGO_SETTINGS_MODULE": "config.settings"})
    if env == "production":
        base.update({"DEBUG": "false", "ALLOWED_HOSTS": f"{HOST},127.0.0.1"})
        base.update(keys if keys is not None else throwaway_keys())
    elif keys is not None:
        base.update(keys)
    base.update(databases or {})
    base.update(extra)
    return base


def manage(env: Mapping[str, str], *args: str, check: bool = True, timeout: float = 300,
           stdin: str | None = None) -> subprocess.CompletedProcess:
    result = forkserver.run(manage_command(*args), cwd=ROOT, env=dict(env),
                            timeout=timeout, input=stdin)
    if check and result.returncode != 0:
        raise AssertionError(f"manage.py {' '.join(args)} failed ({result.returncode}):\n"
                             f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result


def free_port() -> int:
    from tests.pgserver import free_port as _free

    return _free()


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    log_path: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


def wait_for_port(port: int, process: subprocess.Popen, log_path: Path, timeout: float = 60) -> None:
    """Wait until the server accepts connections (polling a socket, bounded; fails fast if it died)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server exited with {process.returncode}:\n{log_path.read_text()[-4000:]}")
        with socket.socket() as sock:
            sock.settimeout(0.2)
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise AssertionError(f"server did not listen on {port}:\n{log_path.read_text()[-4000:]}")


@contextlib.contextmanager
def gunicorn(env: Mapping[str, str], *, workers: int = 2, log_path: Path, port: int | None = None,
             extra_args: tuple[str, ...] = ()) -> Iterator[Server]:
    """gunicorn with the repository's config file on a free loopback port; stopped (TERM) afterwards."""
    port = port or free_port()
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": str(workers)}
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "config" / "gunicorn.py"), *extra_args,
             "config.wsgi"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
    try:
        wait_for_port(port, process, log_path)
        yield Server(process, port, log_path)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001
        return None


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: str
    raw_headers: list[tuple[str, str]] = field(default_factory=list)

    def header_values(self, name: str) -> list[str]:
        return [value for key, value in self.raw_headers if key.lower() == name.lower()]


class Client:
    """A browser-like client: cookie jar, CSRF token from the cookie, no automatic redirects."""

    def __init__(self, base_url: str, *, headers: Mapping[str, str] | None = None, origin: str = "") -> None:
        self.base_url = base_url
        self.origin = origin or base_url  # what the browser's address bar shows (for Referer)
        self.jar = http.cookiejar.CookieJar(policy=http.cookiejar.DefaultCookiePolicy(secure_protocols=("http",
                                                                                                          "https")))
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)
        self.headers = dict(headers or {})

    def cookie(self, name: str) -> str:
        for cookie in self.jar:
            if cookie.name == name:
                return cookie.value or ""
        return ""

    def request(self, method: str, path: str, *, data: Mapping[str, str] | None = None,
                headers: Mapping[str, str] | None = None, body: bytes | None = None, timeout: float = 60) -> Response:
        url = path if path.startswith("http") else self.base_url + path
        all_headers = {**self.headers, **(headers or {})}
        payload = body
        if data is not None:
            payload = urllib.parse.urlencode(data).encode()
            all_headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
        req = urllib.request.Request(url, data=payload, method=method, headers=all_headers)  # noqa: S310 - http only
        try:
            with self.opener.open(req, timeout=timeout) as response:
                status, raw, content = response.status, list(response.headers.items()), response.read()
        except urllib.error.HTTPError as error:
            status, raw, content = error.code, list(error.headers.items()), error.read()
        return Response(status, dict(raw), content.decode(errors="replace"), raw)

    def get(self, path: str, **kwargs) -> Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, data: Mapping[str, str], *, referer: str | None = None, **kwargs) -> Response:
        """POST a form with the CSRF token of the last page (hidden field) or the cookie."""
        headers = dict(kwargs.pop("headers", {}) or {})
        headers.setdefault("Referer", referer or self.origin + path)
        return self.request("POST", path, data=data, headers=headers, **kwargs)

    def csrf_from(self, page: Response) -> str:
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)
        if not match:
            raise AssertionError("no CSRF token on the page")
        return match.group(1)


def totp(key_hex: str) -> str:
    from django_otp.oath import TOTP

    return str(TOTP(bytes.fromhex(key_hex), step=30, t0=0, digits=6).token()).zfill(6)


def login(client: Client, user: Mapping[str, str]) -> Response:
    """Log in with username, password and the current TOTP code, as a person would."""
    page = client.get("/accounts/login/")
    assert page.status == 200, page.status
    response = client.post("/accounts/login/", {
        "csrfmiddlewaretoken": client.csrf_from(page), "username": user["username"],
        "password": user["password"], "otp_token": totp(user["key"]),
    })
    assert response.status == 302, f"login failed ({response.status}): {response.body[:500]}"
    return response


def provision(env: Mapping[str, str], spec: Mapping[str, object]) -> dict:
    import json

    result = forkserver.run([sys.executable, "-m", "tests.ops.provision", json.dumps(dict(spec))], cwd=ROOT,
                            env=dict(env), timeout=120)
    if result.returncode != 0:
        raise AssertionError(f"provisioning failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])
