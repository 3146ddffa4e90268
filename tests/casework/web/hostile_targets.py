"""Where the hostile-input sweep of the web forms (test_hostile_forms.py) sends each POST view: an address built
from the demo data (the rows the demo lacks added through the services) and a demo role that gets the form.

The last object a path names drives: its row is taken from the demo, the parameters before it are that row's
own foreign keys (its case, its object, its meeting); the role is the one whose work the view is, then the
others, until one gets the form (200)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from django.apps import apps
from django.db.models import F, expressions
from django.test import Client
from django.urls import resolve, reverse

from accounts.models import SealedTOTPDevice, User
from casework import workflow
from casework.meetings.models import AgendaItem
from casework.models import Case, SavedFilter
from tests.casework.hostile_rows import ADDED, FIRST
from tests.casework.web.hostile_support import PostView, allowed_methods, post_forms
from tests.conftest import login_client

ROLES = ("regisseur", "handhaver", "teamleider", "partner", "privacy")


@dataclass
class Target:
    role: str
    url: str
    client: Client  # logged in as `role`
    html: str = ""  # the page as the probe got it


def login(client: Client, username: str) -> None:
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
    "device_id": "accounts.PasskeyDevice", "mapping_id": "accounts.GroupRoleMapping",
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
    first = model.objects.filter(pk__in=[*FIRST.get(view.name, []), *ADDED.get(model, [])])
    return list(first) + _demo_rows(view, model)


def _demo_rows(view: PostView, model: Any) -> list[Any]:
    """The first CANDIDATES rows the view may be asked about, rows of open cases first: the demo gives its
    rows random keys, and a form of a closed case is not offered, so by key alone the first twelve case
    conferences of one demo build were all on closed cases or cases of a process director no role here logs
    in as (regisseur2), and the view had no target."""
    names = {field.name for field in model._meta.fields}
    # rows not decided yet first (an approval, a request): a decided one refuses every body
    pending = [F(name).asc(nulls_first=True) for name in ("decided_at", "decided_on") if name in names]
    rows = model.objects.order_by(*pending, "pk")
    kind = _case_type(view)
    # the path from the row to its case: the row itself, its `case` field, or none
    via = "" if model is Case else "case__" if "case" in names else None
    if via is not None:  # open cases first, and of those the ones a role here owns
        owned_here = expressions.Case(expressions.When(**{f"{via}owner__username__in": ROLES}, then=0), default=1)
        # the case's reference before the key: the demo's keys are random, its references are not
        reference = "reference" if model is Case else f"{via}reference"
        rows = rows.order_by(*pending, F(f"{via}closed_on").asc(nulls_first=True), owned_here, reference, "pk")
    if model is Case and kind is None:  # a core view: a case of each type, the process director's first
        return [case for code in CASE_TYPES for case in rows.filter(case_type=code)[:2]]
    if kind and via is not None:
        rows = rows.filter(**{f"{via}case_type": kind})
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
    added = list(AgendaItem.objects.filter(pk__in=ADDED.get(AgendaItem, [])))
    for item in added + list(AgendaItem.objects.order_by("occurrence_id", "number")[:CANDIDATES]):
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


def targets_of(view: PostView) -> Iterator[Target]:
    """Where the view can be asked, best first: for each candidate row the first demo role that gets its form
    (200; for a POST-only view, a page above it that shows the role a form posting to it), rows whose form
    offers no option for a required choice last; for a POST-only view that no role gets a form for, the first
    address as the role whose work it is. Each target has a client of its own, logged in as its role."""
    gets = "GET" in (allowed_methods(resolve(reverse(view.name, kwargs=_sample(view))).func) or ["GET"]) \
        if _sample(view) is not None else True
    probe = Client(HTTP_ACCEPT_LANGUAGE="nl")
    later: list[tuple[str, str, str]] = []  # rows whose form offers no option for a required choice
    fallback: tuple[str, str] | None = None  # a POST-only view's first address, if no role gets a form for it
    found = False
    for kwargs, row in _kwargs(view):
        url = reverse(view.name, kwargs=kwargs)
        for role in _roles(view, row):
            login(probe, role)
            if not gets:
                if _form_above(probe, url):
                    found = True
                    yield _target(role, url)
                    break
                fallback = fallback or (role, url)
                continue
            response = probe.get(url)
            if response.status_code == 200:  # a download (an export) has its form on the page above it
                html = "" if response.streaming else response.content.decode()
                if _offers_every_choice(html, url):
                    found = True
                    yield _target(role, url, html)
                else:
                    later.append((role, url, html))
                break  # this row's form is found: the next row
    for role, url, html in later:
        yield _target(role, url, html)
    if fallback is not None and not found:
        yield _target(*fallback)


def _target(role: str, url: str, html: str = "") -> Target:
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    login(client, role)
    return Target(role=role, url=url, client=client, html=html)


def above(url: str) -> list[str]:
    """The pages above a view's address, nearest first: where a POST-only view's form is."""
    return [url.rstrip("/").rsplit("/", depth)[0] + "/" for depth in (1, 2, 3)]


def _form_above(client: Client, url: str) -> bool:
    """A page above the POST-only view shows the role a form that posts to it (a role that gets no form
    would have its hostile bodies refused as a forbidden request, which proves nothing about the input)."""
    for page in above(url):
        response = client.get(page)
        if response.status_code == 200 and not response.streaming and any(
                urlsplit(urljoin(page, form.action or page)).path == url
                for form in post_forms(response.content.decode())):
            return True
    return False


def _offers_every_choice(html: str, url: str) -> bool:
    """Every required choice of the view's own form on the page has an option (a case without a penalty order
    offers none to record a payment against, and no plausible form of that case is accepted)."""
    own = [form for form in post_forms(html) if urlsplit(urljoin(url, form.action or url)).path == url]
    return all(any(control.options) for form in own for control in form.controls
               if control.kind == "select" and control.required)


def _sample(view: PostView) -> dict[str, Any] | None:
    return next((kwargs for kwargs, _row in _kwargs(view)), None)
