"""Statements PostgreSQL plans once per connection (ADRs 0042 and 0047).

Since ADR 0047 the case and key databases bind every query's parameters on the server
(`server_side_binding`), and psycopg prepares a statement of the same text once it has run
`PREPARE_AFTER` times on a connection (`prepare_threshold`), keeping at most `PREPARED_MAX` per connection
(`keep_prepared`, connected to Django's `connection_created`). What follows is ADR 0042's explicit cursor,
which prepares on first use: still the way of the audit database, which binds on the client.

Django binds parameters on the client and turns psycopg's preparing off, so PostgreSQL parses and plans
every statement anew. For most that costs little; for a few hot ones planning is most of their cost: the
audit chain's head read (planned over every monthly partition: 0.4 ms of a 1.3 ms append) and the
presence probe of a case or list page (some thirty `EXISTS` clauses: 1.2 ms planning, 0.2 ms running).
`prepared_cursor(connection)` gives such code a Django cursor (logged, with the execute wrappers) whose
statements are bound on the server and prepared on first use, then executed by name for the life of the
connection (persistent connections: `CONN_MAX_AGE`). Only code that asks for it is prepared; every other
cursor binds on the client as before, so ORM queries keep Django's default behaviour.

PostgreSQL uses a custom plan for a prepared statement's first five executions, then the generic plan
when it is not estimated dearer. The statements prepared here are index probes whose best plan does not
depend on the values (a case id, a list of ids as one array parameter, the chain's head): the generic plan
is the custom one.

`PREPARED_STATEMENTS` off (behind a pooler in transaction mode that cannot keep prepared statements, such
as PgBouncer before 1.21): Django's own cursor. psycopg forgets its prepared statements after a rollback
and prepares them again on next use.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db.backends.utils import CursorWrapper


def prepared_cursor(connection: Any) -> Any:
    """A cursor on `connection` whose statements are prepared once per connection (PostgreSQL); Django's own
    cursor on another database or when PREPARED_STATEMENTS is off."""
    if connection.vendor != "postgresql" or not settings.PREPARED_STATEMENTS:
        return connection.cursor()
    # as Django's own `cursor()` does: a persistent connection that died since the last request (a restart
    # of the server) is replaced, not used (CONN_HEALTH_CHECKS)
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    prepared_cursor_class, debug_wrapper_class = _cursor_classes()
    cursor = prepared_cursor_class(connection.connection)
    return debug_wrapper_class(cursor, connection) if connection.queries_logged else connection.make_cursor(cursor)


@functools.cache
def _cursor_classes() -> tuple[type, type]:
    """Made on first use: psycopg is imported only where PostgreSQL is used (about 80 ms of every SQLite
    process's start, the test suite's manage.py children included)."""
    import psycopg
    from django.db.backends.postgresql.base import CursorDebugWrapper

    class _PreparedDebugWrapper(CursorDebugWrapper):
        """Django's logging cursor, logging a prepared statement as written (with `%s`): psycopg keeps no text
        of a statement executed by name, where Django looks for it."""

        def execute(self, sql: Any, params: Any = None) -> Any:
            with self.debug_sql(sql, params):
                return CursorWrapper.execute(self, sql, params)

    class _PreparedCursor(psycopg.Cursor):
        """psycopg's server-side binding cursor, every statement prepared (Django sets the connection's
        `prepare_threshold` to None, which turns preparing off; settings set it to 0 where this is on)."""

        def execute(self, query: Any, params: Any = None, *, prepare: bool | None = None,
                    binary: bool | None = None) -> Any:
            return super().execute(query, params, prepare=True, binary=binary)

    return _PreparedCursor, _PreparedDebugWrapper


def keep_prepared(sender: Any, connection: Any, **kwargs: Any) -> None:
    """On a new connection that binds on the server: keep up to `PREPARED_MAX` prepared statements (psycopg
    keeps 100, least recently used first out; the case pages and lists of one worker prepare more than that,
    and a statement pushed out is planned anew and prepared again)."""
    if connection.vendor == "postgresql" and connection.settings_dict.get("OPTIONS", {}).get("server_side_binding"):
        connection.connection.prepared_max = settings.PREPARED_MAX


def any_of(connection: Any, field: Any, values: Iterable[Any]) -> tuple[str, list[Any]]:
    """The condition `<column> ...` matching any of `values` of model field `field` (a foreign key: its
    target's values), and its parameters: on PostgreSQL `= ANY(%s)` with the values as one array parameter,
    so that the statement's text does not depend on how many there are and it can be prepared; elsewhere
    `IN (%s, ...)`. Each value adapted as Django adapts it for that field."""
    target = field.target_field if field.is_relation else field
    prepared = [target.get_db_prep_value(value, connection) for value in values]
    if connection.vendor == "postgresql":
        return "= ANY(%s)", [prepared]
    return f"IN ({', '.join(['%s'] * len(prepared))})", prepared


class Bound:
    """The parameters of one statement with several `any_of` conditions. On PostgreSQL each distinct list of
    values is bound once, as a named parameter that every condition asking for it refers to (psycopg binds a
    repeated `%(name)s` as one `$n`): a statement asking twenty tables about the same 25 ids sends them once,
    not twenty times. Elsewhere the conditions are `any_of`'s `IN (%s, ...)`, their values in order."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        self._named: dict[tuple[Any, ...], str] = {}
        self._positional: list[Any] = []

    def any_of(self, field: Any, values: Iterable[Any]) -> str:
        """`any_of`'s condition for `field` and `values`, its values kept for `params`."""
        condition, params = any_of(self.connection, field, values)
        if self.connection.vendor != "postgresql":
            self._positional.extend(params)
            return condition
        (array,) = params
        name = self._named.setdefault(tuple(array), f"v{len(self._named)}")
        return f"= ANY(%({name})s)"

    @property
    def params(self) -> list[Any] | dict[str, list[Any]]:
        """What to execute the statement with."""
        if self.connection.vendor != "postgresql":
            return self._positional
        return {name: list(values) for values, name in self._named.items()}

