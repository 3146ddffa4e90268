"""Reading the audit trail for the privacy officer's workspace: searches, subjects, chain status.

Every query here is a filter on indexed columns of the event table itself (actor, subject and
case are snapshots in the event). The event search pages by keyset (`events_page`, no count);
the other lists count their (small) results. No join with `default`: the audit alias holds plain ids.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db.models import Count, Max, Min, Q, QuerySet

from audit.actions import DISCLOSING_ACTIONS
from audit.models import AuditCheckpoint, AuditEvent, VerificationRun


@dataclass(frozen=True)
class EventFilters:
    subject_pseudonym: str = ""
    actor_id: str = ""
    case_id: str = ""
    action: str = ""
    outcome: str = ""
    processing_activity: str = ""
    start: datetime | None = None  # inclusive
    end: datetime | None = None  # exclusive

    def describe(self) -> str:
        """The filters as text for the audit event of a search or export (ids and codes only)."""
        parts = [f"{name}={value}" for name, value in (
            ("subject", self.subject_pseudonym), ("user", self.actor_id), ("case", self.case_id),
            ("action", self.action), ("outcome", self.outcome), ("activity", self.processing_activity),
            ("from", self.start.isoformat() if self.start else ""), ("until", self.end.isoformat() if self.end else ""),
        ) if value]
        return "; ".join(parts) or "all events"


def events_matching(filters: EventFilters) -> QuerySet[AuditEvent]:
    lookups: dict[str, Any] = {}
    for field in ("subject_pseudonym", "actor_id", "case_id", "action", "outcome", "processing_activity"):
        value = getattr(filters, field)
        if value:
            lookups[field] = value
    if filters.start:
        lookups["occurred_at__gte"] = filters.start
    if filters.end:
        lookups["occurred_at__lt"] = filters.end
    return AuditEvent.objects.filter(**lookups).order_by("-sequence")


def subjects_opened(*, actor_id: str, start: datetime, end: datetime) -> QuerySet:
    """Which data subjects did this user see in this period (a data-breach inquiry)?

    One row per pseudonym: first and last time, number of disclosing events.
    """
    return (
        AuditEvent.objects.filter(actor_id=actor_id, occurred_at__gte=start, occurred_at__lt=end,
                                  action__in=DISCLOSING_ACTIONS)
        .exclude(subject_pseudonym="")
        .values("subject_pseudonym")
        .annotate(first_seen=Min("occurred_at"), last_seen=Max("occurred_at"), events=Count("sequence"))
        .order_by("-last_seen", "subject_pseudonym")
    )


@dataclass(frozen=True)
class ChainStatus:
    head: AuditEvent | None
    last_run: VerificationRun | None
    last_failed_run: VerificationRun | None
    last_checkpoint: AuditCheckpoint | None
    last_cut: AuditCheckpoint | None


def chain_status() -> ChainStatus:
    return ChainStatus(
        head=AuditEvent.objects.only("sequence", "occurred_at").order_by("-sequence").first(),
        last_run=VerificationRun.objects.order_by("-finished_at", "-id").first(),
        last_failed_run=VerificationRun.objects.filter(intact=False).order_by("-finished_at", "-id").first(),
        last_checkpoint=AuditCheckpoint.objects.order_by("-sequence", "-id").first(),
        last_cut=AuditCheckpoint.objects.filter(kind=AuditCheckpoint.Kind.CUT).order_by("-sequence", "-id").first(),
    )


# --- keyset pages ---------------------------------------------------------------------------------
# The search shows events newest first, a page at a time, without counting the matches: at
# millions of events a count costs as much as reading them all (66 ms at 1.2M, linear). A page is
# addressed by the position of an event it borders — (time, sequence), the order of the indexes
# (x, occurred_at) of every filter — so each page is one index range scan of `size + 1` rows,
# whatever its depth. docs/performance.md shows the plans.


@dataclass(frozen=True)
class EventPage:
    object_list: list[AuditEvent]
    older: str | None  # cursor of the next page towards the oldest event, if any
    newer: str | None  # cursor of the page before, towards the newest event, if any


def cursor_of(event: AuditEvent) -> str:
    return f"{event.sequence}.{int(event.occurred_at.timestamp() * 1_000_000)}"


def parse_cursor(value: str | None) -> tuple[int, datetime] | None:
    """(sequence, time) of a cursor; None for none or a malformed one (then the newest page)."""
    sequence, _dot, micros = (value or "").partition(".")
    if not (sequence.isdigit() and micros.isdigit()):
        return None
    return int(sequence), datetime.fromtimestamp(int(micros) / 1_000_000, tz=UTC)


def events_page(filters: EventFilters, *, older_than: str | None = None, newer_than: str | None = None,
                size: int = 25) -> EventPage:
    """One page of `events_matching`, newest first: the newest, or the one beyond a cursor."""
    return page_of(events_matching(filters), older_than=older_than, newer_than=newer_than, size=size)


def events_about(*, subject_pseudonyms: Collection[str] = (), object_type: str = "", object_ids: Collection[str] = (),
                 case_ids: Collection[str] = ()) -> QuerySet[AuditEvent]:
    """The events about one data subject in any of its records: with one of its pseudonyms, with one of
    its records as the object, or of a case that links it (ids and codes only; the caller resolves a
    person to them). Nothing given, nothing found."""
    about = Q(pk__in=[])
    if subject_pseudonyms:
        about |= Q(subject_pseudonym__in=list(subject_pseudonyms))
    if object_type and object_ids:
        about |= Q(object_type=object_type, object_id__in=list(object_ids))
    if case_ids:
        about |= Q(case_id__in=list(case_ids))
    return AuditEvent.objects.filter(about).order_by("-sequence")


def page_of(events: QuerySet[AuditEvent], *, older_than: str | None = None, newer_than: str | None = None,
            size: int = 25) -> EventPage:
    """One keyset page of `events`, newest first: the newest, or the one beyond a cursor."""
    events = events.order_by()
    before, after = parse_cursor(older_than), parse_cursor(newer_than)
    if after is not None:
        sequence, at = after
        rows = list(events.filter(Q(occurred_at__gt=at) | Q(sequence__gt=sequence), occurred_at__gte=at)
                    .order_by("occurred_at", "sequence")[:size + 1])
        more_newer = len(rows) > size
        rows = rows[:size][::-1]
        return EventPage(rows, older=cursor_of(rows[-1]) if rows else None,
                         newer=cursor_of(rows[0]) if rows and more_newer else None)
    if before is not None:
        sequence, at = before
        events = events.filter(Q(occurred_at__lt=at) | Q(sequence__lt=sequence), occurred_at__lte=at)
    rows = list(events.order_by("-occurred_at", "-sequence")[:size + 1])
    more_older = len(rows) > size
    rows = rows[:size]
    return EventPage(rows, older=cursor_of(rows[-1]) if rows and more_older else None,
                     newer=cursor_of(rows[0]) if rows and before is not None else None)
