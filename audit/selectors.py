"""Reading the audit trail for the privacy officer's workspace: searches, subjects, chain status.

Every query here is a filter on indexed columns of the event table itself (actor, subject and
case are snapshots in the event), so a page of results costs a count and a select whatever its
size. No join with `default`: the audit alias holds plain ids.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, Max, Min, QuerySet

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
