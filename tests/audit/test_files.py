"""The audit database file as bytes on disk, and concurrent appends to a SQLite file."""

from __future__ import annotations

import json
import subprocess
import time

from tests import dbtemplates
from tests.audit import filedb
from tests.commands import manage_command
from tests.sweeps import FULL

PEOPLE = [
    ("Testpersoon Qwertyuiopa", "111222333"),
    ("Testpersoon Zxcvbnmasdf", "444555666"),
    ("Testpersoon Plokijuhygt", "777888999"),
]


def test_audit_file_holds_no_plaintext_of_data_subjects(tmp_path):
    data_dir = filedb.migrated(tmp_path / "db")
    filedb.manage(data_dir, "audit_test_scenario", json.dumps(PEOPLE))
    filedb.manage(data_dir, "audit_checkpoint")

    audit_bytes = b"".join(path.read_bytes() for path in data_dir.glob("audit.sqlite3*"))
    app_bytes = b"".join(path.read_bytes() for path in data_dir.glob("app.sqlite3*"))
    assert filedb.rows(data_dir, "SELECT count(*) FROM audit_auditevent WHERE subject_pseudonym != ''")[0][0] >= 9
    for name, bsn in PEOPLE:
        surname = name.split()[1]
        # The scenario did store them in the application database (plaintext in this test model) ...
        assert surname.encode() in app_bytes
        # ... and the audit database holds none of it, in any encoding SQLite could use.
        for needle in (surname, bsn):
            for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
                assert needle.encode(encoding) not in audit_bytes, f"{needle} found in the audit file"


APPENDERS = 8 if FULL else 4  # make test: four processes still interleave their batches


def test_processes_appending_to_sqlite_at_once_make_one_chain(tmp_path):
    data_dir = filedb.migrated(tmp_path / "db", ["audit"])
    start_at = time.time() + 4
    processes = [
        subprocess.Popen(
            manage_command("audit_test_append", "--count", "30", "--batch", str(1 + n % 3),
                           "--start-at", str(start_at)),
            cwd=filedb.ROOT, env=filedb.environment(data_dir), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        for n in range(APPENDERS)
    ]
    for process in processes:
        _out, err = process.communicate(timeout=dbtemplates.PROCESS_TIMEOUT)
        assert process.returncode == 0, err.decode()
    sequences = [row[0] for row in filedb.rows(data_dir, "SELECT sequence FROM audit_auditevent ORDER BY sequence")]
    assert sequences == list(range(1, APPENDERS * 30 + 1))
    result = filedb.manage(data_dir, "audit_verify", "--no-progress")
    assert f"{APPENDERS * 30} events" in result.stdout
