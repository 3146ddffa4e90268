"""What a user sees of meetings: which sittings, and per agenda item the case or only its number.

- A sitting is visible to colleagues of the organising organisation, to its chair and invited
  colleagues, and to users of an organisation invited for one of its items.
- An item shows its case (reference, type, status, goal) only to a user with access to the case
  (`access.case_access_many`: owner, team, grant, supervision, break-the-glass or a sharing
  decision); everyone else who sees the sitting sees "Agendapunt 3" and nothing more. A partner not
  invited for an item and without access does not see it at all.
- Goal and minutes only within the categories that access gives (`AgendaItem.minutes_category`).

Every view is recorded before it is shown: one event for the sitting, and one per item whose case
is shown (one data subject per event, one batched insert), naming whether the minutes were shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit import record, record_batch
from audit.actions import Action, Outcome
from audit.activities import CHAIN_SHARING
from audit.services import Target
from casework import access, presence, registry, selectors
from casework.access import CaseAccess
from casework.categories import METADATA
from casework.meetings.models import AgendaItem, Meeting, MeetingOccurrence
from casework.meetings.services import OCCURRENCE, ORGANISER_ROLES, PLAN_WEEKS, may_organise
from casework.models import Case, processing_activity_of
from encryption.preload import preload_keys


def _invited_items(user: User) -> QuerySet[AgendaItem]:
    return AgendaItem.objects.filter(occurrence=OuterRef("pk"), invited=user.organisation_id)


def visible_occurrences(user: Any) -> QuerySet[MeetingOccurrence]:
    """The sittings `user` may open (SQL-filtered; no case content decides it)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active or user.organisation_id is None:
        return MeetingOccurrence.objects.none()
    own = Q(meeting__organisation_id=user.organisation_id) if user.role in ORGANISER_ROLES else Q(pk__in=[])
    invited_colleague = Meeting.staff.through.objects.filter(meeting_id=OuterRef("meeting_id"), user_id=user.pk)
    # EXISTS, not joins: one row per sitting, so counts and pages stay right without DISTINCT.
    return MeetingOccurrence.objects.filter(
        own | Q(meeting__chair=user) | Q(Exists(invited_colleague)) | Q(Exists(_invited_items(user))),
    )


def upcoming(user: Any, *, since: datetime | None = None, kind: str = "") -> QuerySet[MeetingOccurrence]:
    found = visible_occurrences(user).filter(starts__gte=since or timezone.now() - timedelta(hours=12))
    if kind:
        found = found.filter(meeting__kind=kind)
    return found.select_related("meeting", "meeting__chair").order_by("starts")


WEEK_AHEAD = timedelta(days=7)
SITTINGS_ON_MY_WORK = 10


def my_week(user: Any, *, now: datetime | None = None) -> list[MeetingOccurrence]:
    """The sittings of the coming seven days `user` may open, soonest first (at most ten; "Mijn
    werk" links to the meetings list for the rest): one query, with each sitting's number of agenda
    items. Titles, times and places only — no agenda item, case or name."""
    now = now or timezone.now()
    found = upcoming(user, since=now - timedelta(hours=2)).filter(starts__lt=now + WEEK_AHEAD)
    return list(found.annotate(item_count=Count("items"))[:SITTINGS_ON_MY_WORK])


def occurrence_for(user: Any, occurrence_id: Any) -> MeetingOccurrence:
    """The sitting, or a recorded refusal (403) when `user` may not open it (404 when it does not exist)."""
    from django.http import Http404

    occurrence = MeetingOccurrence.objects.select_related("meeting", "meeting__chair", "meeting__organisation") \
        .filter(pk=occurrence_id).first()
    if occurrence is None:
        raise Http404
    if not visible_occurrences(user).filter(pk=occurrence.pk).exists():
        record(action=Action.ACCESS_DENIED, outcome=Outcome.DENIED, processing_activity=CHAIN_SHARING,
               object_type=OCCURRENCE, object_id=occurrence.pk, reason="action:view", actor=user)
        raise PermissionDenied(_("You are not invited to this meeting."))
    return occurrence


@dataclass
class ItemView:
    """One agenda line as `user` may see it: `case` is None for an opaque item."""

    item: AgendaItem
    case: Case | None = None
    case_access: CaseAccess = field(default_factory=CaseAccess)
    type_label: str = ""
    status_label: str = ""
    sees_minutes: bool = False
    invited_names: list[str] = field(default_factory=list)
    attending_names: list[str] = field(default_factory=list)
    may_record: bool = False

    @property
    def number(self) -> int:
        return self.item.number

    @property
    def opaque(self) -> bool:
        return self.case is None

    @property
    def goal(self) -> str | None:
        return self.item.goal if self.sees_minutes else None

    @property
    def minutes(self) -> str | None:
        return self.item.minutes if self.sees_minutes else None


@dataclass
class Agenda:
    occurrence: MeetingOccurrence
    items: list[ItemView]
    may_organise: bool


def _item_view(item: AgendaItem, found: CaseAccess) -> ItemView:
    case = item.case
    return ItemView(
        item=item, case=case, case_access=found, type_label=registry.label(case.case_type),
        status_label=selectors.status_label(case.case_type, case.status),
        sees_minutes=found.sees(item.minutes_category),
        invited_names=[org.name for org in item.invited.all()],
        attending_names=[*(org.name for org in item.attending.all()),
                         *(person.display_name for person in item.attending_users.all())],
        may_record=found.allows(access.CHANGE) and not case.is_closed,
    )


def agenda(*, user: User, occurrence: MeetingOccurrence, purpose: str = "view") -> Agenda:
    """The agenda of a sitting `user` may open (`occurrence_for`), recorded before it is returned.

    `purpose` "print" records a print event instead of a view.
    """
    items = list(occurrence.items.select_related("case", "case__person").prefetch_related(
        "invited", "attending", "attending_users").order_by("number"))
    accesses = access.case_access_many(user, [item.case for item in items])
    organiser = may_organise(user, occurrence.meeting)
    views: list[ItemView] = []
    for item in items:
        found = accesses[item.case_id]
        if found and found.sees(METADATA):
            views.append(_item_view(item, found))
        elif organiser or any(org.pk == user.organisation_id for org in item.invited.all()):
            views.append(ItemView(item=item))  # "Agendapunt 3": no reference, type or content
    shown = [view for view in views if not view.opaque]
    preload_keys([view.item for view in shown if view.sees_minutes])
    action = Action.PRINT if purpose == "print" else Action.VIEW
    record(action=action, processing_activity=CHAIN_SHARING, object_type=OCCURRENCE, object_id=occurrence.pk,
           reason=f"items shown:{len(shown)} opaque:{len(views) - len(shown)}", actor=user)
    for activity in sorted({processing_activity_of(view.item.case) for view in shown}):
        targets = [Target(object_type="meetings.AgendaItem", object_id=view.item.pk, case_id=view.item.case_id,
                          subject_id=view.item.case.person_id)
                   for view in shown if processing_activity_of(view.item.case) == activity]
        record_batch(action=action, processing_activity=activity, targets=targets,
                     reason=f"agenda of {occurrence.pk}; minutes shown where the category is shared", actor=user)
    return Agenda(occurrence=occurrence, items=views, may_organise=organiser)


def item_for(*, occurrence: MeetingOccurrence, number: int) -> AgendaItem:
    """An agenda item of a sitting the caller may open, for its minutes form (the service checks the case)."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(AgendaItem.objects.select_related("case", "occurrence", "occurrence__meeting"),
                             occurrence=occurrence, number=number)


def open_for_case(*, user: User, case: Case, now: datetime | None = None) -> QuerySet[MeetingOccurrence]:
    """The planned sittings of the user's organisation a case can be put on (deadline checked by the service)."""
    now = now or timezone.now()
    if user.organisation_id is None:
        return MeetingOccurrence.objects.none()
    return MeetingOccurrence.objects.filter(
        meeting__organisation_id=user.organisation_id, status=MeetingOccurrence.Status.PLANNED, starts__gt=now,
        starts__lte=now + timedelta(weeks=PLAN_WEEKS + 1),
    ).exclude(items__case=case).select_related("meeting").order_by("starts")


def case_items(*, case: Case, case_access: CaseAccess) -> list[AgendaItem]:
    """The agenda items of one case (its timeline), with their sittings; the caller checks the access."""
    if not case_access.sees(METADATA) or not presence.has_rows(case, AgendaItem):
        return []
    items = list(AgendaItem.objects.filter(case=case).select_related("occurrence", "occurrence__meeting", "added_by")
                 .prefetch_related("attending").order_by("occurrence__starts"))
    preload_keys([item for item in items if case_access.sees(item.minutes_category)])
    return items
