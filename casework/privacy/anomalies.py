"""Anomaly rules: small functions over audit events (the `audit` alias) for a period.

Each rule reads only the event table (actor, action, outcome, case id and subject pseudonym are
snapshots in the event), groups in SQL and returns `Finding`s: what a privacy officer reviews.
A finding is named by its rule code and a key that stays the same however often it is computed,
so a `Review` row can point at it; `sequence` is the first audit event of the finding.

The rules (codes are stored in reviews; never rename one):

- `break_glass`: every emergency access (`break_glass` event), one finding per event.
- `outside_assignment`: access to a case outside one's assignment, per user, case and day:
  (a) a read of a case whose recorded path is an emergency grant (`via:break_glass`: the reader is
  not owner, team member, granted user, supervising team lead or partner under a sharing
  decision), and (b) a refused attempt to reach a case (`access_denied` on `casework.Case`).
  Reads through the API record no path, so (a) covers the web pages; (b) covers both.
- `many_persons`: one user opening at least `many_persons.threshold` (default 50) different data
  subjects in one day (any disclosing action: view, list, search, export, print, break-the-glass).
- `bulk_export`: one user exporting or printing at least `bulk_export.threshold` (default 25)
  times in one day (a list export records one event per subject, so a big export counts as many).
- `night_access`: a user disclosing personal data (an event with a subject) between
  `night.start_hour` and `night.end_hour` (default 22:00-06:00, Europe/Amsterdam), per user and day.

Days and hours are local time (Europe/Amsterdam). Thresholds are data (`AnomalySetting`), with
the defaults below while no row exists.

Every rule but `break_glass` reads an ended day from its counts (casework/privacy/counted_days.py,
ADR 0053): per actor and day (per case for `outside_assignment`, per local hour for `night_access`) how
many events the rule counts, with the first of them. The counts hold no threshold and no night hours, so
a changed setting applies to counted days as well. What is not counted yet (today) is read from the events.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import CharField, Count, F, Max, Min, Q, QuerySet, Sum, Value
from django.db.models.functions import ExtractHour, TruncDate
from django.utils.translation import gettext_lazy as _

from audit.actions import DISCLOSING_ACTIONS, Action, Outcome
from audit.models import AUDIT_ALIAS, AuditEvent, EventCount
from casework.privacy import counted_days
from casework.privacy.models import AnomalySetting

LOCAL = counted_days.LOCAL
CASE_TYPE = "casework.Case"
EMERGENCY_PATH = "via:break_glass"

BREAK_GLASS = "break_glass"
OUTSIDE_ASSIGNMENT = "outside_assignment"
MANY_PERSONS = "many_persons"
BULK_EXPORT = "bulk_export"
NIGHT_ACCESS = "night_access"

RULE_LABELS = {
    BREAK_GLASS: _("Emergency access (break-the-glass)"),
    OUTSIDE_ASSIGNMENT: _("Access to a case outside one's assignment"),
    MANY_PERSONS: _("Unusually many persons opened in a day"),
    BULK_EXPORT: _("Bulk export"),
    NIGHT_ACCESS: _("Access at night"),
}

MANY_PERSONS_THRESHOLD = "many_persons.threshold"
BULK_EXPORT_THRESHOLD = "bulk_export.threshold"
NIGHT_START = "night.start_hour"
NIGHT_END = "night.end_hour"
# The rules that count a user's day against a threshold: the setting that holds it (live and counted days alike)
THRESHOLDS = {MANY_PERSONS: MANY_PERSONS_THRESHOLD, BULK_EXPORT: BULK_EXPORT_THRESHOLD}
DEFAULTS = {MANY_PERSONS_THRESHOLD: 50, BULK_EXPORT_THRESHOLD: 25, NIGHT_START: 22, NIGHT_END: 6}
SETTING_LABELS = {
    MANY_PERSONS_THRESHOLD: _("Persons opened per user per day"),
    BULK_EXPORT_THRESHOLD: _("Exports and prints per user per day"),
    NIGHT_START: _("Night starts at (hour, 0-23)"),
    NIGHT_END: _("Night ends at (hour, 0-23)"),
}
HOUR_SETTINGS = frozenset({NIGHT_START, NIGHT_END})


@dataclass
class Finding:
    """One thing to review. `key` is stable: rule + key identify the finding for its Review."""

    rule: str
    key: str
    sequence: int
    occurred_at: datetime
    actor_id: str
    actor_name: str = ""
    actor_organisation: str = ""
    count: int = 1
    case_id: str = ""
    day: date | None = None
    grant_id: str = ""
    subject_pseudonym: str = ""
    review: Any = field(default=None, compare=False)
    grant: Any = field(default=None, compare=False)  # the BreakGlassGrant, on the detail page only
    case_reference: str = field(default="", compare=False)  # set for the screens (views_register.py)

    @property
    def rule_label(self) -> str:
        return str(RULE_LABELS[self.rule])


def settings_in_force() -> dict[str, int]:
    """Every threshold: the stored value, or the default (one query)."""
    stored = dict(AnomalySetting.objects.filter(key__in=DEFAULTS).values_list("key", "value"))
    return {key: stored.get(key, default) for key, default in DEFAULTS.items()}


def _events(start: datetime, end: datetime, actor_id: str = "") -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.using(AUDIT_ALIAS).filter(occurred_at__gte=start, occurred_at__lt=end)
    if actor_id:
        events = events.filter(actor_id=actor_id)
    return events.order_by()  # no default ordering: it would end up in the GROUP BY


def _per_actor_day(events: QuerySet[AuditEvent], *extra: str, count: Any = None) -> QuerySet:
    return (
        events.exclude(actor_id="")
        .annotate(day=TruncDate("occurred_at", tzinfo=LOCAL))
        .values("actor_id", "day", *extra)
        .annotate(
            first=Min("sequence"), first_at=Min("occurred_at"), name=Max("actor_name"),
            organisation=Max("actor_organisation"), n=count if count is not None else Count("sequence"),
        )
    )


def day_key(row: dict[str, Any]) -> str:
    return f"{row['actor_id']}:{row['day'].isoformat()}"


def _aggregated(rule: str, rows, key: Callable[[dict[str, Any]], str] = day_key) -> list[Finding]:
    return [
        Finding(rule=rule, key=key(row), sequence=row["first"], occurred_at=row["first_at"], actor_id=row["actor_id"],
                actor_name=row["name"], actor_organisation=row["organisation"], count=row["n"],
                case_id=row.get("case_id", ""), day=row["day"])
        for row in rows
    ]


def break_glass(*, start: datetime, end: datetime, settings: dict[str, int], actor_id: str = "") -> list[Finding]:
    rows = _events(start, end, actor_id).filter(action=Action.BREAK_GLASS).values(
        "sequence", "occurred_at", "actor_id", "actor_name", "actor_organisation", "case_id", "subject_pseudonym",
        "reason",
    )
    return [
        Finding(rule=BREAK_GLASS, key=f"event:{row['sequence']}", sequence=row["sequence"],
                occurred_at=row["occurred_at"], actor_id=row["actor_id"], actor_name=row["actor_name"],
                actor_organisation=row["actor_organisation"], case_id=row["case_id"],
                day=row["occurred_at"].astimezone(LOCAL).date(), subject_pseudonym=row["subject_pseudonym"],
                grant_id=row["reason"].removeprefix("grant:") if row["reason"].startswith("grant:") else "")
        for row in rows
    ]


def outside_assignment_events(events: QuerySet[AuditEvent]) -> QuerySet[AuditEvent]:
    """Reads of a case under an emergency grant, and refused attempts to reach a case."""
    emergency_read = Q(action__in=DISCLOSING_ACTIONS, reason=EMERGENCY_PATH)
    refused = Q(action=Action.ACCESS_DENIED, outcome=Outcome.DENIED)
    return events.filter(emergency_read | refused, object_type=CASE_TYPE).exclude(case_id="")


def _disclosing(events: QuerySet[AuditEvent]) -> QuerySet[AuditEvent]:
    """Events that disclosed a data subject's personal data."""
    return events.filter(action__in=DISCLOSING_ACTIONS).exclude(subject_pseudonym="")


def outside_key(row: dict[str, Any]) -> str:
    return f"{row['actor_id']}:{row['case_id']}:{row['day']}"


def outside_assignment(*, start: datetime, end: datetime, settings: dict[str, int],
                       actor_id: str = "") -> list[Finding]:
    return _aggregated(OUTSIDE_ASSIGNMENT, _groups(OUTSIDE_ASSIGNMENT, _events(start, end, actor_id)), key=outside_key)


def many_persons(*, start: datetime, end: datetime, settings: dict[str, int], actor_id: str = "") -> list[Finding]:
    rows = _groups(MANY_PERSONS, _events(start, end, actor_id)).filter(n__gte=settings[THRESHOLDS[MANY_PERSONS]])
    return _aggregated(MANY_PERSONS, rows)


def bulk_export(*, start: datetime, end: datetime, settings: dict[str, int], actor_id: str = "") -> list[Finding]:
    rows = _groups(BULK_EXPORT, _events(start, end, actor_id)).filter(n__gte=settings[THRESHOLDS[BULK_EXPORT]])
    return _aggregated(BULK_EXPORT, rows)


def night_hours(settings: dict[str, int]) -> Q:
    """Local hours from the start hour (inclusive) to the end hour (exclusive), across midnight."""
    night_start, night_end = settings[NIGHT_START], settings[NIGHT_END]
    if night_start == night_end:
        return Q(pk__in=[])
    if night_start > night_end:
        return Q(hour__gte=night_start) | Q(hour__lt=night_end)
    return Q(hour__gte=night_start, hour__lt=night_end)


def _with_hour(events: QuerySet[AuditEvent]) -> QuerySet[AuditEvent]:
    return events.annotate(hour=ExtractHour("occurred_at", tzinfo=LOCAL))


def night_access(*, start: datetime, end: datetime, settings: dict[str, int], actor_id: str = "") -> list[Finding]:
    events = _counted_events(NIGHT_ACCESS, _events(start, end, actor_id)).filter(night_hours(settings))
    return _aggregated(NIGHT_ACCESS, _per_actor_day(events))


def _counted_events(rule: str, events: QuerySet[AuditEvent]) -> QuerySet[AuditEvent]:
    """The events a rule counts (night access: with their local hour), before any threshold or night hours:
    what its live query, its counted days and a finding's page read alike."""
    if rule == OUTSIDE_ASSIGNMENT:
        return outside_assignment_events(events)
    if rule == BULK_EXPORT:
        return events.filter(action__in=(Action.EXPORT, Action.PRINT))
    if rule == NIGHT_ACCESS:
        return _with_hour(_disclosing(events))
    if rule == MANY_PERSONS:
        return _disclosing(events)
    raise ValueError(rule)


def _groups(rule: str, events: QuerySet[AuditEvent]) -> QuerySet:
    """What a rule counts per actor and day (and case or hour), before any threshold or night hours."""
    counted = _counted_events(rule, events)
    if rule == MANY_PERSONS:
        return _per_actor_day(counted, count=Count("subject_pseudonym", distinct=True))
    return _per_actor_day(counted, *{OUTSIDE_ASSIGNMENT: ("case_id",), NIGHT_ACCESS: ("hour",)}.get(rule, ()))


RULES: dict[str, Callable[..., list[Finding]]] = {
    BREAK_GLASS: break_glass,
    OUTSIDE_ASSIGNMENT: outside_assignment,
    MANY_PERSONS: many_persons,
    BULK_EXPORT: bulk_export,
    NIGHT_ACCESS: night_access,
}


COUNTED_RULES = (OUTSIDE_ASSIGNMENT, MANY_PERSONS, BULK_EXPORT, NIGHT_ACCESS)


def findings(*, start: datetime, end: datetime, rules: tuple[str, ...] = tuple(RULES),
             settings: dict[str, int] | None = None, actor_id: str = "") -> list[Finding]:
    """Every finding of the given rules in [start, end), newest first: the ended days from their counts
    (counted first where not yet), the rest of the period from the events (one query per rule and part)."""
    settings = settings if settings is not None else settings_in_force()
    parts = counted_days.parts(start, end, count=count_day) if set(rules) & set(COUNTED_RULES) else []
    found: list[Finding] = []
    for rule in rules:
        if rule not in COUNTED_RULES:
            found.extend(RULES[rule](start=start, end=end, settings=settings, actor_id=actor_id))
            continue
        for part in parts:
            if part.days is not None:
                found.extend(_from_counts(rule, *part.days, settings=settings, actor_id=actor_id))
            else:
                found.extend(RULES[rule](start=part.start, end=part.end, settings=settings, actor_id=actor_id))
    found.sort(key=lambda item: (item.occurred_at, item.sequence), reverse=True)
    return found


def count_day(day: date) -> bool:
    """Count an ended day for every counted rule and store the counts (False: another process did)."""
    start, end = local_day_bounds(day)
    counts = [
        EventCount(day=day, kind=rule, actor_id=row["actor_id"], actor_name=row["name"],
                   actor_organisation=row["organisation"], case_id=row.get("case_id", ""), hour=row.get("hour"),
                   count=row["n"], first_sequence=row["first"], first_at=row["first_at"])
        for rule in COUNTED_RULES for row in _groups(rule, _events(start, end))
    ]
    return counted_days.store(day, counts)


def _from_counts(rule: str, first_day: date, last_day: date, *, settings: dict[str, int],
                 actor_id: str) -> list[Finding]:
    """A rule's findings over counted days, from their counts: thresholds and night hours applied here."""
    counts = day_counts(rule, first_day, last_day)
    if actor_id:
        counts = counts.filter(actor_id=actor_id)
    return [counted_finding(rule, row) for row in counted_findings(rule, counts, settings=settings)]


def day_counts(rule: str, first_day: date, last_day: date) -> QuerySet[EventCount]:
    """A rule's counts of the counted days from `first_day` to `last_day` (the audit database)."""
    return EventCount.objects.using(AUDIT_ALIAS).filter(kind=rule, day__gte=first_day, day__lte=last_day)


def counted_findings(rule: str, counts: QuerySet[EventCount], *, settings: dict[str, int]) -> QuerySet:
    """The rows of a rule's findings from its day `counts`, thresholds and night hours applied (a night summed over
    its hours), with the same columns whatever the rule — actor_id, day, finding_case, n, first, first_at, name,
    organisation — so the review list can unite them (casework/privacy/finding_list.py)."""
    if rule == NIGHT_ACCESS:
        return counts.filter(night_hours(settings)).values("actor_id", "day").annotate(
            finding_case=Value("", output_field=CharField()), n=Sum("count"), first=Min("first_sequence"),
            first_at=Min("first_at"), name=Max("actor_name"), organisation=Max("actor_organisation")).order_by()
    if rule in THRESHOLDS:
        counts = counts.filter(count__gte=settings[THRESHOLDS[rule]])
    return counts.values("actor_id", "day").annotate(
        finding_case=F("case_id"), n=F("count"), first=F("first_sequence"), first_at=F("first_at"),
        name=F("actor_name"), organisation=F("actor_organisation")).order_by()


def counted_finding(rule: str, row: dict[str, Any]) -> Finding:
    """The finding of a row of `counted_findings`."""
    key = outside_key if rule == OUTSIDE_ASSIGNMENT else day_key
    return _aggregated(rule, [{**row, "case_id": row["finding_case"]}], key=key)[0]


local_day_bounds = counted_days.bounds  # the local day as [start, end) in time


def finding_lookup(*, rule: str, key: str) -> Finding | None:
    """Recompute one finding from its rule and key (the review detail page); None if it is gone."""
    if rule not in RULES:
        return None
    if rule == BREAK_GLASS:
        sequence = key.removeprefix("event:")
        if not sequence.isdigit():
            return None
        moment = AuditEvent.objects.using(AUDIT_ALIAS).filter(sequence=int(sequence)).values_list(
            "occurred_at", flat=True).first()
        if moment is None:
            return None
        start, end = moment, moment + timedelta(microseconds=1)
        actor_id = ""
    else:
        parts = key.split(":")
        try:
            day = date.fromisoformat(parts[-1])
        except ValueError:
            return None
        actor_id = parts[0]
        start, end = local_day_bounds(day)
    return next((item for item in findings(start=start, end=end, rules=(rule,), actor_id=actor_id)
                 if item.key == key), None)


def finding_events(finding: Finding) -> QuerySet[AuditEvent]:
    """The audit events behind a finding, newest first."""
    if finding.rule == BREAK_GLASS or finding.day is None:
        return AuditEvent.objects.using(AUDIT_ALIAS).filter(sequence=finding.sequence)
    start, end = local_day_bounds(finding.day)
    events = _counted_events(finding.rule, _events(start, end, finding.actor_id))
    if finding.rule == OUTSIDE_ASSIGNMENT:
        events = events.filter(case_id=finding.case_id)
    elif finding.rule == NIGHT_ACCESS:
        events = events.filter(night_hours(settings_in_force()))
    return events.order_by("-sequence")
