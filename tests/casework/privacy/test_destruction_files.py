"""Destruction on real SQLite files: after `apply_retention --execute`, the raw bytes of the databases
hold no personal data of the destroyed dossier, not even its ciphertext, and the key store holds
no old wrapped key; `audit_verify` still passes; a main-database backup taken before the
destruction can no longer decrypt the dossier. (PostgreSQL: test_destruction_postgres.py.)
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from config.environment import generate_key_file
from tests import dbtemplates, forkserver
from tests.casework.privacy.retention_scenario import ADDRESS, BSN, SURNAME
from tests.commands import manage_command

ROOT = Path(__file__).resolve().parents[3]
SECRETS = [SURNAME, BSN, ADDRESS]


class Site:
    def __init__(self, tmp: Path) -> None:
        self.data = dbtemplates.copy_sqlite(tmp / "data")  # every alias migrated
        self.key_file = tmp / "keys.json"
        generate_key_file(self.key_file)
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.endswith("DATABASE_URL")},
            "DJANGO_ENV": "test", "DATA_DIR": str(self.data), "FIELD_ENCRYPTION_KEY_FILE": str(self.key_file),
        }

    def step(self, *args: str) -> dict:
        done = forkserver.run([sys.executable, "-m", "tests.casework.privacy.retention_scenario", *args], cwd=ROOT,
                              env=self.env, timeout=dbtemplates.PROCESS_TIMEOUT)
        assert done.returncode == 0, done.stderr[-3000:]
        return json.loads(done.stdout.strip().splitlines()[-1])

    def manage(self, *args: str) -> subprocess.CompletedProcess:
        done = forkserver.run(manage_command(*args), cwd=ROOT, env=self.env, timeout=dbtemplates.PROCESS_TIMEOUT)
        assert done.returncode == 0, done.stdout + done.stderr[-3000:]
        return done

    def raw(self, database: str) -> bytes:
        return b"".join(path.read_bytes() for path in sorted(self.data.glob(f"{database}.sqlite3*")))


def test_execute_leaves_no_trace_in_the_files_and_a_backup_stays_closed(tmp_path):
    site = Site(tmp_path)
    ids = site.step("seed")
    site.step("checkpoint")
    sealed = bytes.fromhex(ids["surname_sealed"])
    assert sealed in site.raw("app")  # the scan sees the dossier's ciphertext before
    assert bytes.fromhex(ids["person_wrapped"]) in site.raw("keys")
    backup = tmp_path / "backup"
    shutil.copytree(site.data, backup)

    dry = site.manage("apply_retention")
    assert ids["reference"] in dry.stdout
    assert site.step("read", ids["person"]) == {ids["person"]: "ok"}  # the dry run changed nothing

    site.manage("apply_retention", "--execute", "--approval", ids["batch"])
    site.step("checkpoint")

    for database in ("app", "keys", "audit"):
        raw = site.raw(database)
        for secret in SECRETS:
            assert secret.encode() not in raw, (secret, database)
    assert sealed not in site.raw("app")  # not even the ciphertext: secure_delete zeroed the pages
    assert ids["reference"].encode() in site.raw("app")  # the tombstone keeps the reference
    for wrapped in (ids["person_wrapped"], ids["case_wrapped"]):
        assert bytes.fromhex(wrapped) not in site.raw("keys")
    assert "audit chain intact" in site.manage("audit_verify", "--no-progress").stdout
    assert site.step("read", ids["person"], ids["kept_person"]) == {ids["person"]: "gone", ids["kept_person"]: "ok"}

    for path in site.data.glob("app.sqlite3*"):
        path.unlink()
    for path in backup.glob("app.sqlite3*"):  # restore the main database from before the destruction
        shutil.copy(path, site.data / path.name)
    assert site.step("read", ids["person"], ids["kept_person"]) == {
        ids["person"]: "fail: data key destroyed", ids["kept_person"]: "ok"}

