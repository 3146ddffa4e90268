"""audit_verify and audit_checkpoint on a file-backed SQLite audit database, tampered with directly.

The chain fixture: events 1-10 appended, a signed checkpoint of event 10, then the checkpoint's own
event (11) and events 12-15, built once per test session. Every test gets its own copy of the files.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

import pytest

from audit.canonical import HASHED_FIELDS, chain_hash
from tests import dbtemplates
from tests.audit import filedb

CHECKPOINTED = 10
LAST = 15


def _build_chain(data_dir) -> None:
    filedb.migrated(data_dir, ["audit"])
    filedb.manage(data_dir, "audit_test_append", "--count", str(CHECKPOINTED))
    filedb.manage(data_dir, "audit_checkpoint")
    filedb.manage(data_dir, "audit_test_append", "--count", str(LAST - CHECKPOINTED - 1))


@pytest.fixture(scope="module")
def chain_template():
    """Built once per test session, whichever xdist worker asks first (tests/dbtemplates.py)."""
    return dbtemplates.built_once("audit-commands-chain", _build_chain)


@pytest.fixture
def chain(chain_template, tmp_path):
    return filedb.copy_databases(chain_template, tmp_path / "db")


def verify(data_dir) -> tuple[int, str]:
    result = filedb.manage(data_dir, "audit_verify", "--no-progress", check=False)
    return result.returncode, result.stdout + result.stderr


def _row(data_dir, sequence: int) -> dict:
    connection = sqlite3.connect(filedb.audit_file(data_dir))
    connection.row_factory = sqlite3.Row
    try:
        row = dict(connection.execute("SELECT * FROM audit_auditevent WHERE sequence = ?", (sequence,)).fetchone())
    finally:
        connection.close()
    row["occurred_at"] = datetime.fromisoformat(row["occurred_at"] + "+00:00")
    return row


def test_intact_chain_verifies(chain):
    code, output = verify(chain)
    assert code == 0, output
    assert f"{LAST} events" in output and "1 checkpoints" in output


def test_edited_event_is_named(chain):
    filedb.execute(chain, "UPDATE audit_auditevent SET actor_name = 'Iemand Anders' WHERE sequence = 5")
    code, output = verify(chain)
    assert code != 0
    assert "BROKEN at event 5:" in output and "altered" in output


def test_deleted_event_is_named(chain):
    filedb.execute(chain, "DELETE FROM audit_auditevent WHERE sequence = 7")
    code, output = verify(chain)
    assert code != 0
    assert "BROKEN at event 7:" in output and "missing" in output


def test_deleted_first_event_is_named(chain):
    filedb.execute(chain, "DELETE FROM audit_auditevent WHERE sequence = 1")
    code, output = verify(chain)
    assert code != 0 and "BROKEN at event 1:" in output


def test_reordered_events_are_named(chain):
    filedb.execute(
        chain,
        "UPDATE audit_auditevent SET sequence = 1000 WHERE sequence = 3",
        "UPDATE audit_auditevent SET sequence = 3 WHERE sequence = 4",
        "UPDATE audit_auditevent SET sequence = 4 WHERE sequence = 1000",
    )
    code, output = verify(chain)
    assert code != 0 and "BROKEN at event 3:" in output


def test_inserted_event_is_named_even_with_a_correct_hash(chain):
    """An attacker shifts events 7.. up and inserts a perfectly hashed event 7 after event 6."""
    forged = _row(chain, 6)
    forged.update(sequence=7, reason="forged", prev_hash=forged["hash"])
    forged["hash"] = chain_hash(forged["prev_hash"], forged)
    columns = [*HASHED_FIELDS, "prev_hash", "hash"]
    values = [forged[c] if c != "occurred_at" else forged[c].strftime("%Y-%m-%d %H:%M:%S.%f") for c in columns]
    filedb.execute(
        chain,
        "UPDATE audit_auditevent SET sequence = sequence + 1000 WHERE sequence >= 7",
        "UPDATE audit_auditevent SET sequence = sequence - 999 WHERE sequence >= 1000",
        (f"INSERT INTO audit_auditevent ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
         tuple(values)),
    )
    code, output = verify(chain)
    assert code != 0
    assert "BROKEN at event 7:" in output and "inserted" in output


def test_appended_garbage_event_is_named(chain):
    row = _row(chain, LAST)
    columns = [*HASHED_FIELDS, "prev_hash", "hash"]
    row.update(sequence=LAST + 1, prev_hash=row["hash"], hash="f" * 64)
    values = [row[c] if c != "occurred_at" else row[c].strftime("%Y-%m-%d %H:%M:%S.%f") for c in columns]
    filedb.execute(chain, (f"INSERT INTO audit_auditevent ({', '.join(columns)}) VALUES "
                           f"({', '.join('?' for _ in columns)})", tuple(values)))
    code, output = verify(chain)
    assert code != 0 and f"BROKEN at event {LAST + 1}:" in output


def test_truncated_tail_is_detected_through_the_checkpoint(chain):
    filedb.execute(chain, "DELETE FROM audit_auditevent WHERE sequence >= 9")
    code, output = verify(chain)
    assert code != 0
    assert "BROKEN at event 9:" in output and "truncated" in output


def test_consistently_rewritten_chain_is_detected_through_the_checkpoint(chain):
    """Event 4 is edited and every later hash recomputed: only the signature can tell."""
    prev = _row(chain, 3)["hash"]
    statements = []
    for sequence in range(4, LAST + 1):
        row = _row(chain, sequence)
        if sequence == 4:
            row["actor_name"] = "Iemand Anders"
        row["prev_hash"] = prev
        row["hash"] = chain_hash(prev, row)
        prev = row["hash"]
        statements.append(("UPDATE audit_auditevent SET actor_name = ?, prev_hash = ?, hash = ? WHERE sequence = ?",
                           (row["actor_name"], row["prev_hash"], row["hash"], sequence)))
    # Hashes are unique: write them in reverse so no intermediate state collides.
    filedb.execute(chain, *reversed(statements))
    code, output = verify(chain)
    assert code != 0
    assert f"BROKEN at event {CHECKPOINTED}:" in output and "rewritten" in output


def test_forged_checkpoint_is_detected(chain):
    filedb.execute(chain, ("UPDATE audit_auditcheckpoint SET sequence = ?", (LAST + 5,)))
    code, output = verify(chain)
    assert code != 0 and "invalid signature" in output


def test_checkpoint_refuses_to_sign_a_broken_chain(chain):
    filedb.execute(chain, "UPDATE audit_auditevent SET reason = 'weg' WHERE sequence = 13")
    result = filedb.manage(chain, "audit_checkpoint", check=False)
    assert result.returncode != 0
    assert "BROKEN at event 13" in result.stderr
    assert filedb.rows(chain, "SELECT count(*) FROM audit_auditcheckpoint") == [(1,)]


def test_verification_runs_are_stored(chain):
    verify(chain)
    filedb.execute(chain, "UPDATE audit_auditevent SET reason = 'weg' WHERE sequence = 2")
    verify(chain)
    runs = filedb.rows(chain, "SELECT intact, first_broken_sequence FROM audit_verificationrun ORDER BY id")
    assert runs == [(1, None), (0, 2)]


def test_public_key_is_printed(chain):
    result = filedb.manage(chain, "audit_checkpoint", "--public-key")
    assert "key id" in result.stdout
