"""The Damocles deadline overview: what is due this week and what is overdue, with its legal basis.

A selector (read side only). Every query starts from the cases the caller passes in, which are
always `access.visible_cases(user)` (or a narrower filter of it), so the overview can never list
a case the user may not read. One query for the terms kept on the procedure and one per table the
other kinds are kept in, whatever the number of cases, so a page costs the same number of queries for
3 rows as for 300 (tests assert it).

The dates themselves are computed by the services when a step or child row is recorded
(casework/deadlines.py: Awb terms with the Algemene termijnenwet); this module only reads them.
Only references, kinds and dates are returned: nothing here decrypts personal data.

Kinds and their basis:
- view_due: term for a view (zienswijze) after the intention, Awb 4:8 (term set by policy);
- objection_window: the addressee's objection term ends, Awb 6:7/6:8 (informational: it is the
  day the decision becomes final for that addressee, so a passed window is not "overdue");
- objection_decision: decision on an objection due, Awb 7:10;
- objection_late: an objection lodged late (Awb 6:9) waits for a decision on its admissibility
  (6:11: excusable, or inadmissible); dated on its receipt, since it is to be decided now;
- wkpb_registration: registration in the public-law restrictions register, Wkpb art. 5 (4 days);
- closure_end: the closure ends (duration in the decision, Opiumwet art. 13b);
- compliance_term: the compliance term (begunstigingstermijn) of the decision ends for one addressee,
  Awb 5:24 (counted from their own announcement and stored on it: casework/remedies/terms.py);
- urgent_follow_up: after an urgent closure the written decision must follow as soon as
  possible, Awb 5:31 lid 2 (due from the day of the urgent closure until a decision is taken).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta
from typing import Any, cast

from django.db import router
from django.db.models import DateTimeField, Exists, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.roles import HANDHAVER
from casework import presence
from casework.contributions import DashboardSection, Deadline, soonest
from casework.damocles import workflow as dw
from casework.damocles.casetype import CASE_TYPE
from casework.damocles.models import DamoclesCase
from casework.models import Case, CaseStep
from casework.remedies import terms
from casework.remedies.models import Announcement, Objection, UrgentEnforcement
from casework.remedies.selectors import late_objections
from config.compiled_rows import CompiledRows

VIEW_DUE = "view_due"
OBJECTION_WINDOW = "objection_window"
OBJECTION_DECISION = "objection_decision"
WKPB_REGISTRATION = "wkpb_registration"
CLOSURE_END = "closure_end"
COMPLIANCE_TERM = "compliance_term"
URGENT_FOLLOW_UP = "urgent_follow_up"
OBJECTION_LATE = "objection_late"

KIND_LABELS = {
    VIEW_DUE: _("Term for a view ends"),
    OBJECTION_WINDOW: _("Objection term of an addressee ends"),
    OBJECTION_DECISION: _("Decision on objection due"),
    WKPB_REGISTRATION: _("Registration in the Wkpb register due"),
    CLOSURE_END: _("Closure ends"),
    COMPLIANCE_TERM: _("Compliance term ends"),
    URGENT_FOLLOW_UP: _("Written decision after urgent closure due"),
    OBJECTION_LATE: _("Objection lodged late: decide on admissibility"),
}
LEGAL_BASIS = {
    VIEW_DUE: "Awb 4:8",
    OBJECTION_WINDOW: "Awb 6:7/6:8",
    OBJECTION_DECISION: "Awb 7:10",
    WKPB_REGISTRATION: "Wkpb art. 5",
    CLOSURE_END: "Opiumwet art. 13b",
    COMPLIANCE_TERM: "Awb 5:24",
    URGENT_FOLLOW_UP: "Awb 5:31 lid 2",
    OBJECTION_LATE: "Awb 6:9, 6:11",
}
# Kinds where a passed date means nothing was done in time. A passed objection window is not a
# failure of the municipality: it only makes the decision final for that addressee.
INFORMATIONAL = frozenset({OBJECTION_WINDOW})
CLOSURE_RUNNING = (dw.SLUITING_UITGEVOERD, dw.OPHEFFING_WIJZIGING)
OPEN_OBJECTION_STATES = (Objection.State.RECEIVED, Objection.State.HEARING)


@dataclass(frozen=True)
class DamoclesDeadline:
    case: Case
    kind: str
    due_on: date
    overdue: bool
    detail: str = ""  # non-personal detail, e.g. the addressee's role ("owner")

    @property
    def label(self) -> str:
        return str(KIND_LABELS[self.kind])

    @property
    def legal_basis(self) -> str:
        return LEGAL_BASIS[self.kind]


@dataclass(frozen=True)
class Overview:
    overdue: list[DamoclesDeadline]
    this_week: list[DamoclesDeadline]
    until: date

    def cases_shown(self) -> list[Case]:
        seen: dict[Any, Case] = {}
        for deadline in (*self.overdue, *self.this_week):
            seen.setdefault(deadline.case.pk, deadline.case)
        return list(seen.values())


def _details(cases: QuerySet[Case]) -> QuerySet[DamoclesCase]:
    return DamoclesCase.objects.filter(case__in=cases.filter(case_type=CASE_TYPE, closed_on__isnull=True)) \
        .select_related("case")


def _urgent_since() -> Subquery:
    """When the case moved to urgent closure (the first such step)."""
    first_urgent = CaseStep.objects.filter(case=OuterRef("case_id"), to_status=dw.SPOEDEISENDE_SLUITING) \
        .order_by("sequence").values("at")[:1]
    return Subquery(first_urgent, output_field=DateTimeField())


def _candidates(details: QuerySet[DamoclesCase], until: date) -> list[DamoclesCase]:
    """The procedures with any of their own terms on or before `until` (one query for all four kinds)."""
    return list(details.filter(
        Q(case__status=dw.VOORNEMEN_VERZONDEN, view_due_on__lte=until)
        | Q(wkpb_due_on__lte=until, wkpb_registered_on__isnull=True)
        | Q(case__status__in=CLOSURE_RUNNING, closure_ends_on__lte=until)
        | Q(urgent=True, decided_on__isnull=True),
    ))


def _procedure_terms(candidates: list[Any], until: date) -> list[tuple[Case, str, date, str]]:
    """The terms kept on the procedures themselves (view, Wkpb, closure end, urgent follow-up before the
    sealing), told apart by the same conditions `_candidates` asks of the database. An urgent procedure not yet
    decided costs a query (`_waiting_urgent`), only when there is one: asked with the candidates, its subqueries
    took a third of the time of a list page's terms."""
    urgent_since = _waiting_urgent([row.case_id for row in candidates if row.urgent and row.decided_on is None])
    found: list[tuple[Case, str, date, str]] = []
    for row in candidates:
        status = row.case.status
        if status == dw.VOORNEMEN_VERZONDEN and row.view_due_on is not None and row.view_due_on <= until:
            found.append((row.case, VIEW_DUE, row.view_due_on, ""))
        if row.wkpb_due_on is not None and row.wkpb_due_on <= until and row.wkpb_registered_on is None:
            found.append((row.case, WKPB_REGISTRATION, row.wkpb_due_on, ""))
        if status in CLOSURE_RUNNING and row.closure_ends_on is not None and row.closure_ends_on <= until:
            found.append((row.case, CLOSURE_END, row.closure_ends_on, ""))
        # before the sealing, the written decision is due from the day the case moved to urgent closure
        if row.case_id in urgent_since:
            since = timezone.localdate(urgent_since[row.case_id])
            if since <= until:
                found.append((row.case, URGENT_FOLLOW_UP, since, ""))
    return found


def _waiting_urgent(case_ids: list[Any]) -> dict[Any, datetime]:
    """Of these cases' urgent procedures not yet decided: those without urgent enforcement recorded, with
    when the case moved to urgent closure (one query, compiled once per number of ids; none without cases)."""
    if not case_ids:
        return {}
    rows = _WAITING_URGENT.rows(case_ids, using=router.db_for_read(DamoclesCase))
    return {case_id: since for case_id, since in rows if since is not None}


# compiled once per number of ids (config/compiled_rows.py, ADR 0049): building its two subqueries cost more than
# PostgreSQL takes to answer them (issue 15); a deadline overview asks for any number of ids, hence the bound
_WAITING_URGENT = CompiledRows(
    lambda ids: DamoclesCase.objects.filter(case_id__in=ids)
    .exclude(Exists(UrgentEnforcement.objects.filter(case=OuterRef("case_id"))))
    .annotate(urgent_since=_urgent_since()).values_list("case_id", "urgent_since"),
    ids_field=DamoclesCase._meta.get_field("case"), max_shapes=200)


@dataclass(frozen=True)
class _Procedure:
    """What `_procedure_terms` reads of a procedure, for a case a list page has read already."""

    case: Case
    case_id: Any
    urgent: bool
    decided_on: date | None
    view_due_on: date | None
    wkpb_due_on: date | None
    wkpb_registered_on: date | None
    closure_ends_on: date | None


_PROCEDURE_COLUMNS = tuple(column.name for column in fields(_Procedure) if column.name != "case")


def _procedures_of(cases: list[Case]) -> list[_Procedure]:
    """The procedures of these open Damocles cases, their term columns only (one query, no join: the cases'
    status is on the rows in hand)."""
    by_id = {case.pk: case for case in cases if case.case_type == CASE_TYPE and case.closed_on is None}
    if not by_id:
        return []
    rows = _PROCEDURE_ROWS.rows(list(by_id), using=router.db_for_read(DamoclesCase))
    return [_Procedure(by_id[case_id], case_id, *columns) for case_id, *columns in rows]


# compiled once (config/compiled_rows.py, ADR 0049): a list page's procedures by their cases' ids
_PROCEDURE_ROWS = CompiledRows(lambda ids: DamoclesCase.objects.filter(case_id__in=ids)
                               .values_list(*_PROCEDURE_COLUMNS), ids_field=DamoclesCase._meta.get_field("case"))


def _compliance(open_cases: QuerySet[Case]) -> Q:  # noqa: ARG001 - the rule's shape (terms.TermRule)
    return Q(case__status=dw.BEKENDGEMAAKT, decision_type=DamoclesCase._meta.label)


# Announcements with a term: of a procedure's decision, a compliance term while the decision is announced
TERMS = terms.TermRule(CASE_TYPE, _compliance)


def _rows(cases: QuerySet[Case], until: date, probed: Case | None = None,
          details: DamoclesCase | None = None,
          procedures: list[_Procedure] | None = None,
          page_ids: list[Any] | None = None) -> list[tuple[Case, str, date, str]]:
    """(case, kind, due_on, detail) for every deadline on or before `until` (a query for the procedures' own
    terms, none when the case page hands its procedure row in as `details` or a list page its cases'
    `procedures`; one per kind kept elsewhere, the announcements of a list page's or the case page's cases, `page_ids`,
    with SQL compiled once; for the case page's one `probed` case, none on a table without rows of it:
    casework/presence.py)."""
    has = presence.checker(probed)
    if procedures is not None:
        own: list[Any] = procedures
    else:
        own = [details] if details is not None else _candidates(_details(cases), until)
    found = _procedure_terms(own, until)
    # A query is built only for a table with rows of the cases: building one costs more Python than the
    # query costs PostgreSQL (issue 15).
    announced, urgent, objected = has(Announcement), has(UrgentEnforcement), has(Objection)
    if not (announced or urgent or objected):
        return found
    open_cases = TERMS.open_cases(cases)
    if announced:
        # One row per addressee: the end date stored at their announcement, the date their letter states
        # and the sealing guard checks (casework/remedies/terms.py).
        compliance, windows = TERMS.announced(open_cases, until, page_ids=page_ids)
        for announcement in compliance:
            found.append((announcement.case, COMPLIANCE_TERM, cast(date, announcement.compliance_ends_on),
                          str(announcement.get_role_display())))
        for announcement in windows:
            found.append((announcement.case, OBJECTION_WINDOW, cast(date, announcement.objection_deadline),
                          str(announcement.get_role_display())))
    # After urgent enforcement the written decision is due (the core's record, from the sealing).
    for urgent_row in terms.urgent_follow_ups(open_cases, until) if urgent else ():
        found.append((urgent_row.case, URGENT_FOLLOW_UP, urgent_row.written_decision_due_on, ""))
    if objected:
        found.extend(_objection_rows(open_cases, until))
    return found


def _objection_rows(open_cases: QuerySet[Case], until: date) -> list[tuple[Case, str, date, str]]:
    found = [(objection.case, OBJECTION_DECISION, cast(date, objection.decision_due_on), "")
             for objection in Objection.objects.filter(case__in=open_cases, state__in=OPEN_OBJECTION_STATES,
                                                       decision_due_on__lte=until).select_related("case")]
    found += [(objection.case, OBJECTION_LATE, objection.received_on, "")
              for objection in late_objections(open_cases).filter(received_on__lte=until)]
    return found


def damocles_deadlines(*, cases: QuerySet[Case], until: date, today: date | None = None,
                       include_passed_windows: bool = False, probed: Case | None = None,
                       details: DamoclesCase | None = None,
                       procedures: list[_Procedure] | None = None,
                       page_ids: list[Any] | None = None) -> list[DamoclesDeadline]:
    """Every Damocles deadline of `cases` up to `until`, overdue ones included, by due date (`probed`: the
    one open case of `cases`, probed by the case page; `details`: its procedure row, as the page read it;
    `procedures`: those of a list page's cases, `_procedures_of`; `page_ids`: the ids of `cases`, for a list page or
    the case page).

    Objection windows that ended before `today` are left out unless asked for: they call for no
    action (the decision became final for that addressee).
    """
    today = today or timezone.localdate()
    deadlines = []
    for case, kind, due_on, detail in _rows(cases, until, probed, details, procedures, page_ids):
        if kind in INFORMATIONAL and due_on < today and not include_passed_windows:
            continue
        deadlines.append(DamoclesDeadline(case=case, kind=kind, due_on=due_on, detail=detail,
                                          overdue=due_on < today and kind not in INFORMATIONAL))
    return sorted(deadlines, key=lambda d: (d.due_on, d.case.reference, d.kind))


def week_end(today: date) -> date:
    """The Sunday that ends the current week."""
    return today + timedelta(days=6 - today.weekday())


def deadline_overview(*, cases: QuerySet[Case], today: date | None = None) -> Overview:
    """Overdue deadlines and those due from today to the end of this week (Sunday)."""
    today = today or timezone.localdate()
    until = week_end(today)
    found = damocles_deadlines(cases=cases, until=until, today=today)
    return Overview(overdue=[d for d in found if d.overdue], this_week=[d for d in found if not d.overdue],
                    until=until)


# --- what the registry asks of the case type (casework/damocles/casetype.py) ---------------------

def as_deadline(deadline: DamoclesDeadline) -> Deadline:
    return Deadline(case=deadline.case, due_on=deadline.due_on, kind=f"damocles_{deadline.kind}",
                    overdue=deadline.overdue, label=deadline.label, legal_basis=deadline.legal_basis, obj=deadline)


def deadlines(*, cases: QuerySet[Case], until: date, today: date, limit: int | None = None) -> list[Deadline]:
    """Damocles terms (view, objection, Wkpb, closure end, ...) in the core's shape, with their legal basis."""
    return soonest([as_deadline(d) for d in damocles_deadlines(cases=cases, until=until, today=today)], limit)


def page_deadlines(*, cases: list[Case], until: date, today: date) -> list[Deadline]:
    """`deadlines` of a list page's cases, read already (the registry's `page_deadlines`): the procedures'
    own terms from their term columns (`_procedures_of`, no join, no model built) instead of the full rows of
    procedure and case (issue 15); the other kinds as `deadlines` reads them."""
    ids = TERMS.open_ids(cases)
    if not ids:
        return []
    return [as_deadline(d) for d in damocles_deadlines(cases=Case.objects.filter(pk__in=ids), until=until,
                                                       today=today, procedures=_procedures_of(cases), page_ids=ids)]


def closure_ends(case_ids: Any) -> dict[Any, date]:
    """When each procedure's closure ended (retention counts from it, `RetentionStart`; ids as a list or a query)."""
    rows = DamoclesCase.objects.filter(case_id__in=case_ids, closure_ends_on__isnull=False)
    return {case_id: cast(date, ends) for case_id, ends in rows.values_list("case_id", "closure_ends_on")}


def closure_ended_by(latest: date) -> Q:
    """`closure_ends` as a condition on cases: no closure end recorded, or on or before `latest` (`RetentionStart`)."""
    return Q(damocles__closure_ends_on__isnull=True) | Q(damocles__closure_ends_on__lte=latest)


def dashboard_sections(*, user: Any, visible: QuerySet[Case], today: date) -> list[DashboardSection]:
    """Enforcement officers: the open procedures of them or their team, with the register and deadline pages."""
    from casework.dashboards import open_rows_of_type

    if user.role != HANDHAVER:
        return []
    rows, total = open_rows_of_type(user=user, visible=visible, case_type=CASE_TYPE, today=today)
    return [DashboardSection(
        key="damocles", title=_("Damocles procedures"), rows=rows, cases=[row.case for row in rows],
        count_text=ngettext("%(count)s open procedure of you or your team.",
                            "%(count)s open procedures of you or your team.", total) % {"count": total},
        empty_text=_("No open Damocles procedures."),
        links=[(reverse("casework:damocles_register"), _("Register a Damocles procedure")),
               (reverse("casework:damocles_deadlines"), _("Damocles deadlines"))],
        rows_title=_("Open Damocles procedures"),
        rows_caption=ngettext("Newest of %(count)s open procedure", "Newest of %(count)s open procedures",
                              total) % {"count": total},
    )]
