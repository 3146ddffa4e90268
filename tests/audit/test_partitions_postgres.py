"""The audit trail partitioned by month on PostgreSQL (migration 0004, audit/partitions.py).

Each test gets a throwaway audit database (tests/audit/test_postgres.py explains why). Events of
past months are written here directly, chained exactly as `audit.chain` chains them, so a test
can make an old month without waiting for one.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from audit.chain import COLUMNS, chain_rows
from audit.models import GENESIS_HASH
from tests.audit import test_postgres as pg
from tests.audit.test_postgres import REFUSED, _as, _count, manage, psycopg

# The throwaway database and role fixtures of tests/audit/test_postgres.py.
audit_db, app_role, retention_role = pg.audit_db, pg.app_role, pg.retention_role

pytestmark = pytest.mark.postgres



def _months_ago(count: int) -> datetime:
    today = datetime.now(UTC)
    year, month = divmod(today.year * 12 + today.month - 1 - count, 12)
    return datetime(year, month + 1, 15, 12, tzinfo=UTC)


# Three past months (a gap up to now would be a missing partition): "January" is the oldest.
JANUARY, FEBRUARY, MARCH = _months_ago(3), _months_ago(2), _months_ago(1)
NAMES = [f"audit_auditevent_y{when:%Y}m{when:%m}" for when in (JANUARY, FEBRUARY, MARCH)]
ENSURE = f"SELECT audit_ensure_partitions('{JANUARY:%Y-%m-01}', '{MARCH:%Y-%m-01}')"


def _append_at(url: str, when: datetime, count: int) -> None:
    """`count` chained events at `when`, written by the owner (the month must have a partition)."""
    with psycopg.connect(url, autocommit=True) as conn:
        head = conn.execute("SELECT sequence, hash FROM audit_auditevent ORDER BY sequence DESC LIMIT 1").fetchone()
        drafts = [{"actor_id": "", "actor_name": "", "actor_organisation_id": "", "actor_organisation": "",
                   "actor_role": "", "on_behalf_of_type": "", "on_behalf_of_id": "", "on_behalf_of_name": "",
                   "action": "view", "outcome": "ok", "object_type": "testapp.DemoPerson", "object_id": str(n),
                   "case_id": "", "subject_pseudonym": "", "processing_activity": "pga_procesregie",
                   "reason": "synthetic", "request_id": "", "trace_id": "", "span_id": "", "parent_span_id": "",
                   "client_address": "", "user_agent": ""} for n in range(count)]
        rows = chain_rows(drafts, head=head or (0, GENESIS_HASH), occurred_at=when)
        with conn.cursor().copy(f"COPY audit_auditevent ({', '.join(COLUMNS)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)


@pytest.fixture
def three_months(audit_db) -> str:
    """Events 1-5 three months ago, 6-10 two months ago, 11-12 last month, 13-15 now; a cut at 15 (event 16)."""
    _as(audit_db, None, ENSURE)
    for when in (JANUARY, FEBRUARY):
        _append_at(audit_db, when, 5)
    _append_at(audit_db, MARCH, 2)
    manage(audit_db, "audit_test_append", "--count", "3")
    manage(audit_db, "audit_checkpoint", "--cut")
    return audit_db


def _partitions(url: str) -> list[str]:
    with psycopg.connect(url, autocommit=True) as conn:
        return [name for (name,) in conn.execute(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
            "WHERE i.inhparent = 'audit_auditevent'::regclass ORDER BY 1")]


def test_events_land_in_their_month_and_verify_across_partitions(three_months):
    names = _partitions(three_months)
    assert names[:3] == NAMES
    assert len(names) >= 3 + 12  # the migration and the ensure job keep twelve months ahead
    with psycopg.connect(three_months, autocommit=True) as conn:
        assert conn.execute(f"SELECT count(*) FROM {NAMES[1]}").fetchone()[0] == 5
    assert "16 events" in manage(three_months, "audit_verify", "--no-progress").stdout


def test_application_role_cannot_detach_or_drop_a_month(three_months, app_role):
    for statement in (f"ALTER TABLE audit_auditevent DETACH PARTITION {NAMES[0]}",
                      f"DROP TABLE {NAMES[0]}",
                      f"SELECT audit_drop_partition('{NAMES[0]}')",
                      f"DELETE FROM {NAMES[0]}"):
        with pytest.raises(REFUSED):
            _as(three_months, app_role, statement)
    assert _count(three_months) == 16
    assert NAMES[0] in _partitions(three_months)


def test_application_role_creates_coming_months(audit_db, app_role):
    with psycopg.connect(audit_db, autocommit=True) as conn:
        conn.execute(f'GRANT EXECUTE ON FUNCTION audit_ensure_partitions(date, date) TO "{app_role}"')
    assert _as(audit_db, app_role, "SELECT audit_ensure_partitions('2040-01-01', '2040-02-01')") == 1
    assert "audit_auditevent_y2040m02" in _partitions(audit_db)


def test_retention_drops_only_months_wholly_past_the_cut(three_months, retention_role):
    with pytest.raises(REFUSED):  # not the oldest month
        _as(three_months, retention_role, f"SELECT audit_drop_partition('{NAMES[1]}')")
    # The cut was signed now: the three past months ended before it and hold only events at or below it.
    for name in NAMES:
        _as(three_months, retention_role, f"SELECT audit_drop_partition('{name}')")
    current = _partitions(three_months)[0]
    with pytest.raises(REFUSED):  # the month of the cut has not ended
        _as(three_months, retention_role, f"SELECT audit_drop_partition('{current}')")
    assert _count(three_months) == 4  # events 13-15 and the cut's own event 16
    assert "intact: 4 events" in manage(three_months, "audit_verify", "--no-progress").stdout


def test_retention_refuses_a_month_above_the_cut(audit_db, retention_role):
    _as(audit_db, None, ENSURE)
    _append_at(audit_db, JANUARY, 3)
    manage(audit_db, "audit_checkpoint", "--cut")  # signs event 3, records 4 (now)
    _append_at(audit_db, JANUARY, 1)  # event 5, in the oldest month but above the cut (a clock set back)
    with pytest.raises(REFUSED):
        _as(audit_db, retention_role, f"SELECT audit_drop_partition('{NAMES[0]}')")
    assert _count(audit_db) == 5


def test_verify_reports_a_missing_month(three_months):
    _as(three_months, None, f"ALTER TABLE audit_auditevent DETACH PARTITION {NAMES[1]}")
    result = manage(three_months, "audit_verify", "--no-progress", check=False)
    assert result.returncode == 1
    assert f"partition of {FEBRUARY:%Y-%m} is missing" in result.stderr
    assert "event 6" in result.stderr


def test_verify_reports_a_sequence_stored_twice(three_months):
    with psycopg.connect(three_months, autocommit=True) as conn:  # a copy of event 7 in March
        conn.execute(f"INSERT INTO audit_auditevent ({', '.join(COLUMNS)}) SELECT sequence, %s, "
                     f"{', '.join(COLUMNS[2:])} FROM audit_auditevent WHERE sequence = 7", [MARCH])
    result = manage(three_months, "audit_verify", "--no-progress", check=False)
    assert result.returncode == 1
    assert "event 7 appears twice" in result.stderr


def test_verify_reports_a_gap_inside_a_month(three_months):
    _as(three_months, None, f"ALTER TABLE {NAMES[1]} DISABLE TRIGGER USER")
    _as(three_months, None, f"DELETE FROM {NAMES[1]} WHERE sequence = 8")
    result = manage(three_months, "audit_verify", "--no-progress", check=False)
    assert result.returncode == 1
    assert "event 8 missing" in result.stderr
