"""Signal reads: its part of the case page (per sharing category), the review dates of monitoring and
of postponed informing as deadlines, the dashboard section and "Mijn werk", the list page, AVG 14
postponements for the inzage report, and the moment retention counts from.

A category the viewer does not see is not queried: the source (`signal_sources`, shielded) is loaded
only for who holds it, the triage only for who holds `signal_triage`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from casework import access, paging
from casework.access import CaseAccess
from casework.contributions import CaseSection, DashboardSection, Deadline, WorkItem, soonest
from casework.deadlines import Calendar
from casework.models import Case
from casework.signals.casetype import CASE_TYPE, TRIAGE_ROLES
from casework.signals.categories import INTAKE, SOURCES, TRIAGE
from casework.signals.models import Informing, Outcome, Signal, SignalPerson, SignalSource, Triage
from casework.signals.workflow import BEOORDEELD, ONTVANGEN, WORKFLOW
from encryption.preload import preload_keys

MONITOR_REVIEW = "signals_monitor_review"
INFORMING_REVIEW = "signals_informing_review"
FAR_FUTURE = date(9000, 1, 1)  # "not yet": a follow-up case still open (retention cannot start)


@dataclass
class SignalSection:
    signal: Signal
    sees: dict[str, bool]
    persons: list[SignalPerson] = field(default_factory=list)
    sources: list[SignalSource] = field(default_factory=list)
    triages: list[Triage] = field(default_factory=list)


def signal_section(*, case: Case, case_access: CaseAccess) -> SignalSection | None:
    signal = Signal.objects.filter(case=case).first()
    if signal is None:
        return None
    sees = {category: case_access.sees(category) for category in (INTAKE, TRIAGE, SOURCES)}
    section = SignalSection(signal=signal, sees=sees)
    if sees[INTAKE]:
        section.persons = list(SignalPerson.objects.filter(case=case).select_related("person"))
    if sees[SOURCES]:
        section.sources = list(SignalSource.objects.filter(case=case).select_related("person", "organisation"))
    if sees[TRIAGE]:
        section.triages = list(Triage.objects.filter(case=case).select_related("partner", "linked_case")
                               .order_by("created_at"))
    preload_keys([signal, *section.persons, *(p.person for p in section.persons), *section.sources,
                  *(s.person for s in section.sources if s.person), *section.triages])
    return section


def _monitor_deadline(case: Case, row: Signal, today: date) -> Deadline:
    assert row.review_on is not None  # noqa: S101 - asked for by every caller
    return Deadline(case=case, due_on=row.review_on, kind=MONITOR_REVIEW, overdue=row.review_on < today,
                    label=_("Review the monitoring of the signal"), obj=row)


def _informing_deadline(case: Case, row: SignalPerson, today: date) -> Deadline:
    assert row.postponement_review_on is not None  # noqa: S101 - asked for by every caller
    return Deadline(case=case, due_on=row.postponement_review_on, kind=INFORMING_REVIEW,
                    overdue=row.postponement_review_on < today,
                    label=_("Review the postponement of informing a named person"),
                    legal_basis="AVG 14 lid 5, UAVG art. 41", obj=row)


def _monitor_deadlines(cases: QuerySet[Case], until: date, today: date) -> list[Deadline]:
    rows = Signal.objects.filter(case__in=cases, case__status=BEOORDEELD, outcome=Outcome.MONITOR,
                                 review_on__lte=until).select_related("case")
    return [_monitor_deadline(row.case, row, today) for row in rows if row.review_on is not None]


def _informing_deadlines(cases: QuerySet[Case], until: date, today: date) -> list[Deadline]:
    rows = SignalPerson.objects.filter(case__in=cases, informing=Informing.POSTPONED,
                                       postponement_review_on__lte=until).select_related("case")
    return [_informing_deadline(row.case, row, today) for row in rows if row.postponement_review_on is not None]


def deadlines(*, cases: QuerySet[Case], until: date, today: date, limit: int | None = None) -> list[Deadline]:
    return soonest([*_monitor_deadlines(cases, until, today), *_informing_deadlines(cases, until, today)], limit)


def with_next_due(cases: QuerySet[Case]) -> QuerySet[Case]:
    """A list row's next term read with the row (the registry's `list_annotations`): `signals_monitor_review`,
    the signal's review date when triage chose monitoring, and `signals_informing_review`, the earliest review
    of a postponed informing; the same terms `deadlines` gives, as two subqueries of the rows' query instead
    of two queries of their own a page (issue 15)."""
    monitor = Signal.objects.filter(case=OuterRef("pk"), outcome=Outcome.MONITOR, review_on__isnull=False)
    informing = SignalPerson.objects.filter(case=OuterRef("pk"), informing=Informing.POSTPONED,
                                            postponement_review_on__isnull=False).order_by("postponement_review_on")
    return cases.annotate(signals_monitor_review=Subquery(monitor.values("review_on")[:1]),
                          signals_informing_review=Subquery(informing.values("postponement_review_on")[:1]))


def next_deadline(*, case: Case, case_access: CaseAccess, calendar: Calendar) -> date | None:  # noqa: ARG001
    """A list row's next term (the registry's `next_deadline`), of what the viewer sees, as on the case page:
    the monitoring review of a triaged signal for who sees the triage, a postponed informing's review for who
    sees the intake."""
    found = [day for day in (
        getattr(case, "signals_monitor_review", None) if case.status == BEOORDEELD and case_access.sees(TRIAGE)
        else None,
        getattr(case, "signals_informing_review", None) if case_access.sees(INTAKE) else None,
    ) if day is not None]
    return min(found) if found else None


def case_section(*, case: Case, case_access: CaseAccess, user: Any = None, today: date | None = None
                 ) -> CaseSection | None:
    section = signal_section(case=case, case_access=case_access)
    if section is None:
        return None
    today = today or timezone.localdate()
    # the terms from the rows the section read (the conditions of `_monitor_deadlines` and `_informing_deadlines`)
    terms = []
    signal = section.signal
    if section.sees[TRIAGE] and case.status == BEOORDEELD and signal.outcome == Outcome.MONITOR \
            and signal.review_on is not None:
        terms.append(_monitor_deadline(case, signal, today))
    if section.sees[INTAKE]:
        terms += [_informing_deadline(case, row, today) for row in section.persons
                  if row.informing == Informing.POSTPONED and row.postponement_review_on is not None]
    summary = [(_("Category"), section.signal.get_category_display())] if section.sees[INTAKE] else []
    if section.sees[TRIAGE] and section.signal.outcome:
        summary.append((_("Triage outcome"), section.signal.get_outcome_display()))
    return CaseSection(template="signals/_case_section.html", data=section, summary=summary, deadlines=terms)


def dashboard_sections(*, user: Any, visible: QuerySet[Case], today: date) -> list[DashboardSection]:
    """Signals of the user or their team awaiting triage, oldest first."""
    from casework.dashboards import open_rows_of_type

    if user.role not in TRIAGE_ROLES:
        return []
    waiting = visible.filter(status=ONTVANGEN)
    rows, total = open_rows_of_type(user=user, visible=waiting, case_type=CASE_TYPE, today=today, oldest_first=True)
    return [DashboardSection(
        key="signals", title=gettext_lazy("Undermining signals awaiting triage"), rows=rows,
        cases=[row.case for row in rows],
        count_text=ngettext("%(count)s signal of you or your team awaits triage.",
                            "%(count)s signals of you or your team await triage.", total) % {"count": total},
        empty_text=gettext_lazy("No signals are waiting."),
    )]


def work_queue(*, user: Any, cases: QuerySet[Case], today: date) -> list[WorkItem]:
    """Signals waiting for triage (monitoring and informing reviews are deadlines, listed anyway)."""
    from casework.worklist import REFERRAL

    waiting = cases.filter(case_type=CASE_TYPE, status=ONTVANGEN).order_by("opened_on")
    return [WorkItem(case=case, kind=REFERRAL, label=_("Signal awaiting triage")) for case in waiting]


def informing_postponed(*, cases: list[Case]) -> list[tuple[str, str]]:
    """(reference, ground) of signals in which informing a named person is postponed (AVG 14 lid 5, UAVG 41)."""
    rows = SignalPerson.objects.filter(case__in=[c for c in cases if c.case_type == CASE_TYPE],
                                       informing=Informing.POSTPONED).select_related("case")
    return [(row.case.reference, row.get_postponement_ground_display()) for row in rows]


def follow_up_ends(case_ids: Any) -> dict[Any, date]:
    """Retention start per signal: the end of its follow-up. A signal routed to a linked case counts from
    that case's closure (not yet while it is open); any other from the day its follow-up ended. `case_ids`: a
    list or a query of ids (`RetentionStart`)."""
    found: dict[Any, date] = {}
    for case_id, ended, outcome in Signal.objects.filter(case_id__in=case_ids).values_list(
            "case_id", "follow_up_ended_on", "outcome"):
        if ended is not None and outcome != Outcome.CASE:
            found[case_id] = ended
    routed = Triage.objects.filter(case_id__in=case_ids, outcome=Outcome.CASE).values_list(
        "case_id", "linked_case__closed_on", "linked_case_id")
    for case_id, closed_on, linked_id in routed:
        if linked_id is not None:
            found[case_id] = max(found.get(case_id, date.min), closed_on or FAR_FUTURE)
    return found


def follow_up_ended_by(latest: date) -> Q:
    """`follow_up_ends` as a condition on cases (`RetentionStart`): the follow-up's end counts unless the signal was
    routed to a case, and is absent or on or before `latest`; and no triage routed the signal to a case that is
    still open or was closed after `latest`."""
    follow_up = (Q(signal__follow_up_ended_on__isnull=True) | Q(signal__outcome=Outcome.CASE)
                 | Q(signal__follow_up_ended_on__lte=latest))
    routed = Triage.objects.filter(case_id=OuterRef("pk"), outcome=Outcome.CASE, linked_case__isnull=False)
    routed_later = routed.filter(Q(linked_case__closed_on__isnull=True) | Q(linked_case__closed_on__gt=latest))
    return follow_up & Q(~Exists(routed_later))


def signal_pages(user: Any) -> paging.RowsByPage:
    """The signals `user` may see, open first and then newest first, page by page: the page's ids first (sorted
    over the visibility filter alone), then those signals with their details; counted up to `paging.LIST_COUNT_CAP`
    (a team lead's organisation may hold every signal: at 1,000,000 cases 200,000 signals joined and sorted for 25,
    620 ms; their ids alone, 144 ms, and 27 ms read in the order of `case_type_open_first_idx`; ADR 0050)."""
    ids = access.visible_cases(user).filter(case_type=CASE_TYPE).order_by(*_OPEN_FIRST)
    return paging.RowsByPage(ids, lambda found: Case.objects.filter(pk__in=found).select_related("signal", "owner"),
                      count_cap=paging.LIST_COUNT_CAP)


# Open first, then the newest. Whether a NULL `closed_on` sorts first differs (last in PostgreSQL's ascending order,
# first in SQLite's), so "closed or not" is a term of its own, the one `case_type_open_first_idx` starts with.
_OPEN_FIRST = (ExpressionWrapper(Q(closed_on__isnull=False), output_field=BooleanField()).asc(), "closed_on",
               "-opened_on", "-reference")


@dataclass(frozen=True)
class ListRow:
    case: Case
    status: str
    category: str
    outcome: str


def list_rows(user: Any, cases: list[Case]) -> list[ListRow]:
    """Per signal: its category and outcome, each only for who sees its category (one query for the access)."""
    accesses = access.case_access_many(user, cases)
    rows = []
    for case in cases:
        seen = accesses.get(case.pk) or access.NO_ACCESS
        signal = getattr(case, "signal", None)
        rows.append(ListRow(
            case=case, status=WORKFLOW.label(case.status),
            category=signal.get_category_display() if signal and seen.sees(INTAKE) else "",
            outcome=signal.get_outcome_display() if signal and signal.outcome and seen.sees(TRIAGE) else "",
        ))
    return rows


def inzage_items(*, case: Case, person: Any) -> list[Any]:
    """The `inzage` provider: the core's generic rows; for a person named in the signal the signal itself
    (what was signalled about them) counts as theirs too. Its description is free text, which the privacy
    officer reviews before release (it may name others). The source never appears (shielded)."""
    from dataclasses import replace

    from casework.privacy.inzage_content import generic_items

    items = generic_items(case=case, person=person)
    if not SignalPerson.objects.filter(case=case, person=person).exists():
        return items
    return [replace(item, linked=True) if item.key.startswith("signals.Signal:") else item for item in items]
