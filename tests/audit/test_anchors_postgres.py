"""On PostgreSQL the triggers refuse every change of the audit trail, except for a superuser who
turns them off (`SET session_replication_role = replica`). Such a superuser can rewrite events and
checkpoints consistently; the anchors off the database still show it (audit/anchor_check.py)."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from audit.canonical import HASHED_FIELDS
from tests import dbtemplates, forkserver
from tests.audit import filedb
from tests.audit.forgery import forge_chain
from tests.audit.test_postgres import _env, _throwaway_database
from tests.commands import manage_command

pytestmark = pytest.mark.postgres
psycopg = pytest.importorskip("psycopg")


@pytest.fixture
def audit_db() -> Iterator[str]:
    yield from _throwaway_database()


def _manage(url: str, anchors: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    env = {**_env(url), "AUDIT_ANCHOR_SINK": f"file:{anchors}"}
    result = forkserver.run(manage_command(*args), cwd=filedb.ROOT, env=env,
                            timeout=dbtemplates.PROCESS_TIMEOUT)
    if check and result.returncode != 0:
        raise AssertionError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def _superuser_rewrite(url: str) -> None:
    """Triggers off, event 2 edited, checkpoint events dropped, the chain renumbered and re-hashed."""
    from psycopg.rows import dict_row

    columns = (*HASHED_FIELDS, "prev_hash", "hash")
    with psycopg.connect(url, row_factory=dict_row) as conn:
        conn.execute("SET session_replication_role = replica")
        rows = conn.execute(f"SELECT {', '.join(columns)} FROM audit_auditevent ORDER BY sequence").fetchall()

        def edit(row: dict) -> None:
            if row["sequence"] == 2:
                row["reason"] = "herschreven"

        forged = forge_chain(rows, edit=edit)
        assert conn.execute("DELETE FROM audit_auditevent").rowcount == len(rows)
        conn.execute("DELETE FROM audit_auditcheckpoint")
        placeholders = ", ".join(["%s"] * len(columns))
        with conn.cursor() as cursor:
            cursor.executemany(f"INSERT INTO audit_auditevent ({', '.join(columns)}) VALUES ({placeholders})",
                               [[row[column] for column in columns] for row in forged])
        conn.commit()


def test_superuser_rewrite_with_triggers_off_is_detected_through_the_anchors(audit_db, tmp_path):
    anchors = tmp_path / "anchors.jsonl"
    _manage(audit_db, anchors, "audit_test_append", "--count", "3")
    _manage(audit_db, anchors, "audit_checkpoint")
    _manage(audit_db, anchors, "audit_test_append", "--count", "2")
    _manage(audit_db, anchors, "audit_checkpoint")
    assert "match the chain" in _manage(audit_db, anchors, "audit_verify", "--no-progress",
                                        "--anchors", str(anchors)).stdout

    _superuser_rewrite(audit_db)

    # The database alone is consistent again: no checkpoint rows, no checkpoint events, hashes recomputed.
    assert "audit chain intact" in _manage(audit_db, anchors, "audit_verify", "--no-progress").stdout
    result = _manage(audit_db, anchors, "audit_verify", "--no-progress", "--anchors", str(anchors), check=False)
    assert result.returncode != 0
    assert "event 3 differs from anchored checkpoint" in result.stderr
    assert "has no signed checkpoint row" in result.stderr
