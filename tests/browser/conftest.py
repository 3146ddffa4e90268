"""Headless Chromium (Debian's chromium-headless-shell, never a downloaded browser) driven by Playwright.

The headless shell is Chromium's own build for headless use (Blink, V8 and the DevTools protocol as in the full
browser, without its user interface) and what Playwright itself runs for headless tests; the full browser in
headless mode took 0.15 s of CPU more per page load and the suite 40 % longer (ADR 0060).

Every page load records console errors and any request for a host other than 127.0.0.1; axe-core is
injected from node_modules through the DevTools protocol, so the page's CSP stays untouched.

Nothing leaves the machine: Chromium sends everything that is not loopback to a proxy on a closed
loopback port (Chromium never proxies loopback itself), so such a request fails and is recorded. The
requests are watched as events, not intercepted with `page.route`: interception sends every request
through the Python driver and turns off the browser's cache, so each page would fetch its styles and
scripts anew.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
AXE_SOURCE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# The full browser only where the shell is missing (it passes the same tests, 40 % slower).
CHROMIUM = shutil.which("chromium-headless-shell") or shutil.which("chromium") or "/usr/bin/chromium-headless-shell"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    "--proxy-server=http://127.0.0.1:9",  # the discard port, closed: whatever is not loopback fails here
]
# Playwright waits at most 30 s per action by default; a busy machine must not fail a test, so a hang
# guard only, far above what a page of this application takes.
ACTION_TIMEOUT_MS = 300_000


@dataclass
class PageWatch:
    console_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium's headless shell not found at {CHROMIUM}: install Debian's chromium-headless-shell "
                    "package (.ci/run does).")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def watched_page(browser):
    """A fresh browser context whose page reports console errors and blocks non-loopback requests."""
    context = browser.new_context(locale="en-US")  # the UI must be Dutch anyway
    # axe-core in every document as it is created (as evaluate, through the DevTools protocol: the page's CSP
    # does not apply); sending its 500 kB with each check took 0.13 s a page.
    context.add_init_script(path=str(AXE_SOURCE))
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    context.set_default_navigation_timeout(ACTION_TIMEOUT_MS)
    page = context.new_page()
    watch = PageWatch()

    def on_console(message):
        if message.type == "error":
            watch.console_errors.append(message.text)

    def on_request(request):
        url = urlparse(request.url)
        if url.scheme in ("http", "https", "ws", "wss") and url.hostname not in ("127.0.0.1", "localhost"):
            watch.foreign_requests.append(request.url)

    page.on("console", on_console)
    page.on("pageerror", lambda error: watch.console_errors.append(str(error)))
    page.on("request", on_request)
    page.watch = watch
    yield page
    context.close()


def hand_over(page, base_url: str, client) -> None:
    """Give the browser the session of a test client that is logged in with its second factor (the session cookie
    alone: a TOTP code is accepted once, so the form cannot log the same user in again at once)."""
    value = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.clear_cookies()
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "url": base_url, "value": value}])
    sent = {cookie["name"]: cookie["value"] for cookie in page.context.cookies(base_url)}
    assert sent.get(settings.SESSION_COOKIE_NAME) == value


def enter(page, base_url: str, user, path: str | None = "/") -> None:
    """Start the browser in a two-factor session of `user`, made as the test client's `login` makes one, and go to
    `path` (None: stay). The login form itself is tested in test_login_flow.py, test_passkeys.py and each role's
    working day (test_working_days.py); elsewhere it only added two page loads and a post per login (the suite
    took 2:13 with them, 1:57 without, on two cores)."""
    from django.test import Client

    from tests.conftest import login_client

    client = Client()
    login_client(client, user)
    hand_over(page, base_url, client)
    if path is not None:
        page.goto(f"{base_url}{path}")
        assert "/accounts/login/" not in page.url, f"no session as {user.username} on {path}"


def axe_violations(page) -> list[dict]:
    """Run axe-core (WCAG 2.1 A/AA rules) on the current page; returns the violations."""
    if not page.evaluate("typeof axe !== 'undefined'"):  # a page not made by navigation (set_content)
        page.evaluate(AXE_SOURCE.read_text())
    result = page.evaluate(
        """async () => {
            const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))}));
        }"""
    )
    return result
