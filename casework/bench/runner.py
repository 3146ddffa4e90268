"""Driving pages over HTTP for `manage.py bench`: a gunicorn server, logged-in sessions, load.

- `server()` starts gunicorn (config/gunicorn.py: 2 sync workers unless WEB_CONCURRENCY says
  otherwise) on a free loopback port below 32768 with `BENCH_BASELINE=1` and `DEBUG=0` (as served in
  production: with DEBUG on, Django keeps every query's SQL and the templates run in debug mode), and
  stops it after.
- `login()` signs a seeded user in as a person would: the login form with password and the
  current TOTP code; the session cookie is then shared by all connections of that user.
- `drive()` sends one page's request from `users` threads for `seconds` and returns the latencies,
  the statuses and the queries the server reported (casework/bench/middleware.py).
"""

from __future__ import annotations

import contextlib
import http.client
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from casework.bench.pages import Request

QUERY_SAMPLE = 20  # requests per round whose query count is read

ROOT = Path(__file__).resolve().parents[2]
_CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def free_port() -> int:
    for _attempt in range(200):
        port = random.randint(15000, 32000)  # noqa: S311 - not security relevant
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free loopback port below 32768")


@contextlib.contextmanager
def server(*, workers: int = 2, timeout: float = 60.0) -> Iterator[int]:
    port = free_port()
    env = {**os.environ, "BENCH_BASELINE": "1", "DEBUG": "0", "GUNICORN_BIND": f"127.0.0.1:{port}",
           "WEB_CONCURRENCY": str(workers), "LOG_LEVEL": "warning", "GUNICORN_MAX_REQUESTS": "0"}
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and config
        [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "config" / "gunicorn.py"), "config.wsgi"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                error = process.stderr.read().decode() if process.stderr else ""
                raise RuntimeError(f"gunicorn exited: {error[-2000:]}")
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
                break
            if time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not start listening")
            time.sleep(0.2)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@dataclass
class Session:
    port: int
    cookies: dict[str, str] = field(default_factory=dict)

    def csrf(self) -> str:
        return next((value for name, value in self.cookies.items() if name.endswith("csrftoken")), "")

    def send(self, request: Request) -> tuple[int, bytes, http.client.HTTPResponse]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), "Host": "127.0.0.1"}
        body = None
        if request.method == "POST":
            data = {"csrfmiddlewaretoken": self.csrf(), **request.data}
            body = urlencode(data)
            headers.update({"Content-Type": "application/x-www-form-urlencoded", "X-CSRFToken": self.csrf(),
                            "Referer": f"http://127.0.0.1:{self.port}{request.path}"})
        try:
            connection.request(request.method, request.path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, content, response


def login(port: int, username: str, password: str, code: str) -> Session:
    session = Session(port)
    _status, page, _response = session.send(Request("GET", "/accounts/login/"))
    match = _CSRF_INPUT.search(page.decode())
    token = {"csrfmiddlewaretoken": match.group(1)} if match else {}
    status, _body, _response = session.send(Request("POST", "/accounts/login/", {
        "username": username, "password": password, "otp_token": code, **token}))
    if status != 302 or "sessionid" not in session.cookies:
        raise RuntimeError(f"login of {username!r} failed (HTTP {status})")
    return session


@dataclass
class Measurement:
    latencies: list[float]
    seconds: float
    statuses: dict[int, int]
    queries: int | None

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def percentile(self, share: float) -> float:
        if not self.latencies:
            return float("nan")
        if len(self.latencies) == 1:
            return self.latencies[0] * 1000
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[round(share * 100) - 1] * 1000


def drive(session: Session, request: Request, *, users: int, seconds: float) -> Measurement:
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    queries: list[int] = []
    lock = threading.Lock()
    started = time.monotonic()
    deadline = started + seconds

    def worker() -> None:
        own = Session(session.port, dict(session.cookies))
        while time.monotonic() < deadline:
            begin = time.perf_counter()
            status, _body, response = own.send(request)
            elapsed = time.perf_counter() - begin
            with lock:
                latencies.append(elapsed)
                statuses[status] = statuses.get(status, 0) + 1
                header = response.headers.get("X-Bench-Queries")
                if header and len(queries) < QUERY_SAMPLE:
                    queries.append(int(header))

    threads = [threading.Thread(target=worker) for _ in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Measurement(latencies, time.monotonic() - started, statuses, steady_queries(queries))


def steady_queries(counts: list[int]) -> int | None:
    """The query count of a warm request: the most frequent among the sample (the larger on a tie). The first
    request of each gunicorn worker also fills its process caches (a user's role, the calendar), so the largest
    count overstates what the page costs."""
    if not counts:
        return None
    frequency = Counter(counts)
    return max(frequency, key=lambda count: (frequency[count], count))
