"""The monthly partitions of the audit event table on PostgreSQL (migration 0004).

- `ensure(first, last)` creates the months of a range that do not exist yet, through the
  database function `audit_ensure_partitions` (SECURITY DEFINER: the application role owns no
  table and needs no CREATE privilege). `manage.py audit_partitions` runs it daily for the
  coming twelve months; an insert into a month without a partition fails, and then the audit
  write fails closed.
- `listing()` and `first_gap()` read which months exist: verification reports a missing month.
- `droppable(...)` lists the oldest months wholly past a cut; `drop(...)` (retention only)
  detaches and drops one through
  `audit_drop_partition`, which refuses unless every event of the month lies at or below the
  latest cut checkpoint and the month ended before that cut was signed.
On SQLite there are no partitions: every function is a no-op there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.db import connections

from audit.models import AUDIT_ALIAS

PARENT = "audit_auditevent"
MONTHS_AHEAD = 12
_BOUNDS = re.compile(r"FROM \('([^']+)'\) TO \('([^']+)'\)")


@dataclass(frozen=True)
class Partition:
    name: str
    start: datetime  # inclusive, UTC
    end: datetime  # exclusive


def partitioned(using: str = AUDIT_ALIAS) -> bool:
    connection = connections[using]
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_partitioned_table WHERE partrelid = to_regclass(%s)", [PARENT])
        return cursor.fetchone() is not None


def listing(using: str = AUDIT_ALIAS) -> list[Partition]:
    """Every partition of the event table, oldest first (empty on SQLite)."""
    if not partitioned(using):
        return []
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits i "
            "JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = to_regclass(%s)", [PARENT])
        rows = cursor.fetchall()
    found = []
    for name, bounds in rows:
        match = _BOUNDS.search(bounds or "")
        if match:
            found.append(Partition(name, *(datetime.fromisoformat(value).astimezone(UTC)
                                           for value in match.groups())))
    return sorted(found, key=lambda partition: partition.start)


def first_gap(using: str = AUDIT_ALIAS) -> tuple[datetime, int | None] | None:
    """(start of the first missing month, last sequence before it) between the oldest and newest partition."""
    parts = listing(using)
    for before, after in zip(parts, parts[1:], strict=False):
        if after.start != before.end:
            return before.end, _highest(before.name, using)
    return None


def _highest(name: str, using: str) -> int | None:
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT max("sequence") FROM {connection.ops.quote_name(name)}')  # noqa: S608
        return cursor.fetchone()[0]


def ensure(first: date, last: date, *, using: str = AUDIT_ALIAS) -> int:
    """Create the missing months from `first` to `last` (inclusive); returns how many were created."""
    if not partitioned(using):
        return 0
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT audit_ensure_partitions(%s, %s)", [first, last])
        return cursor.fetchone()[0]


def ensure_ahead(*, today: date, months: int = MONTHS_AHEAD, using: str = AUDIT_ALIAS) -> int:
    """Partitions from this month up to `months` months ahead."""
    year, month = divmod(today.month - 1 + months, 12)
    return ensure(today.replace(day=1), date(today.year + year, month + 1, 1), using=using)


def droppable(*, cut_sequence: int, cut_signed_at: datetime, using: str = AUDIT_ALIAS) -> list[tuple[Partition, int]]:
    """The oldest months wholly past the cut, oldest first, with their number of events.

    A month qualifies when it ended before the cut was signed and none of its events lies above
    the cut; the first month that does not qualify ends the list (only the oldest end is cut).
    The month holding the newest partition is never listed: appends go there.
    """
    found = []
    parts = listing(using)
    for part in parts[:-1]:
        if part.end > cut_signed_at:
            break
        highest, events = _extent(part.name, using)
        if highest is not None and highest > cut_sequence:
            break
        found.append((part, events))
    return found


def _extent(name: str, using: str) -> tuple[int | None, int]:
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT max("sequence"), count(*) FROM {connection.ops.quote_name(name)}')  # noqa: S608
        highest, events = cursor.fetchone()
    return highest, events


def drop(part: Partition, *, using: str) -> None:
    """Detach and drop one month, or raise the database's refusal: as the retention role, which the caller's
    transaction has taken (audit_purge `_as_role`)."""
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT audit_drop_partition(%s)", [part.name])
