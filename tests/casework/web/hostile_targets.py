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
from tests.casework.web.hostile_support import PostView, allowed_methods, post_forms
from tests.conftest import login_client

ROLES = ("regisseur", "handhaver", "teamleider", "partner", "privacy")


@dataclass
class Target:
    role: str
    url: str
    client: Client  # logged in as `role`
    html: str = ""  # the page as the probe got it


def add_missing_rows() -> None:
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
    _add_account_rows()
    _add_destruction_batch()
    _start_a_meeting()
    _age_a_forfeiture(today)
    _draft_park_orders(today)
    _close_a_home(today)
    _intend_to_collect(today)
    _ask_damocles_cases_first()


def _ask_damocles_cases_first() -> None:
    """The Damocles views are asked first about an open case with a decision (to announce) and a sealed one (to
    register the closure): the demo has both, but further down than the first addresses tried."""
    from django.db.models import Q

    from casework.damocles import workflow as damocles_workflow

    cases = Case.objects.filter(case_type="damocles", closed_on__isnull=True, owner__username="handhaver") \
        .order_by("reference")
    decided = cases.filter(Q(damocles__decided_on__isnull=False) | Q(damocles__urgent=True)) \
        .exclude(status=damocles_workflow.WAARSCHUWING).first()
    sealed = cases.filter(status__in=damocles_workflow.SEALED_STATES, damocles__sealed_on__isnull=False).first()
    for name, case in (("damocles_announcement_create", decided), ("damocles_sealing", sealed)):
        FIRST[f"casework:{name}"] = [case.pk] if case is not None else []


def _intend_to_collect(today: Any) -> None:
    """An intention to collect sent for every open forfeiture of the first woonoverlast order that has them, and
    its view received (the demo sends none, and a collection decision follows the intention's term, Awb 4:8)."""
    from casework.penalties import services as penalties
    from casework.penalties.models import Forfeiture
    from casework.woonoverlast.services.collection import collection_intention_record
    from casework.woonoverlast.services.enforcement import RULES

    first = Forfeiture.objects.filter(case__case_type="woonoverlast", case__closed_on__isnull=True,
                                      state=Forfeiture.State.OPEN).order_by("pk").first()
    if first is None:
        return
    order = first.order
    forfeitures = list(Forfeiture.objects.of_order(order).filter(state=Forfeiture.State.OPEN))
    officer = order.case.owner
    intention = collection_intention_record(actor=officer, order=order, forfeitures=forfeitures,
                                            sent_on=max(f.forfeited_on for f in forfeitures))
    penalties.collection_intention_view(rules=RULES, actor=officer, intention=intention, received_on=today,
                                        summary="Testzienswijze: de boete is te hoog.")
    FIRST["casework:woonoverlast_collection_decision_create"] = [order.case_id]


def _close_a_home(today: Any) -> None:
    """An urgent closure (art. 174a) carried out with costs, whose costs are not recovered yet and whose approved
    extension is not decided yet (the demo's closure has both), in the first file with reports only."""
    from datetime import timedelta
    from typing import cast

    from casework.approvals import approval_decide
    from casework.models import Approval, Person
    from casework.woonoverlast import services
    from casework.woonoverlast import workflow as woonoverlast_workflow

    case = Case.objects.filter(case_type="woonoverlast", status=woonoverlast_workflow.MELDINGEN,
                               owner__username="handhaver", person__isnull=False) \
        .select_related("owner", "person").order_by("reference").first()
    if case is None:
        return
    officer, lead, person = cast(User, case.owner), User.objects.get(username="teamleider"), cast(Person, case.person)
    decided_on = today - timedelta(days=7)
    workflow.transition(case=case, to=woonoverlast_workflow.INTERVENTIES, by=officer, reason="Test: interventies")
    closure = services.closure_request_approval(
        actor=officer, case=case, addressees=[person], duration_weeks=12, urgent=True,
        grounds="Test: ernstige verstoring van de openbare orde vanuit de woning.",
        urgency_reason="Test: direct gevaar voor omwonenden.")
    approval_decide(approval=cast(Approval, closure.approval), approver=lead, approve=True, reason="")
    case.refresh_from_db()
    workflow.transition(case=case, to=woonoverlast_workflow.SLUITING, by=officer, reason="Test: sluiting",
                        decided_on=decided_on.isoformat(), signatory="T. Testhandhaver", under_mandate=True)
    closure.refresh_from_db()
    services.enforcement_act_record(actor=officer, closure=closure, carried_out_on=decided_on,
                                    description="Test: woning gesloten en verzegeld.", urgent=True,
                                    urgency_reason="Test: direct gevaar voor omwonenden.", costs="1850.00")
    extension = services.closure_extension_request(actor=officer, closure=closure, weeks=4,
                                                   ground="Test: de openbare orde is nog niet hersteld.")
    approval_decide(approval=cast(Approval, extension.approval), approver=lead, approve=True, reason="")
    for name in ("closure_costs", "closure_extend", "announcement_create"):
        FIRST[f"casework:woonoverlast_{name}"] = [case.pk]


def _draft_park_orders(today: Any) -> None:
    """Two holiday-park orders: one approved and imposed but not yet announced, in the first file whose intention
    was sent (the other such file is left to draft an order in); one awaiting the team lead's approval, in the
    file with a finding only, its intention sent today (the demo decides every approval it asks for and announces
    every order it imposes)."""
    from typing import cast

    from casework.approvals import approval_decide
    from casework.models import Approval
    from casework.park import workflow as park_workflow
    from casework.park.services.orders import order_impose, order_request_approval

    files = Case.objects.filter(case_type="park", owner__username="handhaver", person__isnull=False,
                                closed_on__isnull=True).select_related("owner", "person").order_by("reference")
    imposed, pending = (files.filter(status=status).first()
                        for status in (park_workflow.VOORNEMEN, park_workflow.CONSTATERING))
    if pending is not None:
        workflow.transition(case=pending, to=park_workflow.VOORNEMEN, by=cast(User, pending.owner),
                            reason="Test: voornemen verzonden", intention_sent_on=today)
    for case in (case for case in (imposed, pending) if case is not None):
        order = order_request_approval(actor=case.owner, case=case, addressees=[case.person], remedy="Testlast: "
                                       "het object niet permanent bewonen.", compliance_term_days=28,
                                       penalty_form="lump_sum", amount="7500.00", maximum="7500.00")
        if case is imposed:
            approval_decide(approval=cast(Approval, order.approval), approver=User.objects.get(username="teamleider"),
                            approve=True, reason="")
            order_impose(actor=cast(User, case.owner), order=order, reason="Test: last onder dwangsom opgelegd",
                         decided_on=today)
            FIRST["casework:park_announcement_create"] = [case.pk]


def _age_a_forfeiture(today: Any) -> None:
    """An open forfeiture of a holiday-park order moved two years back, its limitation date with it (the demo's
    forfeitures are all recent, and a claim is marked time-barred only after its limitation date): the first
    whose order has no remedy or request that holds the term."""
    from datetime import timedelta

    from casework.penalties.dates import limitation_of
    from casework.penalties.models import Forfeiture

    for forfeiture in Forfeiture.objects.filter(case__case_type="park", state=Forfeiture.State.OPEN).order_by("pk"):
        forfeiture.forfeited_on = today - timedelta(days=800)  # not saved unless the claim is then time-barred
        limitation = limitation_of(forfeiture).limitation_date
        if limitation is not None and limitation < today:
            Forfeiture.objects.filter(pk=forfeiture.pk).update(
                forfeited_on=forfeiture.forfeited_on, limitation_date=limitation, limitation_paused_since=None)
            ADDED[Forfeiture] = [forfeiture.pk]
            return


def _start_a_meeting() -> None:
    """The sitting of the process director's first agenda item moved to an hour ago (the demo's meetings all lie
    ahead, and minutes are recorded from a meeting's start): as if the meeting had begun."""
    from datetime import timedelta

    from django.utils import timezone

    from casework.meetings.models import MeetingOccurrence

    item = AgendaItem.objects.filter(case__owner__username="regisseur", case__closed_on__isnull=True) \
        .order_by("occurrence__starts", "number").first()
    if item is None:
        return
    occurrence = item.occurrence
    length = occurrence.ends - occurrence.starts
    started = timezone.now() - timedelta(hours=1)
    MeetingOccurrence.objects.filter(pk=occurrence.pk).update(starts=started, ends=started + length)
    ADDED[AgendaItem] = [item.pk]


def _add_destruction_batch() -> None:
    """A destruction batch proposed by a second privacy officer of the demo's organisation (four eyes: the demo's
    privacy officer decides it), without cases: the demo has none past its retention period."""
    from django.utils import timezone

    from accounts import services as accounts
    from accounts.roles import PRIVACY_OFFICER
    from casework.privacy.models import DestructionBatch

    decider = User.objects.get(username="privacy")
    requester, _device = accounts.user_create(
        actor=None, organisation=decider.organisation, username="privacy.sweep", first_name="Test",
        last_name="Tweede-Privacyofficer", email="privacy.sweep@example.invalid", role=PRIVACY_OFFICER,
        team=None, password=None)
    DestructionBatch.objects.create(number=(DestructionBatch.objects.count() + 1), case_ids=[], case_references=[],
                                    requested_by=requester, requested_at=timezone.now())


def _add_account_rows() -> None:
    """A passkey of the team lead (its public key only: nothing here signs) and a group mapping of the team
    lead's organisation, so the pages that remove them are swept too."""
    import secrets

    from accounts.models import GroupRoleMapping, PasskeyDevice

    lead = User.objects.get(username="teamleider")
    PasskeyDevice.objects.create(user=lead, name="Testsleutel (sweep)", credential_id=secrets.token_bytes(32),
                                 public_key=b"\xa5synthetic", confirmed=True)
    GroupRoleMapping.objects.create(organisation=lead.organisation, group="ZV-Testgroep", role="handhaver")


ADDED: dict[Any, list[Any]] = {}  # model -> pks the set-up added: tried first for a view about that model
FIRST: dict[str, list[Any]] = {}  # view name -> pks of the rows the set-up put in the state the view is for


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
    _add_document(regisseur, case)


def _add_document(owner: User, case: Case) -> None:
    """A document in a case of the process director (the demo's documents are all in a case of another one,
    whose pages no role here gets: the views of a document would be refused as forbidden, whatever the body)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from casework.categories import NOTES
    from casework.documents.models import Document
    from casework.documents.services import document_upload

    pdf = SimpleUploadedFile("stuk.pdf", b"%PDF-1.4\n% synthetic\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n",
                             "application/pdf")
    document = document_upload(actor=owner, case=case, title="Stuk (test)", category=NOTES, upload=pdf)
    ADDED[Document] = [document.pk]


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
