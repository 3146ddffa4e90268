"""Read side of the park enforcement UI: the park overview, its CSV and the park deadline overview.

Selectors only: nothing here writes. Every query starts from the cases the caller may read
(`access.visible_cases(user)`), and the overview narrows that to the files of the user's own
organisation (the controller): the overview shows orders and forfeitures, which a partner who
reaches a file through a sharing decision may not have been given. Whatever the page size, a page
costs a fixed number of queries (annotations and one prefetch; tests assert it).

Nothing here decrypts personal data: a row shows the object's number, kind and park (metadata),
the references and statuses of its open files, the date of the last inspection, the number of
orders in force, the open forfeitures and the nearest limitation date. The caller records one
`list` (page) or `export` (CSV) event per file shown, each naming the file's data subject.

Deadline kinds and their legal basis (the dates are computed and stored by the services when a
row is recorded; this module only reads them):
- view_due: term for a view after the intention to impose an order, Awb 4:8;
- compliance_term: the compliance term (begunstigingstermijn) of the order ends, Awb 5:32a;
- objection_window: an addressee's objection term ends, Awb 6:7/6:8 (informational);
- objection_decision: decision on an objection due, Awb 7:10;
- payment_due: a forfeited amount must be paid, six weeks after forfeiture, Awb 5:33;
- collection_view_due: term for a view after the intention to collect, Awb 4:8;
- collection_request_decision: decision on a request for a collection decision, Awb 5:37 lid 2;
- limitation_date: the claim for a forfeited amount is time-barred, Awb 5:35 and 5:37a.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import partial
from typing import Any, cast

from django.db.models import Count, DecimalField, Exists, IntegerField, Min, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.roles import HANDHAVER
from casework import access, paging, presence
from casework.contributions import DashboardSection, Deadline, soonest
from casework.models import Case
from casework.park.casetype import CASE_TYPE
from casework.park.limitation import ONE_MONTH, PASSED, THREE_MONTHS, WARN_FIRST, WARN_SECOND
from casework.park.models import (
    CollectionIntention,
    CollectionRequest,
    Forfeiture,
    Inspection,
    ObjectKind,
    ParkFile,
    PenaltyOrder,
    RecreationObject,
)
from casework.remedies.models import Announcement, Application, Objection
from casework.remedies.selectors import applications_due, late_objections, objection_decisions_due
from casework.remedies.terms import TermRule
from casework.workflow import WORKFLOWS

PAGE_SIZE = 25
CSV_LIMIT = 5000
# The most objects the overview counts and pages through (ten pages): past it, "more than 250 objects" and a
# narrower filter (park, kind, number, status). A park holds hundreds of objects, of which far fewer have an open
# file; the scale seed gives one organisation 40,000 with an open file, counted in 156 ms at 1,000,000 cases, where
# up to 251 took 10 ms (as all 4,000 at 100,000 cases), up to 501 39 ms and up to 1,001 55 ms: PostgreSQL then walks
# the files in object order and reads each file's case at random (issue 15). Read at each call.
OVERVIEW_COUNT_CAP = 250

VIEW_DUE = "view_due"
COMPLIANCE_TERM = "compliance_term"
OBJECTION_WINDOW = "objection_window"
OBJECTION_DECISION = "objection_decision"
PAYMENT_DUE = "payment_due"
COLLECTION_VIEW_DUE = "collection_view_due"
COLLECTION_REQUEST_DECISION = "collection_request_decision"
LIMITATION_DATE = "limitation_date"
OBJECTION_LATE = "objection_late"
APPLICATION_DECISION = "application_decision"

KIND_LABELS = {
    VIEW_DUE: _("Term for a view on the intention ends"),
    COMPLIANCE_TERM: _("Compliance term of the order ends"),
    OBJECTION_WINDOW: _("Objection term of an addressee ends"),
    OBJECTION_DECISION: _("Decision on objection due"),
    PAYMENT_DUE: _("Forfeited amount to be paid"),
    COLLECTION_VIEW_DUE: _("Term for a view on the intention to collect ends"),
    COLLECTION_REQUEST_DECISION: _("Decision on a request for a collection decision due"),
    LIMITATION_DATE: _("Claim for a forfeited amount becomes time-barred"),
    OBJECTION_LATE: _("Objection lodged late: decide on admissibility"),
    APPLICATION_DECISION: _("Decision on a request for enforcement or tolerance due"),
}
LEGAL_BASIS = {
    VIEW_DUE: "Awb 4:8",
    COMPLIANCE_TERM: "Awb 5:32a",
    OBJECTION_WINDOW: "Awb 6:7/6:8",
    OBJECTION_DECISION: "Awb 7:10",
    PAYMENT_DUE: "Awb 5:33",
    COLLECTION_VIEW_DUE: "Awb 4:8",
    COLLECTION_REQUEST_DECISION: "Awb 5:37 lid 3, 4:14",
    LIMITATION_DATE: "Awb 5:35, 5:37a",
    OBJECTION_LATE: "Awb 6:9, 6:11",
    APPLICATION_DECISION: "Awb 4:13, 4:14",
}
INFORMATIONAL = frozenset({OBJECTION_WINDOW})
OPEN_OBJECTION_STATES = Objection.OPEN_STATES
VIEW_STATE = "voornemen"  # the park workflow's state while the term for a view runs


def park_cases(user) -> QuerySet[Case]:
    """The park files of the user's own organisation that the user may read."""
    return access.visible_cases(user).filter(case_type=CASE_TYPE, controller_id=user.organisation_id)


# --- the park overview ---------------------------------------------------------------------------

@dataclass(frozen=True)
class OverviewFilters:
    park_id: Any = None
    kind: str = ""
    number: str = ""
    status: str = ""
    only_forfeitures: bool = False
    limitation_within_days: int | None = None


@dataclass
class ObjectRow:
    object: RecreationObject
    files: list[ParkFile]
    last_inspected_on: date | None
    orders_in_force: int
    open_forfeitures: int
    open_amount: Decimal
    next_limitation_date: date | None
    warning: str = ""  # "" or a level of casework/park/limitation.py (three_months, one_month, passed)

    @property
    def cases(self) -> list[Case]:
        return [park_file.case for park_file in self.files]


def status_choices() -> list[tuple[str, str]]:
    workflow = WORKFLOWS.get(CASE_TYPE)
    return [(state, workflow.label(state)) for state in workflow.states] if workflow else []


def status_label(status: str) -> str:
    workflow = WORKFLOWS.get(CASE_TYPE)
    return workflow.label(status) if workflow else status


def warning_level(limitation_date: date | None, today: date) -> str:
    """How close a limitation date is: passed, within a month, within three months, or not yet."""
    if limitation_date is None:
        return ""
    if limitation_date < today:
        return PASSED
    if limitation_date <= today + WARN_SECOND:
        return ONE_MONTH
    if limitation_date <= today + WARN_FIRST:
        return THREE_MONTHS
    return ""


def _open_files(cases: QuerySet[Case]) -> QuerySet[ParkFile]:
    return ParkFile.objects.filter(case__in=cases.filter(closed_on__isnull=True))


def overview_objects(*, user, filters: OverviewFilters, today: date | None = None) -> QuerySet[RecreationObject]:
    """Objects with at least one open file the user may read, annotated with what a row shows."""
    today = today or timezone.localdate()
    cases = park_cases(user)
    open_files = _open_files(cases)
    if filters.status:
        open_files = open_files.filter(case__status=filters.status)
    objects = RecreationObject.objects.filter(Exists(open_files.filter(object=OuterRef("pk"))))
    if filters.park_id:
        objects = objects.filter(park_id=filters.park_id)
    if filters.kind:
        objects = objects.filter(kind=filters.kind)
    if filters.number:
        objects = objects.filter(number__icontains=filters.number.strip())
    last_inspection = Inspection.objects.filter(object=OuterRef("pk"), case__in=cases).order_by("-inspected_on")
    in_force = PenaltyOrder.objects.filter(object=OuterRef("pk"), case__in=cases, state=PenaltyOrder.State.IMPOSED) \
        .order_by().values("object").annotate(n=Count("pk")).values("n")
    # the core's forfeitures name their order generically: the order's object by a subquery
    order_object = PenaltyOrder.objects.filter(pk=OuterRef("order_id")).values("object")[:1]
    forfeitures = (Forfeiture.objects.filter(order_type=PenaltyOrder._meta.label, case__in=cases,
                                             state=Forfeiture.State.OPEN)
                   .annotate(order_object=Subquery(order_object)).filter(order_object=OuterRef("pk"))
                   .order_by().values("order_object"))
    objects = objects.annotate(
        last_inspected_on=Subquery(last_inspection.values("inspected_on")[:1]),
        orders_in_force=Coalesce(Subquery(in_force, output_field=IntegerField()), 0),
        open_forfeitures=Coalesce(Subquery(forfeitures.annotate(n=Count("pk")).values("n"),
                                           output_field=IntegerField()), 0),
        open_amount=Coalesce(Subquery(forfeitures.annotate(s=Sum("amount")).values("s"),
                                      output_field=DecimalField(max_digits=14, decimal_places=2)),
                             Decimal("0")),
        next_limitation_date=Subquery(forfeitures.annotate(m=Min("limitation_date")).values("m")),
    )
    if filters.only_forfeitures:
        objects = objects.filter(open_forfeitures__gt=0)
    if filters.limitation_within_days is not None:
        objects = objects.filter(next_limitation_date__lte=today + timedelta(days=filters.limitation_within_days))
    return objects.select_related("park").order_by("park__name", "number")


def overview_pages(objects: QuerySet[RecreationObject]) -> paging.RowsByPage:
    """`overview_objects` page by page: the page's ids (and the count, up to `OVERVIEW_COUNT_CAP`) in one query,
    then the rows of those ids with what a row shows (casework/paging.py)."""
    return paging.RowsByPage(objects, lambda ids: objects.filter(pk__in=ids), count_cap=OVERVIEW_COUNT_CAP)


def overview_rows(*, user, objects: list[RecreationObject], today: date | None = None) -> list[ObjectRow]:
    """Rows for one page of objects: their open files in one query."""
    today = today or timezone.localdate()
    files: dict[Any, list[ParkFile]] = {obj.pk: [] for obj in objects}
    open_files = _open_files(park_cases(user)).filter(object__in=[obj.pk for obj in objects]) \
        .select_related("case").order_by("case__reference")
    for park_file in open_files:
        cast(Any, park_file).status_label = status_label(park_file.case.status)
        files[park_file.object_id].append(park_file)
    rows = []
    for obj in objects:
        annotated: Any = obj  # the aggregates overview_objects() annotates
        rows.append(ObjectRow(
            object=obj, files=files[obj.pk], last_inspected_on=annotated.last_inspected_on,
            orders_in_force=annotated.orders_in_force, open_forfeitures=annotated.open_forfeitures,
            open_amount=annotated.open_amount, next_limitation_date=annotated.next_limitation_date,
            warning=warning_level(annotated.next_limitation_date, today),
        ))
    return rows


def csv_rows(rows: list[ObjectRow]) -> list[list[str]]:
    """One line per open file: object metadata, the file's reference and status, the figures."""
    lines = [["park", "object", "kind", "reference", "status", "last_inspection", "orders_in_force",
              "open_forfeitures", "open_amount_eur", "next_limitation_date"]]
    kinds = dict(ObjectKind.choices)
    for row in rows:
        for park_file in row.files:
            lines.append([
                row.object.park.name, row.object.number, str(kinds.get(row.object.kind, row.object.kind)),
                park_file.case.reference, status_label(park_file.case.status),
                row.last_inspected_on.isoformat() if row.last_inspected_on else "",
                str(row.orders_in_force), str(row.open_forfeitures), f"{row.open_amount:.2f}",
                row.next_limitation_date.isoformat() if row.next_limitation_date else "",
            ])
    return lines


# --- deadlines -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ParkDeadline:
    case: Case
    kind: str
    due_on: date
    overdue: bool
    detail: str = ""  # non-personal detail (an amount, a warning level)
    warning: str = ""

    @property
    def label(self) -> str:
        return str(KIND_LABELS[self.kind])

    @property
    def legal_basis(self) -> str:
        return LEGAL_BASIS[self.kind]


def _add(found: list[tuple[Case, str, date, str]], case: Case, kind: str, due: date | None, detail: str = "") -> None:
    if due is not None:  # the queries filter on the date, so it is set; the column allows NULL
        found.append((case, kind, due, detail))


def _remedy_rows(open_cases: QuerySet[Case], until: date, add: Callable[..., None],
                 has: Callable[[Any], bool]) -> None:
    """Late objections waiting for a decision on admissibility (Awb 6:9, 6:11: to be decided now, so
    dated on receipt) and applications whose decision is due (Awb 4:13, 4:14)."""
    for objection in late_objections(open_cases).filter(received_on__lte=until) if has(Objection) else ():
        add(objection.case, OBJECTION_LATE, objection.received_on)
    for application in applications_due(open_cases, until) if has(Application) else ():
        add(application.case, APPLICATION_DECISION, application.due_on)


def _views_due(cases: list[Case], until: date) -> list[tuple[Case, date]]:
    """(case, view_due_on) of these open park cases whose term for a view runs, up to `until` (one query of the
    files' column, no join: the cases' status is on the rows in hand)."""
    by_id = {case.pk: case for case in cases if case.case_type == CASE_TYPE and _waits_for_view(case)}
    if not by_id:
        return []
    rows = ParkFile.objects.filter(case_id__in=list(by_id), view_due_on__lte=until) \
        .values_list("case_id", "view_due_on")
    return [(by_id[case_id], due_on) for case_id, due_on in rows if due_on is not None]


def _waits_for_view(case: Case) -> bool:
    return case.closed_on is None and case.status == VIEW_STATE


def view_of(case: Case, details: ParkFile) -> list[tuple[Case, date]]:
    """The case page's term for a view, from the file it read: as `_views_due` finds it for a list page."""
    due = details.view_due_on
    return [(case, due)] if due is not None and _waits_for_view(case) else []


def _rows(cases: QuerySet[Case], until: date, probed: Case | None = None,
          views: list[tuple[Case, date]] | None = None,
          page_ids: list[Any] | None = None) -> list[tuple[Case, str, date, str]]:
    """(case, kind, due_on, detail) for every park deadline on or before `until` (one query per kind, for the
    terms for a view none when a list page hands in its cases' `views` (`_views_due`), the announcements of a list
    page's or the case page's cases (`page_ids`) with SQL compiled once; for the case page's one `probed` case,
    none on a table without rows of it: casework/presence.py)."""
    has = presence.checker(probed)
    park = cases.filter(case_type=CASE_TYPE)
    open_cases = park.filter(closed_on__isnull=True)
    found: list[tuple[Case, str, date, str]] = []
    add = partial(_add, found)
    # A query is built only for a table with rows of the cases: building one costs more Python than the
    # query costs PostgreSQL (issue 15).
    if views is not None:
        for case, due_on in views:
            add(case, VIEW_DUE, due_on)
    elif has(ParkFile):
        for park_file in ParkFile.objects.filter(case__in=open_cases, case__status=VIEW_STATE,
                                                 view_due_on__lte=until).select_related("case"):
            add(park_file.case, VIEW_DUE, park_file.view_due_on)
    if has(Announcement):
        _announcement_rows(open_cases, until, add, page_ids)
    for objection in objection_decisions_due(open_cases, until) if has(Objection) else ():
        add(objection.case, OBJECTION_DECISION, objection.decision_due_on)
    _collection_rows(park, open_cases, until, add, has)
    _remedy_rows(open_cases, until, add, has)
    if has(Forfeiture):
        _forfeiture_rows(park, until, add)
    return found


def _compliance(open_cases: QuerySet[Case]) -> Q:  # noqa: ARG001 - the rule's shape (TermRule)
    """An announcement of an imposed penalty order (of the announcement's own case, which `open_cases` holds).

    A test on the announcement's row (EXISTS by the order's primary key), not `decision_id IN (the imposed orders
    of open_cases)`: as a hashed subplan in the filter PostgreSQL priced every index scan of the announcements by
    case as if it built the hash anew and read all 30,000 of them at 1M cases instead (7.8 ms of every dashboard
    and "my work" with park cases; as EXISTS 1.0 ms, issue 15)."""
    imposed = PenaltyOrder.objects.filter(pk=OuterRef("decision_id"), case_id=OuterRef("case_id"),
                                          state=PenaltyOrder.State.IMPOSED)
    return Q(decision_type=PenaltyOrder._meta.label) & Q(Exists(imposed))


# Announcements with a term: of an imposed penalty order, a compliance term per addressee
TERMS = TermRule(CASE_TYPE, _compliance)


def _announcement_rows(open_cases: QuerySet[Case], until: date, add: Callable[..., None],
                       page_ids: list[Any] | None) -> None:
    """One row per addressee of an imposed order: the end stored at their announcement, the date the forfeiture
    guard checks (casework/remedies/terms.py); and the objection windows."""
    compliance, windows = TERMS.announced(open_cases, until, page_ids=page_ids)
    for announcement in compliance:
        add(announcement.case, COMPLIANCE_TERM, announcement.compliance_ends_on)
    for announcement in windows:
        add(announcement.case, OBJECTION_WINDOW, announcement.objection_deadline)


def _collection_rows(park: QuerySet[Case], open_cases: QuerySet[Case], until: date, add: Callable[..., None],
                     has: Callable[[Any], bool]) -> None:
    if has(CollectionIntention):  # built only for a table with rows of the cases (as in `_rows`)
        for intention in CollectionIntention.objects.filter(case__in=open_cases, view_received_on__isnull=True,
                                                            view_due_on__lte=until).select_related("case"):
            add(intention.case, COLLECTION_VIEW_DUE, intention.view_due_on)
    if has(CollectionRequest):
        for collection in CollectionRequest.objects.filter(
                Q(delayed_due_on__lte=until) | Q(delayed_due_on__isnull=True, decision_due_on__lte=until),
                case__in=park, state=CollectionRequest.State.PENDING).select_related("case"):
            add(collection.case, COLLECTION_REQUEST_DECISION, collection.due_on)


def _forfeiture_rows(park: QuerySet[Case], until: date, add: Callable[..., None]) -> None:
    open_forfeitures = Forfeiture.objects.filter(case__in=park, state=Forfeiture.State.OPEN).select_related("case")
    for forfeiture in open_forfeitures.filter(payment_due_on__lte=until).exclude(payments__isnull=False).distinct():
        add(forfeiture.case, PAYMENT_DUE, forfeiture.payment_due_on, f"EUR {forfeiture.amount:.2f}")
    for forfeiture in open_forfeitures.filter(limitation_date__lte=until):
        add(forfeiture.case, LIMITATION_DATE, forfeiture.limitation_date, f"EUR {forfeiture.amount:.2f}")


def park_deadlines(*, cases: QuerySet[Case], until: date, today: date | None = None,
                   include_passed_windows: bool = False, probed: Case | None = None,
                   views: list[tuple[Case, date]] | None = None,
                   page_ids: list[Any] | None = None) -> list[ParkDeadline]:
    """Every park deadline of `cases` up to `until`, overdue ones included, by due date (`probed`: the one
    case of `cases`, probed by the case page; `views`: a list page's terms for a view, `_views_due`, or the
    case page's, `view_of`; `page_ids`: the ids of `cases`, for a list page or the case page)."""
    today = today or timezone.localdate()
    deadlines = []
    for case, kind, due_on, detail in _rows(cases, until, probed, views, page_ids):
        if kind in INFORMATIONAL and due_on < today and not include_passed_windows:
            continue
        deadlines.append(ParkDeadline(
            case=case, kind=kind, due_on=due_on, detail=detail, overdue=due_on < today and kind not in INFORMATIONAL,
            warning=warning_level(due_on, today) if kind == LIMITATION_DATE else "",
        ))
    return sorted(deadlines, key=lambda d: (d.due_on, d.case.reference, d.kind))


@dataclass
class DeadlineOverview:
    overdue: list[ParkDeadline] = field(default_factory=list)
    this_week: list[ParkDeadline] = field(default_factory=list)
    limitation: list[ParkDeadline] = field(default_factory=list)  # within 3 months, not yet passed
    until: date | None = None

    def cases_shown(self) -> list[Case]:
        seen: dict[Any, Case] = {}
        for deadline in (*self.overdue, *self.this_week, *self.limitation):
            seen.setdefault(deadline.case.pk, deadline.case)
        return list(seen.values())


def week_end(today: date) -> date:
    return today + timedelta(days=6 - today.weekday())


def deadline_overview(*, cases: QuerySet[Case], today: date | None = None) -> DeadlineOverview:
    """Overdue terms, terms due this week, and the limitation dates of the coming three months."""
    today = today or timezone.localdate()
    until = week_end(today)
    found = park_deadlines(cases=cases, until=max(until, today + WARN_FIRST), today=today)
    overview = DeadlineOverview(until=until)
    for deadline in found:
        if deadline.overdue:
            overview.overdue.append(deadline)
        elif deadline.kind == LIMITATION_DATE:
            overview.limitation.append(deadline)
        elif deadline.due_on <= until:
            overview.this_week.append(deadline)
    return overview


# --- what the registry asks of the case type (casework/park/casetype.py) -------------------------

def as_deadline(deadline: ParkDeadline) -> Deadline:
    return Deadline(case=deadline.case, due_on=deadline.due_on, kind=f"park_{deadline.kind}",
                    overdue=deadline.overdue, label=deadline.label, legal_basis=deadline.legal_basis, obj=deadline)


def deadlines(*, cases: QuerySet[Case], until: date, today: date, limit: int | None = None) -> list[Deadline]:
    """Park terms (view, compliance, objection, payment, collection, limitation), with their legal basis."""
    return soonest([as_deadline(d) for d in park_deadlines(cases=cases, until=until, today=today)], limit)


def page_deadlines(*, cases: list[Case], until: date, today: date) -> list[Deadline]:
    """`deadlines` of a list page's cases, read already (the registry's `page_deadlines`): the terms for a view
    from the files' column and the cases' status in hand (`_views_due`) instead of the files joined to their
    full case rows (issue 15); the other kinds as `deadlines` reads them."""
    ids = [case.pk for case in cases if case.case_type == CASE_TYPE]  # a closed file's forfeiture terms too
    if not ids:
        return []
    return [as_deadline(d) for d in park_deadlines(cases=Case.objects.filter(pk__in=ids), until=until, today=today,
                                                   views=_views_due(cases, until), page_ids=ids)]


def dashboard_sections(*, user: Any, visible: QuerySet[Case], today: date) -> list[DashboardSection]:
    """Enforcement officers: open park files of them or their team, and the forfeitures whose
    limitation date is 3 months or 1 month away (or passed)."""
    from casework.dashboards import DASHBOARD_ROWS, open_rows_of_type
    from casework.park.limitation import limitation_warnings
    from casework.selectors import own_or_team

    if user.role != HANDHAVER:
        return []
    rows, total = open_rows_of_type(user=user, visible=visible, case_type=CASE_TYPE, today=today)
    mine = visible.filter(own_or_team(user), case_type=CASE_TYPE)
    warnings = limitation_warnings(mine, today)[:DASHBOARD_ROWS]
    return [DashboardSection(
        key="park", title=_("Holiday-park enforcement"), rows=rows,
        cases=[row.case for row in rows] + [warning.forfeiture.case for warning in warnings],
        count_text=ngettext("%(count)s open enforcement file of you or your team.",
                            "%(count)s open enforcement files of you or your team.", total) % {"count": total},
        empty_text=_("No open enforcement files."),
        links=[(reverse("casework:park_file_open"), _("Open a park file")),
               (reverse("casework:park_overview"), _("Park overview")),
               (reverse("casework:park_deadlines"), _("Park deadlines"))],
        rows_title=_("Open park enforcement files"),
        rows_caption=ngettext("Newest of %(count)s open file", "Newest of %(count)s open files",
                              total) % {"count": total},
        extra_template="park/_limitation_warnings.html" if warnings else "", extra=warnings,
    )]
