"""axe-core (WCAG 2.1 A and AA) in headless Chromium on one page per URL pattern per role, and on the error state
of every form (sent empty, the server's answer with its field errors), on the demo data: 0 violations (issue 19
item 6). Which pages: tests/browser/axe_sweep.py (the Dutch crawl's walk, every GET pattern of the URLconf).

`make test` sweeps a fixed sample: per role the first pages of the walk, of which a few patterns and one form chosen
by a stable hash. `make test-full` (TEST_FULL=1) sweeps every pattern of every role, per case type and status, and
every form's error state, and checks that together they reach every GET pattern of the web UI."""

from __future__ import annotations

import pytest

from accounts.models import SealedTOTPDevice, User
from tests.browser import axe_sweep
from tests.browser.conftest import axe_violations, hand_over
from tests.casework.web.test_dutch_crawl import ROLES
from tests.conftest import login_client
from tests.sweeps import FULL, full_only

# make test: the walk's first pages per role, of which SAMPLE_PAGES patterns and the first SAMPLE_FORMS forms with a
# field, by stable hash.
SAMPLE_WALK, SAMPLE_PAGES, SAMPLE_FORMS = 8, 2, 1
# make test-full: the walk follows this many links per pattern (rows in other states show other forms); the
# browser still visits one page per pattern.
WALK_PER_PATTERN = 4


def _log_in(client, username: str) -> None:
    user = User.objects.get(username=username)
    user.device = SealedTOTPDevice.objects.get(user=user)
    client.logout()
    login_client(client, user)


def _violations(page, what: str) -> list[str]:
    return [f"{what}: {v['id']} ({v['impact']}) at {', '.join(v['nodes'][:3])}" for v in axe_violations(page)]


def _sweep_pages(page, base_url: str, urls: list[str], skipped: list[str]) -> list[str]:
    found = []
    for url in urls:
        response = page.goto(base_url + url)
        if response is None or response.status != 200 or "text/html" not in response.headers.get("content-type", ""):
            skipped.append(f"{url} ({response.status if response else 'no answer'})")
            continue
        found += _violations(page, url)
    return found


def _sweep_forms(page, client, base_url: str, forms: list[tuple[str, str]], accepted: list[str],
                 limit: int | None) -> tuple[list[str], list[str]]:
    """Each form sent empty from its page, the first `limit` that have a field (all: None); axe-core on the answer
    when it shows field errors. A form the server accepted empty (it has no required field) has no error state:
    listed, not failed. Returns the violations and the actions sent."""
    found: list[str] = []
    sent: list[str] = []
    for page_url, action in forms:
        if limit is not None and len(sent) >= limit:
            break
        page.goto(base_url + page_url)
        if "/accounts/login/" in page.url:  # an earlier form ended the session (e.g. a deactivated account)
            hand_over(page, base_url, client)
            page.goto(base_url + page_url)
        form = next((f for f in page.evaluate(axe_sweep.POST_FORMS_JS)
                     if f["action"] == base_url + action and f["fields"]), None)
        if form is None:
            continue  # only buttons (approve, mark as read): nothing to leave empty
        sent.append(action)
        with page.expect_navigation():
            page.evaluate(axe_sweep.SEND_EMPTY_JS, form["index"])
        if page.evaluate(axe_sweep.ERROR_STATE_JS):
            found += _violations(page, f"{action} sent empty (from {page_url})")
        else:
            accepted.append(action)
    return found, sent


def _sweep_role(page, client, base_url: str, username: str) -> list[str]:
    _log_in(client, username)
    found = axe_sweep.role_pages(client, by_status=FULL, per_pattern=WALK_PER_PATTERN if FULL else 1,
                                 max_pages=None if FULL else SAMPLE_WALK)
    if not FULL:
        found = found.sample(username, SAMPLE_PAGES)
    assert found.pages and found.forms, f"the walk found nothing to sweep as {username}"
    hand_over(page, base_url, client)
    skipped: list[str] = []
    accepted: list[str] = []
    violations = _sweep_pages(page, base_url, found.pages, skipped)
    form_violations, sent = _sweep_forms(page, client, base_url, found.forms, accepted,
                                         limit=None if FULL else SAMPLE_FORMS)
    violations += form_violations
    print(f"axe sweep as {username}: {len(found.pages)} pages ({len(skipped)} no HTML page: {skipped}), "
          f"{len(sent)} forms sent empty ({len(accepted)} accepted empty, no error state: {accepted})")
    if not FULL:
        print("  sample:", [axe_sweep.route_of(url) for url in found.pages + sent])
    return [f"as {username}: {violation}" for violation in violations]


# make test: every role in one test (the demo restored, the databases flushed and a browser context made once);
# make test-full: a test per role, spread over the workers.
@pytest.mark.parametrize("usernames", [[name] for name in ROLES] if FULL else [ROLES],
                         ids=lambda names: "-".join(names) if len(names) == 1 else "sample")
@pytest.mark.browser
@pytest.mark.django_db(transaction=True, databases="__all__")  # seeded_demo restores the databases
def test_every_page_and_form_error_state_passes_axe(usernames, seeded_demo, client, live_server, watched_page):
    violations = []
    for username in usernames:
        violations += _sweep_role(watched_page, client, live_server.url, username)
    assert watched_page.watch.foreign_requests == []
    assert violations == [], f"{len(violations)} axe-core violations:\n" + "\n".join(violations)


@pytest.mark.browser
def test_the_sweep_reports_a_violation(watched_page):
    """The sweep's check is not blind: an unlabelled field and an image without text are reported."""
    watched_page.set_content('<html lang="nl"><head><title>t</title></head><body><main><h1>t</h1>'
                             '<form><input name="x"></form><img src="data:,"></main></body></html>')
    found = " ".join(_violations(watched_page, "test"))
    assert "label" in found and "image-alt" in found


def test_the_pages_are_the_get_patterns_of_the_urlconf():
    routes = axe_sweep.web_get_routes()
    assert routes["cases/<uuid:case_id>/"] == "casework:case_detail"
    assert routes["cases/<uuid:case_id>/damocles/assessment/"] == "casework:damocles_assessment"  # GET and POST
    assert "meldingen/<int:notification_id>/gelezen/" not in routes  # POST only: swept as a form
    assert not any(route.startswith("api/") for route in routes)
    assert "cases/export.csv" not in routes and "jaarcijfers.xlsx" not in routes  # downloads
    assert "accounts/login/" not in routes
    assert len(routes) > 100


@full_only("the walk of every role by case status takes a minute; make test's Dutch crawl walks the same links")
@pytest.mark.django_db(transaction=True, databases="__all__")  # seeded_demo restores the databases
def test_the_sweep_reaches_every_get_pattern_of_the_web_ui(seeded_demo, client):
    reached: set[str] = set()
    for username in ROLES:
        _log_in(client, username)
        reached |= axe_sweep.role_pages(client, by_status=True, per_pattern=WALK_PER_PATTERN).routes
    missing = sorted(set(axe_sweep.web_get_routes()) - reached)
    unexplained = [route for route in missing if route not in axe_sweep.NOT_REACHED]
    assert unexplained == [], ("no role reaches these pages by links or forms on the demo data (add demo data or a "
                               "link, or an entry in tests/browser/axe_sweep.py with a reason):\n"
                               + "\n".join(unexplained))
    reachable = sorted(set(axe_sweep.NOT_REACHED) - set(missing))
    assert reachable == [], f"reached now, remove from axe_sweep.NOT_REACHED: {reachable}"
