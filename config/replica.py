"""Read-only queries on a streaming replica (opt-in: REPLICA_DATABASE_URL), never at a user's expense.

A GET or HEAD request may read from the replica when `replica_usable` says so, decided once at the
start of the request (ops.middleware.ReplicaMiddleware):
- read-your-writes: after a user's write (any other method), the response carries the primary's
  WAL position in a cookie; the replica serves that user only once it has replayed that far;
- access decisions (`visible_cases`, `require`, the validity of shares and break-glass grants)
  are in the same queries as the rows they filter, so the replica serves a request only when its
  lag is within REPLICA_MAX_LAG_SECONDS — by default 0: only when it has replayed everything the
  primary had written when the request began (WAL positions compared), so a revoked share or a
  new grant counts at once, for everyone.
The audit trail and the key store never use the replica (their own aliases), nor do accounts,
sessions, tokens, permissions and the operations tables, nor any read inside a transaction on the
primary. A replica that does not answer is simply not used.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Iterator
from contextvars import ContextVar

from django.conf import settings
from django.db import DatabaseError, connections, models

logger = logging.getLogger("zorgveilig.replica")

REPLICA = "replica"
PRIMARY = "default"
# Authentication, sessions, tokens, object permissions and job states: always the primary.
PRIMARY_ONLY_APPS = frozenset({"accounts", "auth", "contenttypes", "sessions", "otp_totp", "django_otp", "axes",
                               "knox", "guardian", "ops"})
LSN = re.compile(r"^([0-9A-Fa-f]{1,8})/([0-9A-Fa-f]{1,8})$")

_reads: ContextVar[bool] = ContextVar("replica_reads", default=False)


def configured() -> bool:
    return REPLICA in settings.DATABASES


def parse_lsn(value: str | None) -> int | None:
    match = LSN.match(value or "")
    return (int(match.group(1), 16) << 32) + int(match.group(2), 16) if match else None


def format_lsn(value: int) -> str:
    return f"{value >> 32:X}/{value & 0xFFFFFFFF:X}"


def use_replica_for(model: type[models.Model]) -> bool:
    """The router's question: may this read go to the replica now?"""
    if not _reads.get() or model._meta.app_label in PRIMARY_ONLY_APPS:
        return False
    return not connections[PRIMARY].in_atomic_block


@contextlib.contextmanager
def reads_from_replica(allowed: bool) -> Iterator[None]:
    token = _reads.set(allowed)
    try:
        yield
    finally:
        _reads.reset(token)


def primary_lsn() -> int:
    with connections[PRIMARY].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()::text")
        return parse_lsn(cursor.fetchone()[0]) or 0


def replica_state() -> tuple[int | None, float | None]:
    """(replayed WAL position, seconds behind) of the replica; (None, None) when it is no standby."""
    with connections[REPLICA].cursor() as cursor:
        cursor.execute(
            "SELECT pg_last_wal_replay_lsn()::text, CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn()"
            " THEN 0 ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) END"
        )
        replayed, lag = cursor.fetchone()
    return parse_lsn(replayed), None if lag is None else float(lag)


def replica_usable(required_lsn: int | None = None) -> bool:
    """Whether this request may read from the replica (see the module docstring)."""
    try:
        replayed, lag = replica_state()
    except DatabaseError:
        logger.warning("the replica does not answer; reading from the primary")
        return False
    if replayed is None or (required_lsn is not None and replayed < required_lsn):
        return False
    bound = float(getattr(settings, "REPLICA_MAX_LAG_SECONDS", 0))
    if bound <= 0:
        return replayed >= primary_lsn()
    return lag is not None and lag <= bound
