"""What each role's dashboard shows: small selectors on top of `visible_cases`.

Dashboards list cases (reference, person when the user sees personal details, status, next
deadline), so the view records a `list` event per case shown, like the case list does. Besides
the general parts below, each case type contributes its own sections (a card, a list, an extra
block) through the registry (`dashboard`), for the roles it serves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Max
from django.utils import timezone

from casework import access, registry, selectors
from casework.contributions import DashboardSection
from casework.counts import open_case_counts
from casework.models import Approval, Case, SharingDecision
from casework.privacy import anomalies, reviews
from casework.privacy.finding_list import FindingList

DASHBOARD_ROWS = 10
# Newest first: opened most recently, and among cases opened the same day the one created last
# (ordering by reference instead put DAM-0001 before DAM-0016, so new files never appeared).
NEWEST_FIRST = ("-opened_on", "-created_at", "-reference")
OLDEST_FIRST = ("opened_on", "created_at", "reference")
DEADLINE_HORIZON = timedelta(days=14)


@dataclass
class Dashboard:
    sections: dict[str, list[selectors.CaseRow]] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)
    deadlines: list[selectors.Deadline] = field(default_factory=list)
    approvals: list[Approval] = field(default_factory=list)
    status_counts: list[tuple[str, int]] = field(default_factory=list)
    shared_until: list[tuple[selectors.CaseRow, date | None]] = field(default_factory=list)
    contributions: list[DashboardSection] = field(default_factory=list)  # the case types' own sections

    def contribution(self, key: str) -> DashboardSection | None:
        """A case type's section by its key (e.g. "triage", "damocles", "park")."""
        return next((section for section in self.contributions if section.key == key), None)

    def cases_shown(self) -> list[Case]:
        """Every case the dashboard shows, once (for the audit batch)."""
        seen: dict[Any, Case] = {}
        for rows in self.sections.values():
            seen.update((row.case.pk, row.case) for row in rows)
        seen.update((deadline.case.pk, deadline.case) for deadline in self.deadlines)
        seen.update((approval.case.pk, approval.case) for approval in self.approvals)
        for section in self.contributions:
            seen.update((case.pk, case) for case in section.cases)
        return list(seen.values())


def _rows(user, cases, today: date, case_type: str = "") -> tuple[list[selectors.CaseRow], int]:
    """The first rows of `cases` (sorted, not annotated) and their count, in one query as a case list's page
    (`selectors.first_rows`; at 1,000,000 cases a caseworker's 1,183 own open cases: 28 → 18 ms, issue 15)."""
    first, count = selectors.first_rows(cases, DASHBOARD_ROWS, case_type=case_type)
    return selectors.case_rows(user=user, cases=first, today=today), count or 0


def _first_rows(user, cases, today: date) -> list[selectors.CaseRow]:
    first, _count = selectors.first_rows(cases, DASHBOARD_ROWS, counted=False)
    return selectors.case_rows(user=user, cases=first, today=today)


def open_rows_of_type(*, user, visible, case_type: str, today: date, oldest_first: bool = False
                      ) -> tuple[list[selectors.CaseRow], int]:
    """Rows (newest first, or oldest first) and the count of the open cases of one type that are
    the user's or their team's: the list a case type's dashboard section usually shows."""
    cases = visible.filter(selectors.own_or_team(user), case_type=case_type, closed_on__isnull=True)
    return _rows(user, cases.order_by(*(OLDEST_FIRST if oldest_first else NEWEST_FIRST)), today, case_type)


def _contributions(user, today: date) -> list[DashboardSection]:
    """The sections every registered case type adds for this user (registry `dashboard`)."""
    visible = access.visible_cases(user)
    found: list[DashboardSection] = []
    for spec in registry.types():
        found += spec.provider("dashboard")(user=user, visible=visible, today=today)
    return found


def procesregisseur_dashboard(*, user, today: date | None = None) -> Dashboard:
    """My open cases, deadlines in two weeks, and what the case types add (referrals awaiting triage)."""
    today = today or timezone.localdate()
    board = Dashboard()
    mine = access.visible_cases(user).filter(closed_on__isnull=True, owner=user).order_by(*NEWEST_FIRST)
    board.sections["mine"], board.totals["mine"] = _rows(user, mine, today)
    board.deadlines = selectors.deadlines_due(user=user, until=today + DEADLINE_HORIZON, today=today)
    board.contributions = _contributions(user, today)
    return board


def handhaver_dashboard(*, user, today: date | None = None) -> Dashboard:
    """Deadlines in two weeks or overdue, and what the case types add (open procedures and files of
    mine or my team's, forfeitures near their limitation date)."""
    today = today or timezone.localdate()
    board = Dashboard()
    board.deadlines = selectors.deadlines_due(user=user, until=today + DEADLINE_HORIZON, today=today)
    board.contributions = _contributions(user, today)
    return board


def teamleider_dashboard(*, user, today: date | None = None) -> Dashboard:
    """Open cases of the organisation (per status and the newest), approvals awaiting a decision."""
    today = today or timezone.localdate()
    board = Dashboard()
    organisation_cases = access.visible_cases(user).filter(controller_id=user.organisation_id, closed_on__isnull=True)
    # A team lead reaches every case its organisation controls (access._reachable) but those of restricted persons:
    # exactly the cases the database counts per type and status (ADR 0057), so the numbers are read, not counted
    # (an aggregate over every open case of the organisation took 85-220 ms at 1,000,000 cases).
    counts = open_case_counts(user.organisation_id) if user.organisation_id else []
    board.status_counts = [(selectors.status_label(case_type, status), n) for case_type, status, n in counts]
    newest = organisation_cases.order_by(*NEWEST_FIRST)
    board.sections["organisation"] = _first_rows(user, newest, today)
    board.totals["organisation"] = sum(n for _type, _status, n in counts)
    board.approvals = list(
        Approval.objects.filter(case__in=access.visible_cases(user), decision=Approval.Decision.PENDING)
        .exclude(requested_by=user).select_related("case", "requested_by").order_by("requested_at")[:DASHBOARD_ROWS]
    )
    return board


def ketenpartner_dashboard(*, user, today: date | None = None) -> Dashboard:
    """Cases shared with the partner's organisation now, with the end of each share."""
    today = today or timezone.localdate()
    board = Dashboard()
    shared = access.visible_cases(user).order_by(*NEWEST_FIRST)
    board.sections["shared"], board.totals["shared"] = _rows(user, shared, today)
    ids = [row.case.pk for row in board.sections["shared"]]
    ends = dict(
        SharingDecision.objects.filter(
            case_id__in=ids, partner_id=user.organisation_id, revoked_at__isnull=True,
            starts_on__lte=today, ends_on__gte=today,
        ).values("case_id").annotate(until=Max("ends_on")).values_list("case_id", "until")
    )
    board.shared_until = [(row, ends.get(row.case.pk)) for row in board.sections["shared"]]
    return board


BREAK_GLASS_SHOWN = 10


@dataclass
class PrivacyReviews:
    """The privacy officer's dashboard: unreviewed findings of the last 30 days, per rule."""

    counts: list[tuple[str, str, int]] = field(default_factory=list)  # (rule code, label, unreviewed)
    break_glass: list = field(default_factory=list)  # the latest unreviewed emergency accesses

    @property
    def total(self) -> int:
        return sum(count for _code, _label, count in self.counts)


def privacy_officer_reviews(*, today: date | None = None, limit: int = BREAK_GLASS_SHOWN) -> PrivacyReviews:
    """Counts of unreviewed break-the-glass events and anomalies (audit rows only: no case content)."""
    start, end = reviews.default_period(today)
    unreviewed = FindingList(reviews.ReviewFilters(start=start, end=end, status=reviews.UNREVIEWED))
    counts = unreviewed.counts_by_rule()  # COUNT queries: the month's findings are not built (issue 15)
    return PrivacyReviews(
        counts=[(code, str(label), counts[code]) for code, label in anomalies.RULE_LABELS.items()],
        break_glass=unreviewed.uncounted(anomalies.BREAK_GLASS)[:limit],
    )
