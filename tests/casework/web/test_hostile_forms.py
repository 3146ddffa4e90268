"""Hostile input on every web form (issue 17 item 7, the web half; the API half is tests/casework/api/test_hostile.py):
oversize text (past each field's maximum length, and a megabyte), NUL bytes, invalid UTF-8 (raw bytes in the
urlencoded body), out-of-range dates, wrong types (text in number, date and choice fields, unknown choices),
ids of objects the form does not offer (another organisation's, another case's), a missing or stale `version`
and a duplicate submit (the same one-time submission token twice), sent to every view of the URLconf that
accepts POST, as a demo role that reaches it, on the demo data.

Each hostile body is the form filled in plausibly with one thing changed, and the plausible body itself must be
one the view accepts: a refusal for another reason (an empty required field, a date on the wrong side of today,
an approval already decided) would hide a missing check of the hostile part. So before the hostile bodies the
sweep finds a plausible body the view accepts, trying the VARIANTS of hostile_support.py in a transaction it
rolls back (no row, event, key or claimed submission token stays); a view that accepts none is named in
PLAUSIBLE_REFUSED with why, and the test fails on a view that accepts none without being listed there, and on a
listed one that accepts one (the list is kept exact).

Every answer must be below 500. A refused write answers with a Dutch error (the form again with its error
summary, or the Dutch 400/403/404/409 page), leaves the row count of every table of the main database and the
key store unchanged (nothing half-saved, no orphan data key), and adds to the audit trail only reads and
refusals. A duplicate submit creates one object. The views come from the URLconf and the demo pages that
link to them, so a form added later is covered without editing this file; a test checks the covered views
are exactly the URLconf's POST views but for the few listed in NOT_SWEPT.

`make test` sends each view a fixed, seeded choice of PER_VIEW kinds (one); `make test-full` sends every kind
(tests/sweeps.py).
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterator
from typing import Any, cast
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import resolve, reverse

from audit.actions import Action, Outcome
from audit.models import AuditEvent
from tests import dbtemplates
from tests.casework.hostile_rows import VALUES, add_missing_rows
from tests.casework.web.crawl_support import Checker, Page, parse
from tests.casework.web.hostile_support import (
    KINDS,
    VARIANTS,
    Form,
    PostView,
    Variant,
    allowed_methods,
    applies,
    bodies,
    plausible,
    post_forms,
    post_views,
    rolled_back,
    table_counts,
    urlencoded,
)
from tests.casework.web.hostile_targets import Target, above, targets_of
from tests.factories.files import PNG
from tests.sweeps import FULL

pytestmark = [pytest.mark.django_db(databases="__all__")]

# POST views the sweep leaves alone, each with why (the coverage test names every other one).
NOT_SWEPT: dict[str, str] = {
    "accounts:login": "the login flow (password, TOTP, lockout, throttling): tests/accounts/test_login.py",
    "accounts:logout": "ends the session the sweep runs in; tests/accounts/test_login.py",
}
# Views whose rows the demo does not hold and `add_missing_rows` (hostile_targets.py) does not add yet (a
# destruction batch needs cases past their retention): covered by their own request tests until the demo, or
# the set-up here, has them.
NO_DEMO_ROW: dict[str, str] = {}
# Views whose every plausible body the demo refuses (every variant of hostile_support.VARIANTS, rolled back),
# with why: their hostile bodies are refused for that reason first, so the sweep shows only that the refusal is
# clean (no 500, Dutch, nothing written); the validation of their input rests on their own tests. The test fails
# when a view listed here accepts a plausible body (then remove it) or one not listed accepts none.
STATE = "the demo's rows are not in the state the form is for: "
PLAUSIBLE_REFUSED: dict[str, str] = {
    "accounts:account": "adding a passkey needs the browser's WebAuthn answer (tests/accounts/test_passkeys.py)",
    "casework:privacy_retention_batch_propose": STATE + "a destruction list awaits its decision (the sweep adds one)",
}
# POST-only views whose form is on the answer to another form of the same session (the report the privacy officer
# makes, then its review): the forms sent first, in turn, to reach it.
PREPARED_BY: dict[str, tuple[str, ...]] = {
    "casework:privacy_inzage_review": ("casework:privacy_inzage",),
    "casework:privacy_inzage_pdf": ("casework:privacy_inzage", "casework:privacy_inzage_review"),
}
# Addresses (rows, roles) tried for a view until one accepts a plausible body: the demo's rows differ in state.
TARGETS_TRIED = 6
# Fields no rule of hostile_support.plausible fills in as the view needs, by view.
PLAUSIBLE_VALUES: dict[str, dict[str, str]] = {
    "audit:user_subjects": {"username": "regisseur"},  # looked up: a demo account
    "casework:woonoverlast_closure_create": {"urgency_reason": ""},  # only with an urgent closure
    # monitoring: the outcome that takes a date (the first, no action, ignores the review and sharing dates, so a
    # hostile date would be accepted as ignored, not refused)
    "casework:signals_triage": {"outcome": "monitor"},
    "casework:signals_triage_page": {"outcome": "monitor"},
    # a first inspection: whether the order was complied with is asked at a re-inspection only
    "casework:park_inspection_create": {"compliant": ""},
    # a tolerance is for a person living on the object before the policy's reference date (31-10-2003)
    "casework:park_tolerance_create": {"resident_since": "2000-01-01"},
    # an owner is a person or a legal entity, not both: the person
    "casework:damocles_register": {"owner_entity_name": "", "owner_kvk": "", "bag_id": ""},
}
# Views of the test settings' example case type (tests/testapps/): not part of the product.
TEST_MODULES = ("tests.",)
VIEWS = [view for view in post_views() if view.name not in NOT_SWEPT and view.name not in NO_DEMO_ROW
         and not view.module.startswith(TEST_MODULES)]
# Kinds per view in `make test` (the suite's time budget: one request or two per view, a different kind for
# different views); `make test-full` sends every kind that applies.
PER_VIEW = 1
READS = {Action.VIEW, Action.LIST, Action.SEARCH, Action.EXPORT, Action.PRINT}
PDF = b"%PDF-1.4\n% synthetic\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def _kinds(view: PostView, applicable: tuple[str, ...] = KINDS) -> tuple[str, ...]:
    """The kinds sent to a view: every one that applies to its form with TEST_FULL=1, else a fixed, seeded
    choice of PER_VIEW of them; the duplicate submit last, as it may write."""
    if FULL or len(applicable) <= PER_VIEW:
        return applicable
    start = int(hashlib.sha256(view.name.encode()).hexdigest(), 16) % len(applicable)
    chosen = {applicable[(start + step) % len(applicable)] for step in range(PER_VIEW)}
    return tuple(kind for kind in applicable if kind in chosen)


# --- the demo ------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> Iterator[None]:
    """The demo data, with the rows the demo leaves out added through the services (so their forms are swept)."""
    with django_db_blocker.unblock():
        dbtemplates.restore_sqlite(dbtemplates.demo_template())
        try:
            add_missing_rows()
            yield
        finally:
            dbtemplates.restore_sqlite(dbtemplates.sqlite_template())


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker()


@pytest.fixture
def no_refusal_limit(settings) -> None:
    settings.AUDIT_REFUSAL_LIMIT = 1_000_000  # every refusal reaches its view (the 429 itself: tests/audit/)


# --- the hostile bodies ---------------------------------------------------------------------------------------

# --- the checks ----------------------------------------------------------------------------------------------

def _error_texts(response: Any) -> list[str] | None:
    """What the answer says about the refusal, or None when it is no refusal (a redirect, a page without errors)."""
    if response.streaming or (response.status_code < 400 and response.status_code != 200):
        return None
    content = response.content.decode("utf-8", errors="replace")
    if response.status_code == 200 and "app-error-summary" not in content:
        return None
    page = parse("/", content)
    return page.texts


def _english(texts: list[str], checker: Checker) -> list[str]:
    page = Page(url="", texts=texts, links=[])
    return [f.text for f in checker.findings(page) if f.kind in ("English", "English prose")]


def _check(response: Any, where: str, *, before: dict[str, int], last: int, checker: Checker,
           problems: list[str], hostile: bool) -> bool:
    """Record what is wrong with one answer; True when it refused the write."""
    if response.status_code >= 500:
        problems.append(f"{where}: server error")
        return True
    texts = _error_texts(response)
    if texts is None:
        after = table_counts()
        if hostile and after != before:  # accepted (a redirect, or a page without errors) and written
            problems.append(f"{where}: hostile input was saved")
        return False
    content_type = response.get("Content-Type", "")
    html = content_type.startswith("text/html") and "<html" in response.content.decode(errors="replace")
    if not texts or (html and 'lang="nl"' not in response.content.decode(errors="replace")):
        problems.append(f"{where}: the refusal is no Dutch page ({content_type}): {response.content[:200]!r}")
    english = _english(texts, checker)
    if english:
        problems.append(f"{where}: English in the refusal: {english[:3]}")
    after = table_counts()
    changed = {table: (count, after.get(table)) for table, count in before.items() if count != after.get(table)}
    if changed:
        problems.append(f"{where}: a refused write changed {changed}")
    written = AuditEvent.objects.filter(sequence__gt=last, outcome=Outcome.OK).exclude(action__in=READS)
    if written.exists():
        problems.append(f"{where}: a refused write left {list(written.values_list('action', 'object_type'))}")
    return True


def _form_of(client: Client, target: Target) -> Form | None:
    """The form as the page renders it now (a fresh submission token): the view's own page, or for a view
    that takes POST only, the nearest page above it in the path that holds a form posting to it. None when
    the page is no longer there (an earlier kind changed the case)."""
    url = target.url
    gets = "GET" in (allowed_methods(resolve(url).func) or ["GET"])
    pages_above = above(url)
    if target.html:
        own = [form for form in post_forms(target.html) if urlsplit(urljoin(url, form.action or url)).path == url]
        target.html = ""  # once: later calls read the page as it is then
        if own:
            return max(own, key=lambda form: len(form.controls))
    for page in [url, *pages_above] if gets else pages_above:
        try:
            response = client.get(page)
        except Exception:  # noqa: BLE001,S112 - a path above the view need not be a page
            continue
        if page == url and response.status_code != 200:
            return None
        if response.status_code != 200 or response.streaming:  # a download (an export) is no form page
            continue
        forms = post_forms(response.content.decode())
        own = [form for form in forms if urlsplit(urljoin(page, form.action or page)).path == url]
        if own:
            return max(own, key=lambda form: len(form.controls))
    return Form(method="post", action=url, enctype="")


def _accepted_variant(client: Client, url: str, form: Form, values: dict[str, str]) -> tuple[Variant | None, str]:
    """The first variant of a plausible body the view accepts, sent and rolled back; None and what the last
    refusal said when it accepts none."""
    said = ""
    for variant in VARIANTS:
        with rolled_back():
            response = _send(client, url, form, plausible(form, variant, values))
        if response.status_code < 500 and _error_texts(response) is None:
            return variant, ""
        said = _summary(response)
    return None, said


def _summary(response: Any) -> str:
    """The error summary of a refusal (or the page's main text), for the failure message."""
    if response.streaming:
        return f"HTTP {response.status_code}"
    html = response.content.decode("utf-8", errors="replace")
    start = html.find("app-error-summary")
    part = html[start:html.find("</div>", start)] if start >= 0 else html[html.find("<main"):html.find("</main>")]
    return f"HTTP {response.status_code}: " + " ".join(parse("/", "<p " + part).texts)[:300]


def _plausible_target(view: PostView, values: dict[str, str], problems: list[str]) -> tuple[Target, Form, Variant]:
    """The address, its form and the variant of a plausible body the view accepts (of the first TARGETS_TRIED
    addresses); a problem when it accepts none and is not listed in PLAUSIBLE_REFUSED, or accepts one and is."""
    candidates = targets_of(view)
    target = next(candidates, None)
    assert target is not None, f"no demo role reaches {view.name} ({view.route}) from its pages"
    if view.name in PREPARED_BY:
        target.html = _prepared(target, PREPARED_BY[view.name])
    first = _form_of(target.client, target)
    assert first is not None, f"GET {target.url} as {target.role}"
    if not FULL and view.name in PLAUSIBLE_REFUSED:  # `make test` takes the list as it is for the listed views
        return target, first, VARIANTS[0]
    variant, said = _accepted_variant(target.client, target.url, first, values)
    for other in itertools.islice(candidates, TARGETS_TRIED - 1) if variant is None else ():
        form = _form_of(other.client, other)
        found = _accepted_variant(other.client, other.url, form, values)[0] if form is not None else None
        if found is not None:
            target, first, variant = other, cast(Form, form), found
            break
    if variant is None and view.name not in PLAUSIBLE_REFUSED:
        problems.append(f"no plausible body is accepted as {target.role} at {target.url} ({said}): the hostile "
                        "bodies would be refused for that reason first. Fill the form in better "
                        "(hostile_support.plausible, PLAUSIBLE_VALUES), give the demo the row it needs "
                        "(hostile_targets.add_missing_rows) or list the view in PLAUSIBLE_REFUSED with why")
    if variant is not None and view.name in PLAUSIBLE_REFUSED:
        problems.append(f"listed in PLAUSIBLE_REFUSED, but {variant} is accepted at {target.url}: remove it")
    return target, first, variant or VARIANTS[0]


def _values(name: str) -> dict[str, str]:
    """The fields a view's plausible body takes as given: this file's, and those from the set-up's rows."""
    return {**PLAUSIBLE_VALUES.get(name, {}), **VALUES.get(name, {})}


def _prepared(target: Target, names: tuple[str, ...]) -> str:
    """The page that holds the view's form, reached by sending the forms of `names` in turn (plausibly filled,
    each found on the answer to the one before): the form exists only in the answer to another."""
    page = target.client.get(reverse(names[0])).content.decode()
    for name in names:
        url = reverse(name)
        form = next(form for form in post_forms(page) if urlsplit(urljoin(url, form.action or url)).path == url)
        response = _send(target.client, url, form, plausible(form, VARIANTS[0], _values(name)))
        assert response.status_code == 200, f"{name}: {response.status_code}"
        page = response.content.decode()
    return page


def _send(client: Client, url: str, form: Form, body: list[tuple[str, str | bytes]]) -> Any:
    if form.enctype == "multipart/form-data" and not any(isinstance(value, bytes) for _n, value in body):
        data: dict[str, list[str]] = {}
        for name, value in body:
            data.setdefault(name, []).append(value)  # type: ignore[arg-type]
        for control in form.controls:
            if control.kind == "file":  # a small valid file of the kind the input takes
                upload = SimpleUploadedFile("test.png", PNG, "image/png") if "image/" in control.accept \
                    else SimpleUploadedFile("test.pdf", PDF, "application/pdf")
                data[control.name] = [upload]  # type: ignore[list-item]
        return client.post(url, data)
    return client.post(url, urlencoded(body), content_type="application/x-www-form-urlencoded")


# --- the tests -------------------------------------------------------------------------------------------------

def test_the_sweep_covers_every_post_view_of_the_urlconf():
    every = {view.name for view in post_views() if not view.module.startswith(TEST_MODULES)}
    assert {view.name for view in VIEWS} | set(NOT_SWEPT) | set(NO_DEMO_ROW) == every
    assert set(NOT_SWEPT) | set(NO_DEMO_ROW) <= every, "an exclusion names a view that no longer exists"
    swept = {view.name for view in VIEWS}
    named = set(PLAUSIBLE_REFUSED) | set(PLAUSIBLE_VALUES) | set(PREPARED_BY)
    assert named <= swept, "a list names a view that is not swept"
    assert len(VIEWS) >= 120


@pytest.mark.parametrize("view", VIEWS, ids=[view.name for view in VIEWS])
def test_hostile_input_on_a_form_is_refused_cleanly(view, demo, checker, no_refusal_limit):
    problems: list[str] = []
    values = _values(view.name)
    target, first, variant = _plausible_target(view, values, problems)
    client = target.client
    sent = 0
    applicable = tuple(kind for kind in KINDS if applies(kind, first))
    form: Form | None = first
    accepted_any = False
    for kind in _kinds(view, applicable):
        if accepted_any:
            form = None
        if form is None:  # an earlier request was accepted: the page as it is now (a fresh token and version)
            form = _form_of(client, target)
        if form is None:
            break  # the accepted request changed the case (reported if it was hostile)
        fields = plausible(form, variant, values)
        accepted: dict[str, int] | None = None
        for body in bodies(kind, form, fields):
            before = table_counts()
            last = AuditEvent.objects.order_by("-sequence").values_list("sequence", flat=True).first() or 0
            response = _send(client, target.url, form, body)
            sent += 1
            accepted_any = accepted_any or 300 <= response.status_code < 400
            where = f"{kind}: POST {target.url} as {target.role} -> {response.status_code}"
            if kind == "duplicate":
                refused = _check(response, where, before=before, last=last, checker=checker, problems=problems,
                                 hostile=False)
                if not refused and accepted is not None and table_counts() != accepted:
                    problems.append(f"{where}: the duplicate submit wrote again")
                accepted = None if refused else table_counts()
                continue
            _check(response, where, before=before, last=last, checker=checker, problems=problems, hostile=True)
    assert sent, view.name
    assert not problems, "\n".join(problems)
