"""Mijn werk: everything that waits for one user, over every registered case type, by urgency.

What a page lists (`work_items`):
- the terms of the user's open cases (owner or team; `visible_cases` first): every case type's
  `deadlines` provider (statutory terms, agreements), as the dashboards and reminders use them;
- what a case type adds through its optional `work_queue` provider (PGA: referrals awaiting
  triage and chain partners' reports to review; the enforcement types: limitation warnings of
  forfeitures), which may replace one of its
  own terms so nothing is listed twice (`WorkItem.replaces`);
- the core's own items: approvals waiting for this user's four eyes, sharing decisions about to
  end, and the user's own open cases without any term or item ("no next step").

Ordering rule (shown on the page): overdue first, oldest due date first; then what is due soonest;
then the items without a date. Ties by case reference. Items further than `HORIZON` ahead wait.

Only references, case types, statuses, the Dutch label of what is due and its date are listed:
no personal data. Below the items the page lists the user's meeting sittings of the coming seven
days (`casework.meetings.selectors.my_week`: title, time, place, number of agenda items). The
navigation's count (`overdue_count`) is one query.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.cache import cache
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.roles import KETENPARTNER, roles_with
from casework import access, registry, selectors
from casework.contributions import Deadline, WorkItem
from casework.deadlines import Calendar
from casework.models import Approval, Case, SharingDecision

DEADLINE = "deadline"
APPROVAL = "approval"
REFERRAL = "referral"
NO_NEXT_STEP = "no_next_step"
SHARE_EXPIRING = "share_expiring"
LIMITATION = "limitation"
PARTNER_REPORT = "partner_report"
KINDS = {
    DEADLINE: gettext_lazy("Deadlines and agreements"),
    APPROVAL: gettext_lazy("Approvals waiting for me"),
    REFERRAL: gettext_lazy("Referrals to triage"),
    NO_NEXT_STEP: gettext_lazy("Cases without a next step"),
    SHARE_EXPIRING: gettext_lazy("Sharing decisions about to end"),
    LIMITATION: gettext_lazy("Limitation warnings"),
    PARTNER_REPORT: gettext_lazy("Partner reports to review"),
}
OVERDUE = "overdue"
WINDOWS = {
    OVERDUE: gettext_lazy("Overdue"),
    "7": gettext_lazy("Due within 7 days (and overdue)"),
    "30": gettext_lazy("Due within 30 days (and overdue)"),
}
HORIZON = timedelta(days=92)  # dated items up to three months ahead (limitation warnings start there)
SHARE_WARNING = timedelta(days=30)
EVER = timedelta(days=366 * 50)  # "every term": the terms a case has at all (for "no next step")
CALENDAR_SECONDS = 300  # the navigation count's calendar of equated days, shared between requests


@dataclass(frozen=True)
class WorkFilters:
    case_type: str = ""
    kind: str = ""
    window: str = ""  # "", OVERDUE, "7" or "30"


my_open_cases = selectors.my_open_cases  # the dashboards' rule: open cases of the user or their team


def item_from_deadline(deadline: Deadline) -> WorkItem:
    return WorkItem(case=deadline.case, kind=DEADLINE, label=str(deadline.label), due_on=deadline.due_on,
                    overdue=deadline.overdue, legal_basis=deadline.legal_basis)


def limitation_items(*, cases: QuerySet[Case], today: date, replaces: tuple[str, ...] = ()) -> list[WorkItem]:
    """Forfeitures of these cases whose limitation date is within three months or passed (the core's
    penalties, Awb 5:35): for the `work_queue` of a type that uses the penalties component."""
    from casework.penalties.dates import limitation_warnings

    return [WorkItem(case=warning.forfeiture.case, kind=LIMITATION, label=_("Claim of a forfeited penalty expires"),
                     due_on=warning.limitation_date, overdue=warning.limitation_date < today,
                     legal_basis="Awb 5:35", replaces=replaces)
            for warning in limitation_warnings(cases, today)]


def _of_types(user, cases: QuerySet[Case], case_type: str, today: date) -> list[WorkItem]:
    """Each case type's terms and own items (registry `deadlines`, `work_queue`: both of the cases they are given,
    so a type of which the user has no open case is not asked; `selectors.types_of`)."""
    items: list[WorkItem] = []
    present = selectors.types_of(cases)  # a type with no open case of the user's has no terms or items: not asked
    for spec in registry.types():
        if case_type and spec.code != case_type or spec.code not in present:
            continue
        of_type = cases.filter(case_type=spec.code)
        extra = spec.provider("work_queue")(user=user, cases=of_type, today=today) if spec.work_queue else []
        replaced = {(item.case.pk, kind) for item in extra for kind in item.replaces}
        terms = spec.provider("deadlines")(cases=of_type, until=today + EVER, today=today)
        items += [item_from_deadline(term) for term in terms if (term.case.pk, term.kind) not in replaced]
        items += extra
    return items


def _approvals(user, case_type: str) -> list[WorkItem]:
    """Pending four-eyes approvals of the user's organisation that another user asked for."""
    if user.role not in roles_with("approve_decisions"):
        return []
    pending = Approval.objects.filter(
        case__in=access.visible_cases(user).filter(controller_id=user.organisation_id, closed_on__isnull=True),
        decision=Approval.Decision.PENDING,
    ).exclude(requested_by=user).select_related("case")
    if case_type:
        pending = pending.filter(case__case_type=case_type)
    return [WorkItem(case=row.case, kind=APPROVAL, label=_("Approval asked: %(subject)s") % {
        "subject": row.subject_label}) for row in pending.order_by("requested_at")]


def _shares_ending(user, cases: QuerySet[Case], case_type: str, today: date) -> list[WorkItem]:
    """Sharing decisions in force that end within 30 days: on the user's cases, or (a partner) the
    decisions that give the partner's organisation its access."""
    if user.role == KETENPARTNER:
        scope = Q(partner_id=user.organisation_id, case__in=access.visible_cases(user).filter(closed_on__isnull=True))
        label = _("Your organisation's access ends")
    else:
        scope = Q(case__in=cases)
        label = _("A sharing decision ends")
    shares = SharingDecision.objects.filter(scope, revoked_at__isnull=True, starts_on__lte=today,
                                            ends_on__gte=today, ends_on__lte=today + SHARE_WARNING)
    if case_type:
        shares = shares.filter(case__case_type=case_type)
    return [WorkItem(case=share.case, kind=SHARE_EXPIRING, label=str(label), due_on=share.ends_on)
            for share in shares.select_related("case").order_by("ends_on")]


# What an item without a next step reads of its case: its link and row (reference, type, status) and its `list`
# event (person, type). A caseworker's own open cases can number a thousand or more (the scale bench's regisseur:
# 1,536); the whole rows of all of them cost 27 ms, these columns 15 ms.
_LISTED_CASE_FIELDS = ("id", "reference", "case_type", "status", "person_id")


def _without_next_step(user, cases: QuerySet[Case], case_type: str, items: list[WorkItem]) -> list[WorkItem]:
    """The user's own open cases with no term and no item at all."""
    busy = {item.case.pk for item in items}
    own = cases.filter(owner=user, case_type=case_type) if case_type else cases.filter(owner=user)
    return [WorkItem(case=case, kind=NO_NEXT_STEP, label=_("No next step or term recorded"))
            for case in own.order_by("opened_on", "reference").only(*_LISTED_CASE_FIELDS) if case.pk not in busy]


def urgency(item: WorkItem) -> tuple[Any, ...]:
    """Overdue first (oldest first), then by due date, then undated; ties by reference."""
    rank = 0 if item.overdue else 1 if item.due_on is not None else 2
    return rank, item.due_on or date.max, item.case.reference, item.label


def _in_window(item: WorkItem, window: str, today: date) -> bool:
    if window == OVERDUE:
        return item.overdue
    if window in WINDOWS:
        return item.due_on is not None and (item.overdue or item.due_on <= today + timedelta(days=int(window)))
    return item.due_on is None or item.overdue or item.due_on <= today + HORIZON


def work_items(*, user, filters: WorkFilters | None = None, today: date | None = None) -> list[WorkItem]:
    """Everything waiting for `user`, filtered, sorted by urgency (the rule in this module's doc)."""
    filters = filters or WorkFilters()
    today = today or timezone.localdate()
    cases = my_open_cases(user)
    items = _of_types(user, cases, filters.case_type, today)
    items += _approvals(user, filters.case_type)
    items += _shares_ending(user, cases, filters.case_type, today)
    items += _without_next_step(user, cases, filters.case_type, items)
    chosen = [item for item in items if (not filters.kind or item.kind == filters.kind)
              and _in_window(item, filters.window, today)]
    return sorted(chosen, key=urgency)


def _calendar(today: date) -> Calendar:
    """The Atw calendar, kept for a few minutes between requests (one query less per page)."""
    key = f"worklist:calendar:{today.isoformat()}"
    calendar = cache.get(key)
    if calendar is None:
        calendar = selectors.calendar_around(today)
        cache.set(key, calendar, CALENDAR_SECONDS)
    return calendar


def overdue_count(user, today: date | None = None) -> int:
    """How many of the user's open cases have an overdue term, by each type's `overdue_condition`
    (one COUNT query): the number the navigation shows next to "Mijn werk"."""
    today = today or timezone.localdate()
    return my_open_cases(user).filter(selectors.overdue_for(user, today, _calendar(today))).count()
