"""audit_purge: the audit trail's own retention, up to a signed cut checkpoint older than the period.

File-backed SQLite here (real commands in subprocesses); the PostgreSQL role and triggers in
test_purge_postgres.py. An old cut is signed with the clock set back (`old_cut`), as a cut made
years ago would have been.
"""

from __future__ import annotations

import sys

import pytest

from tests import dbtemplates, forkserver
from tests.audit import filedb

OLD_CUT = """
import datetime, os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
import django
django.setup()
from django.utils import timezone
from audit import checkpoints
from audit.models import AuditCheckpoint
years = int(sys.argv[1])
then = timezone.now() - datetime.timedelta(days=365 * years + 30)
checkpoints.timezone = type("Clock", (), {"now": staticmethod(lambda: then)})
checkpoint = checkpoints.checkpoint_create(kind=AuditCheckpoint.Kind.CUT, created_by="test")
print(checkpoint.sequence)
"""


def old_cut(env: dict[str, str], years: int = 6) -> int:
    done = forkserver.run([sys.executable, "-c", OLD_CUT, str(years)], cwd=filedb.ROOT, env=env,
                          timeout=dbtemplates.PROCESS_TIMEOUT)
    assert done.returncode == 0, done.stderr[-2000:]
    return int(done.stdout.strip().splitlines()[-1])


def _build_chain(data) -> None:
    filedb.migrated(data, ["audit"])
    filedb.manage(data, "audit_test_append", "--count", "5")
    assert old_cut(filedb.environment(data)) == 5
    filedb.manage(data, "audit_test_append", "--count", "3")
    filedb.manage(data, "audit_checkpoint", "--cut")
    filedb.manage(data, "audit_test_append", "--count", "2")


@pytest.fixture(scope="module")
def chain_template():
    """Events 1-5, an old cut of event 5 (its event 6), events 7-9, a recent cut of 9 (event 10), 11-12.

    Built once per test session, whichever xdist worker asks first (five subprocesses; tests/dbtemplates.py);
    every test gets its own copy of the files.
    """
    return dbtemplates.built_once("audit-purge-chain", _build_chain)


@pytest.fixture
def chain(chain_template, tmp_path):
    return filedb.copy_databases(chain_template, tmp_path / "db")


def sequences(data) -> list[int]:
    return [row[0] for row in filedb.rows(data, "SELECT sequence FROM audit_auditevent ORDER BY sequence")]


def test_purge_removes_only_events_up_to_the_old_cut_and_verify_passes(chain):
    result = filedb.manage(chain, "audit_purge")
    assert "deleted 5 events up to event 5" in result.stdout
    assert sequences(chain) == list(range(6, 14))  # 13: the audit_purge event itself
    assert filedb.rows(chain, "SELECT action FROM audit_auditevent WHERE sequence = 13") == [("audit_purge",)]
    verified = filedb.manage(chain, "audit_verify", "--no-progress")
    assert "audit chain intact: 8 events" in verified.stdout
    again = filedb.manage(chain, "audit_purge")  # nothing older than the period is left
    assert "nothing left to delete" in again.stdout and sequences(chain)[0] == 6


def test_purge_takes_the_counts_of_the_days_whose_events_it_deleted(chain):
    """ADR 0053: a counted day whose last event lies at or below the cut goes with its events and counts; a day
    that reaches above the cut stays counted."""
    count = ("INSERT INTO audit_eventcount (day, kind, actor_id, actor_name, actor_organisation, case_id, hour, count, "
             "first_sequence, first_at) VALUES (?, 'many_persons', '7', 'Test', 'Testgemeente', '', NULL, 60, ?, "
             "'2020-01-01 09:00:00')")
    filedb.execute(chain,
                   ("INSERT INTO audit_countedday (day, last_sequence, events, counted_at) VALUES (?, ?, ?, ?)",
                    ("2020-01-01", 5, 5, "2020-01-02 01:00:00")),
                   ("INSERT INTO audit_countedday (day, last_sequence, events, counted_at) VALUES (?, ?, ?, ?)",
                    ("2020-01-02", 9, 4, "2020-01-03 01:00:00")),
                   (count, ("2020-01-01", 1)), (count, ("2020-01-02", 6)))
    filedb.manage(chain, "audit_purge")
    assert filedb.rows(chain, "SELECT day FROM audit_countedday") == [("2020-01-02",)]
    assert filedb.rows(chain, "SELECT day, first_sequence FROM audit_eventcount") == [("2020-01-02", 6)]


def test_a_recent_cut_is_not_purged_and_a_dry_run_deletes_nothing(chain):
    result = filedb.manage(chain, "audit_purge", "--years", "7")  # the old cut is only 6 years old
    assert "nothing to purge" in result.stdout
    dry = filedb.manage(chain, "audit_purge", "--dry-run")
    assert "would delete 5 events" in dry.stdout
    assert sequences(chain) == list(range(1, 13))


def test_a_broken_chain_is_not_purged(chain):
    filedb.execute(chain, "UPDATE audit_auditevent SET reason = 'weg' WHERE sequence = 8")
    result = filedb.manage(chain, "audit_purge", check=False)
    assert result.returncode != 0 and "BROKEN" in result.stderr
    assert sequences(chain) == list(range(1, 13))


def test_a_recent_cut_made_to_look_old_is_refused(chain):
    filedb.execute(chain, "UPDATE audit_auditcheckpoint SET signed_at = '2001-01-01 00:00:00' WHERE sequence = 9")
    result = filedb.manage(chain, "audit_purge", check=False)
    assert result.returncode != 0 and "invalid signature" in result.stderr
    assert sequences(chain) == list(range(1, 13))
