"""The notifications nobody's act triggers, found daily: agreements due or overdue, sharing decisions ending.

- An agreement (or any term of the kinds a case type names in `notify_deadline_kinds`, PGA: its
  agreements and plan interventions) due within `AGREEMENT_WARNING_DAYS` days notifies the case
  owner once ("due soon"), and once more when it is overdue. The terms come from each type's
  `deadlines` provider, as Mijn werk and the reminders have them.
- A sharing decision in force that ends within `SHARE_WARNING_DAYS` days notifies the case owner
  and the partner organisation's users, once per end date.

Idempotent: each notification carries an event key (the row's id and the date), so a second run, or
a run the next day, announces nothing twice. Run by `manage.py notify_due` (daily).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from accounts.models import User
from accounts.roles import KETENPARTNER
from casework import registry
from casework.contributions import Deadline
from casework.models import Case, SharingDecision
from casework.notifications.kinds import AGREEMENT_WARNING_DAYS, SHARE_WARNING_DAYS, Kind
from casework.notifications.services import Announcement, notify_many


@dataclass(frozen=True)
class DueRun:
    agreements: int
    shares: int


def agreements_notify(*, today: date) -> int:
    """Notify the owners of open cases of their agreements due soon or overdue; returns notifications made."""
    until = today + timedelta(days=AGREEMENT_WARNING_DAYS)
    terms: list[Deadline] = []
    for spec in registry.types():
        if not spec.notify_deadline_kinds:
            continue
        cases = Case.objects.filter(case_type=spec.code, closed_on__isnull=True)
        terms += [term for term in spec.provider("deadlines")(cases=cases, until=until, today=today)
                  if term.kind in spec.notify_deadline_kinds and term.due_on <= until]
    # the owners in one query: a type's provider reads its terms' cases, not their owners
    owners = User.objects.in_bulk({term.case.owner_id for term in terms})
    by_kind: dict[str, list[Announcement]] = {Kind.AGREEMENT_DUE: [], Kind.AGREEMENT_OVERDUE: []}
    for term in terms:
        row = getattr(term.obj, "pk", "")
        by_kind[Kind.AGREEMENT_OVERDUE if term.overdue else Kind.AGREEMENT_DUE].append(Announcement(
            term.case, [owners[term.case.owner_id]], f"{term.kind}:{row}:{term.due_on.isoformat()}"))
    return sum(notify_many(kind, announcements) for kind, announcements in by_kind.items())


def shares_notify(*, today: date) -> int:
    """Notify the case owner and the partner's users of sharing decisions ending soon; returns notifications made."""
    shares = list(SharingDecision.objects.filter(
        revoked_at__isnull=True, starts_on__lte=today, ends_on__gte=today,
        ends_on__lte=today + timedelta(days=SHARE_WARNING_DAYS), case__closed_on__isnull=True,
    ).select_related("case__owner"))
    partners: dict[Any, list[User]] = defaultdict(list)
    for user in User.objects.filter(organisation_id__in={share.partner_id for share in shares}, is_active=True,
                                    groups__name=KETENPARTNER):
        partners[user.organisation_id].append(user)
    return notify_many(Kind.SHARE_EXPIRING, [
        Announcement(share.case, [share.case.owner, *partners[share.partner_id]],
                     f"share:{share.pk}:{share.ends_on.isoformat()}") for share in shares])


def due_notify(*, today: date | None = None) -> DueRun:
    today = today or timezone.localdate()
    return DueRun(agreements=agreements_notify(today=today), shares=shares_notify(today=today))
