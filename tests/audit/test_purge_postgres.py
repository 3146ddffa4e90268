"""audit_purge on PostgreSQL: the delete runs as `zorgveilig_audit_retention`, which the triggers allow
only at or below the latest cut; any other role is refused and nothing is deleted.

Run with `python -m tests.pgserver -- pytest -m postgres tests/audit/test_purge_postgres.py`.
"""

from __future__ import annotations

import pytest

from tests.audit.test_postgres import _as, _count, _count_day, _env, audit_db, manage, retention_role  # noqa: F401
from tests.audit.test_purge import old_cut

pytestmark = pytest.mark.postgres


def _sequences(url: str) -> list[int]:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        return [row[0] for row in conn.execute("SELECT sequence FROM audit_auditevent ORDER BY sequence")]


def test_purge_runs_as_the_retention_role_and_drops_only_months_past_the_old_cut(audit_db, retention_role):  # noqa: F811
    """On the monthly partitions (migration 0004) retention drops whole months, never single rows."""
    from tests.audit.test_partitions_postgres import _append_at, _months_ago

    long_ago = _months_ago(7 * 12)  # before the old cut, which is signed six years ago
    _as(audit_db, None, f"SELECT audit_ensure_partitions('{long_ago:%Y-%m-01}', now()::date)")
    _append_at(audit_db, long_ago, 5)
    assert old_cut(_env(audit_db)) == 5  # a cut signed six years ago; its own event is 6 (this month)
    manage(audit_db, "audit_test_append", "--count", "3")
    manage(audit_db, "audit_checkpoint", "--cut")  # a recent cut (event 9, its event 10): not old enough
    manage(audit_db, "audit_test_append", "--count", "2")
    _count_day(audit_db, None, f"{long_ago:%Y-%m-%d}", last=5)  # the anomaly rules' counts (ADR 0053)
    _count_day(audit_db, None, f"{long_ago:%Y-%m}-02", last=6)  # a day reaching above the old cut
    refused = manage(audit_db, "audit_purge", "--role", "pg_monitor", check=False)  # not the retention role
    assert refused.returncode != 0 and _count(audit_db) == 12
    result = manage(audit_db, "audit_purge")
    assert "deleted 5 events up to event 5" in result.stdout
    assert _sequences(audit_db) == list(range(6, 14))
    assert _as(audit_db, None, "SELECT 1 FROM audit_countedday") == 1  # the day reaching above the cut stays
    assert "8 events" in manage(audit_db, "audit_verify", "--no-progress").stdout
