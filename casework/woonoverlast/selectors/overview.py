"""Read side of woonoverlast beyond the case page: its deadlines, dashboard section and the
overview list (its annual figures: figures.py). Selectors only: nothing here writes. Every query
starts from the cases the caller may read (`access.visible_cases(user)`); nothing here decrypts
personal data.

Deadline kinds and their legal basis:
- view_due: the term for a view after an intention, Awb 4:8 (until the decision is taken);
- order_ends: a gedragsaanwijzing's period ends (its duration within the APV maximum);
- closure_ends: a closure under art. 174a ends (lid 3: extendable);
- objection_window / objection_decision: the core's remedies, Awb 6:7/6:8 and 7:10.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.db import router
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.roles import HANDHAVER
from casework import access, paging, presence
from casework.contributions import DashboardSection, Deadline, soonest
from casework.models import Case
from casework.remedies.models import Announcement, Objection, UrgentEnforcement
from casework.remedies.selectors import objection_decisions_due
from casework.remedies.terms import TermRule, urgent_follow_ups
from casework.woonoverlast.casetype import CASE_TYPE
from casework.woonoverlast.categories import EVIDENCE
from casework.woonoverlast.models import BehaviouralOrder, Closure, DecisionState, Intention
from casework.workflow import WORKFLOWS
from config.compiled_rows import CompiledRows


def _deadline(case: Case, due_on: date | None, kind: str, today: date, label: str, basis: str, obj: Any) -> Deadline:
    assert due_on is not None  # noqa: S101 - every query below filters on the date (`__lte`)
    return Deadline(case=case, due_on=due_on, kind=f"woonoverlast_{kind}", overdue=due_on < today, label=label,
                    legal_basis=basis, obj=obj)


def _compliance(open_cases: QuerySet[Case]) -> Q:  # noqa: ARG001 - the rule's shape (TermRule)
    return Q(decision_type__startswith="woonoverlast.")


# Announcements with a term: of the file's decisions (a gedragsaanwijzing, a closure), a compliance term
TERMS = TermRule(CASE_TYPE, _compliance)


def _waiting(open_cases: QuerySet[Case], until: date) -> QuerySet[Intention]:
    """Intentions of these open files whose term for a view ends by `until` and that no decision followed yet."""
    return Intention.objects.filter(case__in=open_cases, view_due_on__lte=until).exclude(
        Exists(BehaviouralOrder.objects.filter(intention=OuterRef("pk")))).exclude(
        Exists(Closure.objects.filter(intention=OuterRef("pk")))).select_related("case")


# a page's waiting intentions by its cases' ids, compiled once per number of ids and day (config/compiled_rows.py,
# ADR 0049): its two subqueries cost more to build than PostgreSQL takes to answer them (issue 15)
_PAGE_WAITING = CompiledRows(lambda ids, until: _waiting(TERMS.open_cases(Case.objects.filter(pk__in=ids)), until),
                             ids_field=Intention._meta.get_field("case"), max_shapes=200)


def deadlines(*, cases: QuerySet[Case], until: date, today: date, limit: int | None = None,
              probed: Case | None = None, page_ids: list[Any] | None = None) -> list[Deadline]:
    """The registry's `deadlines` provider (one query per kind, whatever the number of cases; none on a table
    that holds no row of the cases a list page probed, or of the one `probed` case of `cases` the case page
    probed: casework/presence.py; `page_ids`: the ids of `cases`, for a list page or the case page, whose
    waiting intentions and announcements are read with SQL compiled once)."""
    cases = TERMS.open_cases(cases)
    has = presence.checker(probed)
    found: list[Deadline] = []
    # Intentions still waiting for their decision. A query is built only for a table with rows of the cases:
    # building one costs more Python than the query costs PostgreSQL (issue 15).
    if has(Intention):
        waiting = _waiting(cases, until) if page_ids is None else _PAGE_WAITING.rows(
            page_ids, using=router.db_for_read(Intention), until=until)
        found += [_deadline(row.case, row.view_due_on, "view_due", today, _("Term for a view ends"), "Awb 4:8",
                            row) for row in waiting]
    for model, kind, label, basis in (
            (BehaviouralOrder, "order_ends", _("Gedragsaanwijzing ends"), "art. 151d Gemeentewet"),
            (Closure, "closure_ends", _("Closure ends"), "art. 174a lid 3 Gemeentewet")):
        if has(model):
            rows = model.objects.filter(case__in=cases, state=DecisionState.IMPOSED, ends_on__lte=until)
            found += [_deadline(row.case, row.ends_on, kind, today, str(label), basis, row)
                      for row in rows.select_related("case")]
    found += _remedy_deadlines(cases, until, today, page_ids, has)
    found += [_deadline(row.case, row.written_decision_due_on, "urgent_follow_up", today,
                        _("Written decision after urgent enforcement due"), "Awb 5:31 lid 2", row)
              for row in (urgent_follow_ups(cases, until) if has(UrgentEnforcement) else ())]
    return soonest(found, limit)


def page_deadlines(*, cases: list[Case], until: date, today: date) -> list[Deadline]:
    """`deadlines` of a list page's cases, read already (the registry's `page_deadlines`): their announcements with
    SQL compiled once (issue 15), the other kinds as `deadlines` reads them."""
    ids = TERMS.open_ids(cases)
    if not ids:
        return []
    return deadlines(cases=Case.objects.filter(pk__in=ids), until=until, today=today, page_ids=ids)


def _remedy_deadlines(cases: QuerySet[Case], until: date, today: date, page_ids: list[Any] | None,
                      has: Callable[[Any], bool]) -> list[Deadline]:
    """Objection windows and compliance terms (announcements), decisions on objection due (objections): each
    table read only when it holds rows of the cases (`has`, as in `deadlines`)."""
    compliance, windows = TERMS.announced(cases, until, page_ids=page_ids) if has(Announcement) else ([], [])
    found = [_deadline(row.case, row.objection_deadline, "objection_window", today, _("Objection term ends"),
                       "Awb 6:7", row) for row in windows if row.objection_deadline and row.objection_deadline >= today]
    found += [_deadline(row.case, row.compliance_ends_on, "compliance_term", today, _("Compliance term ends"),
                        "Awb 5:24, 5:32a; art. 174a lid 4 Gemeentewet", row) for row in compliance]
    found += [_deadline(row.case, row.decision_due_on, "objection_decision", today, _("Decision on objection due"),
                        "Awb 7:10", row) for row in (objection_decisions_due(cases, until) if has(Objection) else ())]
    return found


NEWEST_FIRST = ("-opened_on", "reference")


def _files(user: Any) -> QuerySet[Case]:
    return access.visible_cases(user).filter(case_type=CASE_TYPE).order_by(*NEWEST_FIRST)


def _listed(files: QuerySet[Case]) -> QuerySet[Case]:
    """What a row of the overview (and of its CSV) shows with each file: its report count and owner."""
    return files.annotate(report_count=Count("woonoverlast_meldingen", distinct=True)).select_related("owner")


def woonoverlast_cases(user: Any) -> QuerySet[Case]:
    """The woonoverlast files `user` may read, with their report count (one query per page)."""
    return _listed(_files(user))


def overview_pages(user: Any) -> paging.RowsByPage:
    """`woonoverlast_cases` page by page: the page's ids first (sorted over the visibility filter alone), then the
    rows of those ids with their report counts; counted up to `paging.LIST_COUNT_CAP` (a team lead's organisation
    may hold every file: at 1,000,000 cases 200,000 files grouped and sorted for 25, 850 ms; ADR 0050)."""
    return paging.RowsByPage(_files(user), lambda ids: _listed(Case.objects.filter(pk__in=ids)),
                      count_cap=paging.LIST_COUNT_CAP)


def overview_rows(user: Any, cases: list[Case]) -> list[tuple[Case, str, int | None]]:
    """(file, status label, report count) per file of a page; the count only where the user sees the
    evidence category on that file (None: not shared), checked for the whole page at once."""
    seen = access.case_access_many(user, cases)
    return [(case, status_label(case.status),
             case.report_count if seen[case.pk].sees(EVIDENCE) else None)  # type: ignore[attr-defined]
            for case in cases]


def status_label(status: str) -> str:
    return WORKFLOWS[CASE_TYPE].label(status)


def status_choices() -> list[tuple[str, str]]:
    return [(code, str(label)) for code, label in WORKFLOWS[CASE_TYPE].states.items()]


def dashboard_sections(*, user: Any, visible: QuerySet[Case], today: date) -> list[DashboardSection]:
    """Enforcement officers: the open woonoverlast files of them or their team."""
    from casework.dashboards import open_rows_of_type

    if user.role != HANDHAVER:
        return []
    rows, total = open_rows_of_type(user=user, visible=visible, case_type=CASE_TYPE, today=today)
    if not total:
        return []
    return [DashboardSection(
        key="woonoverlast", title=_("Woonoverlast"), rows=rows, cases=[row.case for row in rows],
        count_text=ngettext("%(count)s open woonoverlast file of you or your team.",
                            "%(count)s open woonoverlast files of you or your team.", total) % {"count": total},
        empty_text=_("No open woonoverlast files."),
        links=[(reverse("casework:woonoverlast_file_open"), _("Open a woonoverlast file")),
               (reverse("casework:woonoverlast_overview"), _("Woonoverlast overview"))],
        rows_title=_("Open woonoverlast files"),
        rows_caption=ngettext("Newest of %(count)s open file", "Newest of %(count)s open files", total)
        % {"count": total},
    )]

