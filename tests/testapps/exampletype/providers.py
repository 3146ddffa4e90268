"""The example type's providers: plain functions in the shapes of casework/contributions.py."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from casework.contributions import CaseSection, DashboardSection, Deadline, TimelineEntry, WorkItem, soonest
from casework.models import Case
from tests.testapps.exampletype.casetype import CASE_TYPE, EXAMPLE_DETAILS
from tests.testapps.exampletype.models import ExampleFile, ExampleObjection


def _objection_deadlines(cases: QuerySet[Case], until: date, today: date) -> list[Deadline]:
    rows = ExampleObjection.objects.filter(case__in=cases, pending=True, due_on__lte=until).select_related("case")
    return [Deadline(case=row.case, due_on=row.due_on, kind="example_objection", overdue=row.due_on < today,
                     label="Example objection due", legal_basis="Awb 7:10", obj=row) for row in rows]


def case_section(*, case: Case, case_access: Any, user: Any = None, today: date | None = None) -> CaseSection:
    details = ExampleFile.objects.filter(case=case).first()
    sees = case_access.sees(EXAMPLE_DETAILS)
    timeline = [TimelineEntry(at=timezone.make_aware(datetime.combine(row.due_on, time.min)), kind="example_objection",
                              obj=row, template="exampletype/_timeline_entry.html")
                for row in case.example_objections.exclude(due_on=None)] if sees else []
    return CaseSection(template="exampletype/_case_section.html", data={"details": details if sees else None},
                       timeline=timeline,
                       deadlines=_objection_deadlines(Case.objects.filter(pk=case.pk), date.max,
                                                      today or timezone.localdate()) if sees else [])


def deadlines(*, cases: QuerySet[Case], until: date, today: date, limit: int | None = None) -> list[Deadline]:
    return soonest(_objection_deadlines(cases, until, today), limit)


def dashboard(*, user: Any, visible: QuerySet[Case], today: date) -> list[DashboardSection]:
    from casework.dashboards import open_rows_of_type

    rows, total = open_rows_of_type(user=user, visible=visible, case_type=CASE_TYPE, today=today)
    if not total:
        return []
    return [DashboardSection(key="example", title="Example cases", rows=rows, cases=[row.case for row in rows],
                             count_text=f"{total} open example case(s)", empty_text="No example cases.")]


def work_queue(*, user: Any, cases: QuerySet[Case], today: date) -> list[WorkItem]:
    """Pending objections without a term yet: something to do that no deadline shows."""
    from casework.worklist import DEADLINE

    rows = ExampleObjection.objects.filter(case__in=cases, pending=True, due_on=None).select_related("case")
    return [WorkItem(case=row.case, kind=DEADLINE, label="Example objection awaiting a term") for row in rows]


def demo() -> list[str]:
    return []


def figures(*, organisation_id: Any, years: list[int]) -> list[Any]:
    """One indicator: example cases opened, by status (the annual figures pick it up from the registry)."""
    from casework.figures.counting import grouped, per_category, totals
    from casework.figures.indicators import Breakdown, Indicator

    rows = grouped(Case.objects.filter(case_type=CASE_TYPE, controller_id=organisation_id), "opened_on",
                   years=years, by=("status",))
    per_year, per_quarter = totals(rows)
    statuses = (("open", "Lopend"), ("closed", "Afgesloten"))  # Dutch: tests/casework/web/test_dutch_crawl.py
    return [Indicator(code="opened", label="Example cases opened", rule="Example cases by the date they were opened.",
                      years=per_year, quarters=per_quarter,
                      breakdowns=(Breakdown("status", "by status", statuses, per_category(rows, "status")),))]
