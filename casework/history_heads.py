"""What the case page's timeline needs of the history tables first: per table, its rows' when, kind, reason and
who, read in one statement over every table (issue 15).

A history row is shown as "created", "deleted" or "changed: <fields>"; only a change needs the tracked
fields (decrypted, to compare with the row before), and a change the engine made with a status step needs
none (the step is on the timeline). The case page read every table that had rows through the ORM, each
joined to its user (four queries and a probe for a case with rows in three tables, 1 ms of Python each).
This statement reads what every table's rows are without their fields, in one round trip; the timeline then
reads the full rows of only the tables with a change to compare (casework/timeline.py).

On PostgreSQL the statement is prepared (config/prepared.py): its text depends only on the tables asked about.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db import connections, models, router
from django.utils.dateparse import parse_datetime

from accounts.models import User, display_name_of
from config.prepared import Bound, prepared_cursor

_HEAD_COLUMNS = '"history_date", "history_type", "history_change_reason", "history_user_id"'
_USER_COLUMNS = 'u."first_name", u."last_name", u."username"'


@dataclass(frozen=True)
class HistoryHead:
    """A history row without its tracked fields."""

    at: datetime
    kind: str  # simple_history's history_type: "+" created, "~" changed, "-" deleted
    reason: str  # the row's history_change_reason ("" for none)
    by: str  # the display name of who made the change ("" for the system)


def history_heads(wanted: list[tuple[type[models.Model], dict[str, Any]]]) -> dict[int, list[HistoryHead]]:
    """For each (history model, {field: value}) of `wanted` whose table holds matching rows, keyed by its index in
    `wanted`: those rows oldest first, as `HistoryHead`s (one query)."""
    if not wanted:
        return {}
    connection = connections[router.db_for_read(wanted[0][0])]
    quote = connection.ops.quote_name
    bound = Bound(connection)  # the case's id sent once for all its tables
    parts: list[str] = []
    for index, (model, lookup) in enumerate(wanted):
        ((name, value),) = lookup.items()
        column: Any = model._meta.get_field(name)
        # table and column names from the models, values as parameters
        where = f"{quote(model._meta.db_table)} WHERE {quote(column.column)} {bound.any_of(column, [value])}"
        parts.append(f'SELECT {index} AS "source", {_HEAD_COLUMNS} FROM {where}')  # noqa: S608
    users = quote(User._meta.db_table)
    sql = (f'SELECT h."source", h."history_date", h."history_type", h."history_change_reason", {_USER_COLUMNS} '  # noqa: S608
           f'FROM ({" UNION ALL ".join(parts)}) h LEFT JOIN {users} u ON u."id" = h."history_user_id" ORDER BY 1, 2')
    found: dict[int, list[HistoryHead]] = {}
    with prepared_cursor(connection) as cursor:
        cursor.execute(sql, bound.params)
        for source, at, kind, reason, first_name, last_name, username in cursor.fetchall():
            by = display_name_of(first_name or "", last_name or "", username) if username is not None else ""
            found.setdefault(source, []).append(HistoryHead(at=_aware(at), kind=kind, reason=reason or "", by=by))
    return found


def _aware(value: datetime | str) -> datetime:
    """A time as the ORM gives it: PostgreSQL's are aware already; SQLite returns text in UTC."""
    if isinstance(value, str):
        parsed = parse_datetime(value)
        if parsed is None:
            raise ValueError("not a time")
        value = parsed
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
