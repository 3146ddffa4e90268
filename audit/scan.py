"""Reading the audit chain for verification at millions of events, across monthly partitions.

Kept apart from audit/verification.py (which decides what a row means) so that module stays about
the rules:
- `rows(using, start)` streams the events from `start` in sequence order over one plain cursor
  (server-side on PostgreSQL, across every partition), as dicts of COLUMNS — not model instances:
  verification is then bounded by recomputing hashes, not by the ORM;
- `bounds(using)` gives the lowest and highest sequence in one query;
- `missing_partition(result, using)` fails the result when a month is missing between the oldest
  and the newest partition on PostgreSQL (audit/partitions.py). Retention drops only whole months
  from the oldest end, up to a signed cut, so a hole in the middle is always a removal.
On PostgreSQL the event table is partitioned by month, and a unique key must then include the
month: the database no longer refuses a second row with the same sequence. The verifier does
(`duplicate`), as it reports a gap anywhere but at a signed cut.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from django.db import connections
from django.db.models import Max, Min

from audit import partitions
from audit.chain import COLUMNS
from audit.models import AuditEvent

if TYPE_CHECKING:
    from audit.verification import VerifyResult

CHUNK = 5000


def rows(using: str, start: int, names: tuple[str, ...] = COLUMNS) -> Iterator[dict[str, Any]]:
    """Events from sequence `start` on, in sequence order, a chunk at a time: dicts of `names`."""
    connection = connections[using]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(name) for name in names)
    table = quote(AuditEvent._meta.db_table)
    sql = f'SELECT {columns} FROM {table} WHERE "sequence" >= %s ORDER BY "sequence", "occurred_at"'  # noqa: S608
    time_of = _time_converter(connection)
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, [start])
        while chunk := cursor.fetchmany(CHUNK):
            for values in chunk:
                row = dict(zip(names, values, strict=True))
                if time_of is not None and "occurred_at" in row:
                    row["occurred_at"] = time_of(row["occurred_at"])
                yield row


def _time_converter(connection) -> Callable[[object], datetime] | None:
    """SQLite returns times as UTC text without an offset; PostgreSQL returns aware datetimes."""
    if connection.vendor != "sqlite":
        return None

    def parse(value: object) -> datetime:
        parsed = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)

    return parse


def bounds(using: str) -> tuple[int | None, int | None]:
    """The lowest and highest sequence stored (one query; an index scan at each end of each partition)."""
    found = AuditEvent.objects.using(using).aggregate(first=Min("sequence"), last=Max("sequence"))
    return found["first"], found["last"]


def duplicate(row: dict[str, Any], expected_sequence: int, result: VerifyResult) -> bool:
    """Fail `result` when `row` repeats a sequence already checked (only possible on partitions)."""
    sequence = row["sequence"]
    if sequence >= expected_sequence:
        return False
    result.fail(sequence, f"event {sequence} appears twice: a second row with the same sequence was added")
    return True


def missing_partition(result: VerifyResult, using: str) -> bool:
    """Fail `result` when a month is missing between the oldest and the newest partition."""
    gap = partitions.first_gap(using=using)
    if gap is None:
        return False
    month, after = gap
    result.fail(after + 1 if after is not None else None,
                f"the partition of {month:%Y-%m} is missing from the audit trail: its events were removed "
                "(retention only drops the oldest months, up to a signed cut)")
    return True
