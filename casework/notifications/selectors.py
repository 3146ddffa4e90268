"""Reading notifications: a user's list, each entry's case decided by the viewer's access now.

A notification stores the case id only. When it is listed, the page's cases are loaded in one query
and their access decided in at most three more (`access.case_access_many`): an entry whose case the
viewer still reaches shows its reference and type; one whose case they no longer reach (a share that
ended, a case handed over to someone else, a restricted person) or that no longer exists (destroyed)
shows no reference at all. The page records one `list` event per case shown (casework/disclosures.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import QuerySet

from accounts.models import User
from casework import access, registry
from casework.models import Case
from casework.notifications.kinds import Kind
from casework.notifications.models import Notification


@dataclass(frozen=True)
class Entry:
    notification: Notification
    label: str  # the kind, in words
    case: Case | None = None  # set only when the viewer reaches the case now
    case_type_label: str = ""
    lost: bool = False  # about a case the viewer no longer reaches (or that was destroyed)

    @property
    def unread(self) -> bool:
        return self.notification.read_at is None


def notifications_of(user: User) -> QuerySet[Notification]:
    """The user's notifications, newest first."""
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def unread_count(user: User) -> int:
    """How many of the user's notifications are unread (one COUNT on the partial index)."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def entries(*, user: User, notifications: Sequence[Notification]) -> list[Entry]:
    """The entries of one page, each case checked against the viewer's current access."""
    ids = {notification.case_id for notification in notifications if notification.case_id}
    cases = {case.pk: case for case in Case.objects.filter(pk__in=ids)} if ids else {}
    reach = access.case_access_many(user, list(cases.values())) if cases else {}
    found = []
    for notification in notifications:
        label = str(Kind(notification.kind).label)
        case = cases.get(notification.case_id) if notification.case_id else None
        if case is not None and reach.get(case.pk):
            found.append(Entry(notification, label, case, registry.label(case.case_type)))
        else:
            found.append(Entry(notification, label, lost=notification.case_id is not None))
    return found


def shown_cases(found: Sequence[Entry]) -> list[Case]:
    """The distinct cases a page shows (one audit event each)."""
    cases: dict = {}
    for entry in found:
        if entry.case is not None:
            cases.setdefault(entry.case.pk, entry.case)
    return list(cases.values())
