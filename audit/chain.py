"""Appending to the hash chain: lock, read the head, insert, all in one audit transaction.

Without the lock two writers read the same head and the chain forks; the lock, the head read
and the insert therefore share one `transaction.atomic(using="audit")`:
- PostgreSQL: `pg_advisory_xact_lock`, released at commit or rollback;
- SQLite: the audit alias opens transactions with `BEGIN IMMEDIATE`, which takes the database's
  write lock before the head is read.
Sequence numbers and times are assigned under the lock, so sequence order is commit order
(an auto-increment id is not: pitfall 5). The transaction is on the audit connection, never the
business one, so a rollback of the business transaction cannot take the event with it.

One lock per batch: a list page's events, or a thousand events of a bulk job, are chained in
memory and written with one statement (`COPY` on PostgreSQL for larger batches, a multi-row
insert otherwise), so the lock is held for one round trip of data, not one per event.

Round trips (PostgreSQL): an append inside a transaction on the audit alias (a bulk job's, a test's) is five
(BEGIN, lock, head, insert, COMMIT). The usual append, from a request whose audit connection is in
autocommit, opens its transaction itself and sends the statements together (`_append_own_transaction`):
`BEGIN`, the lock and the prepared head read in one round trip, then the insert with `COMMIT` in a second (a
batch: its COPY, then COMMIT). The statements of a multi-statement string run one after the other, each
with a fresh snapshot, so the head is still read after the lock is granted.
"""

from __future__ import annotations

import contextlib
import weakref
from collections.abc import Iterable, Iterator, Mapping, Sequence, Sized
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, connections, transaction
from django.utils import timezone

from audit.canonical import HASHED_FIELDS, chain_hash_row
from audit.models import AUDIT_ALIAS, GENESIS_HASH, AuditCheckpoint, AuditEvent
from config.prepared import prepared_cursor

# An arbitrary constant naming "the audit chain" among advisory locks.
ADVISORY_LOCK_KEY = 7_513_000_001
# The columns of an event row as this module writes them: the hashed fields, then the chain's own.
COLUMNS = (*HASHED_FIELDS, "prev_hash", "hash")
# From this many events on, PostgreSQL gets them through COPY rather than an INSERT: measured at 10M
# events, 25 events take 2.0 ms by COPY and 3.8 ms by one INSERT (whose 650 parameters psycopg
# splits and quotes), 5 events 1.3 against 1.6 ms, 2 events 1.14 against 1.25 ms.
COPY_FROM = 2

_HEAD_SQL = 'SELECT "sequence", "hash" FROM {table} ORDER BY "sequence" DESC LIMIT 1'
# The head read, prepared by name once per connection for the appends that send their statements together
# (a prepared statement outlives transactions and rollbacks; it ends with the connection).
_HEAD_STATEMENT = "zv_audit_chain_head"
_HEAD_PREPARED_ON: weakref.WeakSet[Any] = weakref.WeakSet()
_CHECKPOINT_HEAD_SQL = 'SELECT "sequence", "event_hash" FROM {table} ORDER BY "sequence" DESC LIMIT 1'


def lock_chain(using: str = AUDIT_ALIAS) -> tuple[int, str]:
    """Serialise appends and return the head as seen under the lock (see `read_head`).

    Must be called inside `transaction.atomic(using=using)`. On PostgreSQL the head is read by a
    statement after the lock's, so it sees every append committed before the lock was granted (each
    statement takes a fresh snapshot); both are prepared statements (config/prepared.py): planned over
    all monthly partitions on every append, the head query took about 0.4 ms of an append's 1.3.
    """
    connection = connections[using]
    if connection.vendor == "postgresql":
        with prepared_cursor(connection) as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK_KEY])
            cursor.execute(_HEAD_SQL.format(table=_quoted(connection)[0]))
            row = cursor.fetchone()
        return (row[0], row[1]) if row is not None else _checkpoint_head(using)
    if connection.vendor == "sqlite":
        if connection.settings_dict.get("OPTIONS", {}).get("transaction_mode") != "IMMEDIATE":
            raise ImproperlyConfigured("the SQLite audit database needs OPTIONS['transaction_mode'] = 'IMMEDIATE'")
        return read_head(using)
    raise ImproperlyConfigured(f"no chain lock for database vendor {connection.vendor!r}")


def read_head(using: str = AUDIT_ALIAS) -> tuple[int, str]:
    """(sequence, hash) of the last event; after a full retention purge, of the latest checkpoint."""
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(_HEAD_SQL.format(table=_quoted(connection)[0]))
        row = cursor.fetchone()
    return (row[0], row[1]) if row is not None else _checkpoint_head(using)


def _checkpoint_head(using: str) -> tuple[int, str]:
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(_CHECKPOINT_HEAD_SQL.format(table=connection.ops.quote_name(AuditCheckpoint._meta.db_table)))
        row = cursor.fetchone()
    return (row[0], row[1]) if row is not None else (0, GENESIS_HASH)


def chained(drafts: Iterable[Mapping[str, Any]], *, head: tuple[int, str], occurred_at: Any) -> Iterator[list[Any]]:
    """Rows in COLUMNS order for `drafts`, numbered and hashed after `head`, all at `occurred_at`, one at a
    time: a COPY sends each row while the next is made (`seed_scale`: the server inserts meanwhile).

    Each draft holds every hashed field except `sequence` and `occurred_at`.
    """
    sequence, prev_hash = head
    for draft in drafts:
        sequence += 1
        row = [draft[name] for name in HASHED_FIELDS[2:]]
        row[0:0] = (sequence, occurred_at)
        digest = chain_hash_row(prev_hash, row)
        row += (prev_hash, digest)
        yield row
        prev_hash = digest


def chain_rows(drafts: Sequence[Mapping[str, Any]], *, head: tuple[int, str], occurred_at: Any) -> list[list[Any]]:
    """`chained` as a list."""
    return list(chained(drafts, head=head, occurred_at=occurred_at))


def insert_rows(rows: Iterable[Sequence[Any]], *, using: str = AUDIT_ALIAS) -> int:
    """Insert chained rows (COLUMNS order) in the current transaction: COPY or one INSERT. Rows given one at a
    time (an iterator, not a list) go by COPY on PostgreSQL as they come. Returns how many were written."""
    connection = connections[using]
    table, names = _quoted(connection)
    with prepared_cursor(connection) as cursor:
        if connection.vendor == "postgresql" and (not isinstance(rows, Sized) or len(rows) >= COPY_FROM):
            return _copy_rows(cursor, rows, table, names)
        rows = list(rows)
        # The time as the database expects it (SQLite stores text in UTC); every other column is text
        # or an integer. SQLite allows 32,766 parameters per statement: 26 per row.
        prepare = AuditEvent._meta.get_field("occurred_at").get_db_prep_value
        per_statement = 1000
        for start in range(0, len(rows), per_statement):
            chunk = rows[start:start + per_statement]
            marks = ", ".join(["(" + ", ".join(["%s"] * len(COLUMNS)) + ")"] * len(chunk))
            params = [value for row in chunk
                      for value in (row[0], prepare(row[1], connection, prepared=False), *row[2:])]
            cursor.execute(f"INSERT INTO {table} ({names}) VALUES {marks}", params)  # noqa: S608
        return len(rows)


def _copy_rows(cursor: Any, rows: Iterable[Sequence[Any]], table: str, names: str) -> int:
    """Write chained rows (COLUMNS order) with one COPY on a PostgreSQL cursor; returns how many."""
    written = 0
    with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            written += 1
    return written


_QUOTED: dict[str, tuple[str, str]] = {}


def _quoted(connection: Any) -> tuple[str, str]:
    """The event table's name and its COLUMNS, quoted for the connection's database (once per vendor)."""
    if connection.vendor not in _QUOTED:
        quote = connection.ops.quote_name
        _QUOTED[connection.vendor] = (quote(AuditEvent._meta.db_table), ", ".join(quote(name) for name in COLUMNS))
    return _QUOTED[connection.vendor]


def append(drafts: Sequence[Mapping[str, Any]], *, using: str = AUDIT_ALIAS) -> list[AuditEvent]:
    """Chain and insert events under one lock; returns them with their sequence numbers and hashes.

    Each draft holds every hashed field except `sequence` and `occurred_at`, which are set here.
    """
    if not drafts:
        return []
    connection = connections[using]
    if _sends_own_transaction(connection):
        rows = _append_own_transaction(connection, drafts)
    else:
        with transaction.atomic(using=using):
            head = lock_chain(using)
            rows = chain_rows(drafts, head=head, occurred_at=timezone.now())
            insert_rows(rows, using=using)
    # as read back from the table (COLUMNS are the model's fields in order; tests/audit/test_chain.py)
    return [AuditEvent.from_db(using, COLUMNS, row) for row in rows]


def _sends_own_transaction(connection: Any) -> bool:
    """PostgreSQL, prepared statements allowed (no pooler in transaction mode) and no transaction open on the
    alias, neither by Django nor on the server; and Django's usual cursor, which binds on the client and so can
    send several statements at once."""
    if connection.vendor != "postgresql":
        return False
    import psycopg  # only here: an SQLite process does without it (config/prepared.py)

    return (settings.PREPARED_STATEMENTS and not connection.in_atomic_block and connection.get_autocommit()
            and connection.connection.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
            and not connection.settings_dict.get("OPTIONS", {}).get("server_side_binding"))


def _append_own_transaction(connection: Any, drafts: Sequence[Mapping[str, Any]]) -> list[list[Any]]:
    """Append in a transaction this function opens and ends: two round trips for one event (module docstring).

    Rolled back on any error, a Python one between the round trips included, so the lock is never left held.
    """
    table, names = _quoted(connection)
    with connection.cursor() as cursor:
        if connection.connection not in _HEAD_PREPARED_ON:
            _prepare_head(cursor, table)
        committed = False
        try:
            cursor.execute(f"BEGIN; SELECT pg_advisory_xact_lock({ADVISORY_LOCK_KEY}); EXECUTE {_HEAD_STATEMENT}")
            cursor.nextset()
            cursor.nextset()
            row = cursor.fetchone()
            head = (row[0], row[1]) if row is not None else _checkpoint_head(connection.alias)
            rows = chain_rows(drafts, head=head, occurred_at=timezone.now())
            if len(rows) < COPY_FROM:
                marks = ", ".join(["%s"] * len(COLUMNS))
                cursor.execute(f"INSERT INTO {table} ({names}) VALUES ({marks}); COMMIT", rows[0])  # noqa: S608
            else:
                _copy_rows(cursor, rows, table, names)
                cursor.execute("COMMIT")
            committed = True
        finally:
            if not committed:
                _roll_back(cursor)
    return rows


def _prepare_head(cursor: Any, table: str) -> None:
    import psycopg

    try:
        cursor.execute(f"PREPARE {_HEAD_STATEMENT} AS {_HEAD_SQL.format(table=table)}")
    except DatabaseError as exc:
        if not isinstance(exc.__cause__, psycopg.errors.DuplicatePreparedStatement):
            raise
    _HEAD_PREPARED_ON.add(cursor.db.connection)


def _roll_back(cursor: Any) -> None:
    # a broken connection: the server ended the transaction with it, and Django replaces the connection
    with contextlib.suppress(DatabaseError):
        cursor.execute("ROLLBACK")
