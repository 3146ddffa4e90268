"""Hostile input on every web form (issue 17 item 7, the web half; the API half is tests/casework/api/test_hostile.py):
oversize text (past each field's maximum length, and a megabyte), NUL bytes, invalid UTF-8 (raw bytes in the
urlencoded body), out-of-range dates, wrong types (text in number, date and choice fields, unknown choices),
ids of objects the form does not offer (another organisation's, another case's), a missing or stale `version`
and a duplicate submit (the same one-time submission token twice), sent to every view of the URLconf that
accepts POST, as a demo role that reaches it, on the demo data.

Every answer must be below 500. A refused write answers with a Dutch error (the form again with its error
summary, or the Dutch 400/403/404/409 page), leaves the row count of every table of the main database and the
key store unchanged (nothing half-saved, no orphan data key), and adds to the audit trail only reads and
refusals. A duplicate submit creates one object. The views come from the URLconf and the demo pages that
link to them, so a form added later is covered without editing this file; a test checks the covered views
are exactly the URLconf's POST views but for the few listed in NOT_SWEPT.

`make test` sends each view a fixed, seeded choice of three kinds; `make test-full` sends every kind
(tests/sweeps.py).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import resolve, reverse

from accounts.models import SealedTOTPDevice, User
from audit.actions import Action, Outcome
from audit.models import AuditEvent
from casework import workflow
from casework.meetings.models import AgendaItem
from casework.models import Case, SavedFilter
from tests import dbtemplates
from tests.casework.web.crawl_support import Checker, Page, parse
from tests.casework.web.hostile_support import (
    KINDS,
    Form,
    PostView,
    allowed_methods,
    applies,
    bodies,
    plausible,
    post_forms,
    post_views,
    table_counts,
    urlencoded,
)
from tests.conftest import login_client
from tests.sweeps import FULL

pytestmark = [pytest.mark.django_db(databases="__all__")]

ROLES = ("regisseur", "handhaver", "teamleider", "partner", "privacy")
# POST views the sweep leaves alone, each with why (the coverage test names every other one).
NOT_SWEPT: dict[str, str] = {
    "accounts:login": "the login flow: password, TOTP, lockout and hostile input are tests/accounts/test_login*.py",
    "accounts:logout": "ends the session the sweep runs in; tests/accounts/test_sessions.py",
}
# Views whose rows the demo does not hold and `_add_missing_rows` does not add yet (a destruction batch needs
# cases past their retention): covered by their own request tests until the demo, or the set-up here, has them.
NO_DEMO_ROW: dict[str, str] = {
    "casework:privacy_retention_batch_decide": "privacy.DestructionBatch",
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
    choice of three of them; the duplicate submit last, as it may write."""
    if FULL or len(applicable) <= PER_VIEW:
        return applicable
    start = int(hashlib.sha256(view.name.encode()).hexdigest(), 16) % len(applicable)
    chosen = {applicable[(start + step) % len(applicable)] for step in range(PER_VIEW)}
    return tuple(kind for kind in applicable if kind in chosen)


# --- the demo, and where each role finds each form -------------------------------------------------------------

@dataclass
class Target:
    role: str
    url: str
    client: Client  # logged in as `role`
    html: str = ""  # the page as the probe got it


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> Iterator[None]:
    """The demo data, with the rows the demo leaves out added through the services (so their forms are swept)."""
    with django_db_blocker.unblock():
        dbtemplates.restore_sqlite(dbtemplates.demo_template())
        try:
            _add_missing_rows()
            yield
        finally:
            dbtemplates.restore_sqlite(dbtemplates.sqlite_template())


def _add_missing_rows() -> None:
    from django.utils import timezone

    from casework.damocles import services as damocles
    from casework.park.models import PenaltyOrder
    from casework.park.services import collection, tracks
    from casework.remedies.models import Appeal, Application, InterimRelief
    from casework.saved_filters import saved_filter_save

    today = timezone.localdate()
    saved_filter_save(user=User.objects.get(username="regisseur"), page=SavedFilter.Page.CASES, query="status=triage")
    relief = InterimRelief.objects.filter(case__case_type="damocles").select_related("case__owner").first()
    if relief is not None:
        damocles.appeal_register(actor=relief.case.owner, case=relief.case, level=Appeal.Level.APPEAL, lodged_on=today)
    order = PenaltyOrder.objects.filter(decided_on__isnull=False).select_related("case__owner").first()
    if order is not None:
        owner = order.case.owner
        tracks.appeal_register(actor=owner, order=order, level=Appeal.Level.APPEAL, lodged_on=today)
        tracks.application_register(actor=owner, case=order.case, kind=Application.Kind.ENFORCEMENT,
                                    received_on=today, applicant_name="Testverzoeker")
        collection.collection_request_record(actor=owner, order=order, requested_on=today,
                                             requester_name="Testverzoeker")
        collection.limitation_event_record(actor=owner, order=order, kind="request_remedy", started_on=today)
    _add_partner_rows(today)


ADDED: dict[Any, list[Any]] = {}  # model -> pks the set-up added: tried first for a view about that model


def _add_partner_rows(today: Any) -> None:
    """An agreement of the partner's organisation in a case shared with it, and a report back on it."""
    from datetime import timedelta

    from casework.pga.casetype import PGA_CONFERENCES, PROCESSING_ACTIVITY
    from casework.pga.models import Agreement, PartnerContribution
    from casework.pga.services import agreement_record, partner_agreement_note
    from casework.sharing import share_create

    regisseur, partner = User.objects.get(username="regisseur"), User.objects.get(username="partner")
    case = Case.objects.filter(case_type="pga", owner=regisseur, closed_on__isnull=True).order_by("reference").first()
    if case is None:
        return
    share_create(actor=regisseur, case=case, partner=partner.organisation, categories=[PGA_CONFERENCES],
                 processing_activity=PROCESSING_ACTIVITY, purpose="Procesregie (test)",
                 weighing="Alleen de afspraken zijn nodig voor de terugmelding (test).", ends_on=today + timedelta(30))
    agreement = agreement_record(actor=regisseur, case=case, description="Testafspraak voor de partner",
                                 owner_organisation=partner.organisation, due_on=today + timedelta(14))
    note = partner_agreement_note(actor=partner, agreement=agreement, text="Testnotitie van de partner.",
                                  processing_activity=PROCESSING_ACTIVITY)
    ADDED[Agreement], ADDED[PartnerContribution] = [agreement.pk], [note.pk]


def _login(client: Client, username: str) -> None:
    user = User.objects.get(username=username)
    user.device = SealedTOTPDevice.objects.get(user=user)
    login_client(client, user)


# The row a path parameter names; `row_id` by the path segment before it.
PARAMETER_MODELS = {
    "case_id": "casework.Case", "share_id": "casework.SharingDecision", "approval_id": "casework.Approval",
    "day_id": "casework.EquatedDay", "filter_id": "casework.SavedFilter", "user_id": "accounts.User",
    "occurrence_id": "meetings.MeetingOccurrence", "notification_id": "notifications.Notification",
    "document_id": "documents.Document", "goal_id": "figures.Goal", "request_id": "privacy.DataSubjectRequest",
    "hold_id": "privacy.LegalHold", "batch_id": "privacy.DestructionBatch", "conference_id": "pga.Conference",
    "agreement_id": "pga.Agreement", "contribution_id": "pga.PartnerContribution",
    "objection_id": "remedies.Objection", "relief_id": "remedies.InterimRelief", "appeal_id": "remedies.Appeal",
    "object_id": "park.RecreationObject", "occupant_id": "park.Occupant", "decision_id": "park.ToleranceDecision",
}
ROW_BY_SEGMENT = {
    "applications": "remedies.Application", "objections": "remedies.Objection", "appeals": "remedies.Appeal",
    "forfeitures": "penalties.Forfeiture", "intentions": "penalties.CollectionIntention",
    "requests": "penalties.CollectionRequest", "limitation-events": "penalties.LimitationEvent",
}
CASE_TYPES = ("pga", "damocles", "park", "woonoverlast", "signals")
# Who is asked first: the role whose work the view is (the others are tried when it may not).
ROLE_BY_PART = {"pga": "regisseur", "damocles": "handhaver", "park": "handhaver", "woonoverlast": "handhaver",
                "signals": "handhaver", "privacy": "privacy", "audit": "privacy", "accounts": "teamleider",
                "figures": "teamleider", "calendar": "teamleider", "partner_views": "partner"}
PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")
CANDIDATES = 12


def _case_type(view: PostView) -> str | None:
    parts = view.module.split(".")
    return parts[1] if len(parts) > 2 and parts[1] in CASE_TYPES else None


def _roles(view: PostView, row: Any = None) -> list[str]:
    first = [role for part, role in ROLE_BY_PART.items() if part in view.module.split(".")]
    owners = [getattr(row, name).username for name in ("recipient", "user") if getattr(row, f"{name}_id", None)]
    ordered = [*owners, *first[-1:], *ROLES]
    return list(dict.fromkeys(ordered))


def _model_of(view: PostView, parameter: str) -> Any:
    if parameter == "row_id":
        segment = view.route.split("<uuid:row_id>")[0].rstrip("/").rsplit("/", 1)[-1]
        return apps.get_model(ROW_BY_SEGMENT[segment])
    return apps.get_model(PARAMETER_MODELS[parameter])


def _rows(view: PostView, model: Any) -> list[Any]:
    added = list(model.objects.filter(pk__in=ADDED.get(model, [])))
    return added + _demo_rows(view, model)


def _demo_rows(view: PostView, model: Any) -> list[Any]:
    rows = model.objects.order_by("pk")
    kind = _case_type(view)
    if model is Case and kind is None:  # a core view: a case of each type, the process director's first
        return [case for code in CASE_TYPES for case in rows.filter(case_type=code)[:2]]
    if model is Case:
        rows = rows.filter(case_type=kind)
    elif kind and any(field.name == "case" for field in model._meta.fields):
        rows = rows.filter(case__case_type=kind)
    return list(rows[:CANDIDATES])


def _review_findings() -> Iterator[tuple[dict[str, Any], Any]]:
    from casework.privacy import anomalies, reviews

    start, end = reviews.default_period()
    for finding in anomalies.findings(start=start, end=end, rules=tuple(anomalies.RULES))[:CANDIDATES]:
        yield {"rule": finding.rule, "key": finding.key}, None


def _export_formats() -> Iterator[tuple[dict[str, Any], Any]]:
    from audit import exports

    yield {"fmt": sorted(exports.EXPORTS)[0]}, None


def _agenda_items() -> Iterator[tuple[dict[str, Any], Any]]:
    for item in AgendaItem.objects.order_by("occurrence_id", "number")[:CANDIDATES]:
        yield {"occurrence_id": item.occurrence_id, "number": item.number}, item


# Paths whose parameters name no row of one model.
SPECIAL_PARAMETERS: dict[tuple[str, ...], Any] = {
    ("rule", "key"): _review_findings,
    ("fmt",): _export_formats,
    ("page",): lambda: (({"page": page}, None) for page in SavedFilter.Page.values),
    ("occurrence_id", "number"): _agenda_items,
}


def _kwargs(view: PostView) -> Iterator[tuple[dict[str, Any], Any]]:
    """Path parameters from the demo data, with the row they name: the last object in the path drives, the
    parameters before it are that row's own foreign keys (its case, its object, its meeting)."""
    names = tuple(match.group(2) for match in PARAMETER.finditer(view.route))
    objects = [name for name in names if name in PARAMETER_MODELS or name == "row_id"]
    if names in SPECIAL_PARAMETERS:
        yield from SPECIAL_PARAMETERS[names]()
        return
    if not objects:
        yield {}, None
        return
    for row in _rows(view, _model_of(view, objects[-1])):
        kwargs: dict[str, Any] = {objects[-1]: row.pk}
        for name in objects[:-1]:
            target = _model_of(view, name)
            link = next((f for f in row._meta.fields if f.is_relation and f.related_model is target), None)
            if link is not None:
                kwargs[name] = getattr(row, link.attname)
        if "target" not in names:
            yield kwargs, row
            continue
        case = row if isinstance(row, Case) else Case.objects.get(pk=kwargs["case_id"])
        for step in workflow.workflow_for(case).targets_from(case.status):
            yield {**kwargs, "target": step.target}, row


def _target(view: PostView) -> Target | None:
    """A demo role and an address of the view where the role gets its form (200); for a POST-only view the
    first address, as the role whose work it is."""
    gets = "GET" in (allowed_methods(resolve(reverse(view.name, kwargs=_sample(view))).func) or ["GET"]) \
        if _sample(view) is not None else True
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    for kwargs, row in _kwargs(view):
        url = reverse(view.name, kwargs=kwargs)
        for role in _roles(view, row):
            _login(client, role)
            if not gets:
                return Target(role=role, url=url, client=client)
            response = client.get(url)
            if response.status_code == 200:  # a download (an export) has its form on the page above it
                html = "" if response.streaming else response.content.decode()
                return Target(role=role, url=url, client=client, html=html)
    return None


def _sample(view: PostView) -> dict[str, Any] | None:
    return next((kwargs for kwargs, _row in _kwargs(view)), None)


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
    above = [url.rstrip("/").rsplit("/", depth)[0] + "/" for depth in (1, 2, 3)]
    if target.html:
        own = [form for form in post_forms(target.html) if urlsplit(urljoin(url, form.action or url)).path == url]
        target.html = ""  # once: later calls read the page as it is then
        if own:
            return max(own, key=lambda form: len(form.controls))
    for page in [url, *above] if gets else above:
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


def _send(client: Client, url: str, form: Form, body: list[tuple[str, str | bytes]]) -> Any:
    if form.enctype == "multipart/form-data" and not any(isinstance(value, bytes) for _n, value in body):
        data: dict[str, list[str]] = {}
        for name, value in body:
            data.setdefault(name, []).append(value)  # type: ignore[arg-type]
        for control in form.controls:
            if control.kind == "file":
                data[control.name] = [SimpleUploadedFile("test.pdf", PDF, "application/pdf")]  # type: ignore[list-item]
        return client.post(url, data)
    return client.post(url, urlencoded(body), content_type="application/x-www-form-urlencoded")


# --- the tests -------------------------------------------------------------------------------------------------

def test_the_sweep_covers_every_post_view_of_the_urlconf():
    every = {view.name for view in post_views() if not view.module.startswith(TEST_MODULES)}
    assert {view.name for view in VIEWS} | set(NOT_SWEPT) | set(NO_DEMO_ROW) == every
    assert set(NOT_SWEPT) | set(NO_DEMO_ROW) <= every, "an exclusion names a view that no longer exists"
    assert len(VIEWS) >= 120


@pytest.mark.parametrize("view", VIEWS, ids=[view.name for view in VIEWS])
def test_hostile_input_on_a_form_is_refused_cleanly(view, demo, checker, no_refusal_limit):
    target = _target(view)
    assert target is not None, f"no demo role reaches {view.name} ({view.route}) from its pages"
    client = target.client
    problems: list[str] = []
    sent = 0
    first = _form_of(client, target)
    assert first is not None, f"GET {target.url} as {target.role}"
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
        fields = plausible(form)
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
