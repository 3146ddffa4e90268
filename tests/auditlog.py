"""Reading the audit trail in tests: `events(**filters)` (a queryset on the audit alias) and
`event_list(**filters)` (the same, as a list in chain order). Import them by name."""

from __future__ import annotations

from django.db.models import QuerySet

from audit.models import AuditEvent


def events(**filters) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.using("audit").filter(**filters)


def event_list(**filters) -> list[AuditEvent]:
    return list(events(**filters).order_by("sequence"))
