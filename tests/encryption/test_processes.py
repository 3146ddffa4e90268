"""Guarantees that need real SQLite files and more than one process (scenario.py does the work)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from config.environment import generate_key_file
from tests import dbtemplates, forkserver
from tests.encryption.conftest import PLAIN

ROOT = Path(__file__).resolve().parents[2]
SECRETS = [PLAIN["name"], PLAIN["bsn"], "Kwartelkoning", "Teststraat 12", "1971-03-14", "0612345678"]


class Site:
    """One deployment on disk: database files in `data`, keys in a key file."""

    def __init__(self, tmp: Path) -> None:
        self.data = dbtemplates.copy_sqlite(tmp / "data")  # every alias migrated
        self.key_file = tmp / "keys.json"
        generate_key_file(self.key_file)
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.endswith("DATABASE_URL")},
            "DJANGO_ENV": "test", "DATA_DIR": str(self.data), "FIELD_ENCRYPTION_KEY_FILE": str(self.key_file),
        }

    def run(self, *args: str) -> dict:
        done = forkserver.run([sys.executable, "-m", "tests.encryption.scenario", *args], cwd=ROOT, env=self.env,
                              timeout=dbtemplates.PROCESS_TIMEOUT)
        assert done.returncode == 0, done.stderr[-3000:]
        return json.loads(done.stdout.strip().splitlines()[-1])

    def worker(self) -> subprocess.Popen:
        process = subprocess.Popen([sys.executable, "-m", "tests.encryption.scenario", "serve"], cwd=ROOT,
                                   env=self.env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert json.loads(process.stdout.readline()) == {"ready": True}
        return process

    def raw(self, database: str) -> bytes:
        return b"".join(path.read_bytes() for path in sorted(self.data.glob(f"{database}.sqlite3*")))


def ask(worker: subprocess.Popen, line: str) -> dict:
    worker.stdin.write(line + "\n")
    worker.stdin.flush()
    return json.loads(worker.stdout.readline())


@pytest.fixture
def site(tmp_path) -> Site:
    return Site(tmp_path)


def test_sqlite_files_hold_no_plaintext(site):
    site.run("seed")
    main = site.raw("app")
    assert b"ZAAK-PLAIN-0001" in main  # the scan does see unencrypted columns
    for secret in SECRETS:
        for database in ("app", "keys", "audit"):
            assert secret.encode() not in site.raw(database), (secret, database)
    site.run("checkpoint")
    for secret in SECRETS:
        assert secret.encode() not in site.raw("app")


def test_shredding_reaches_other_workers_restored_backups_and_the_key_store_bytes(site, tmp_path):
    ids = site.run("seed")
    a, b = ids["a"], ids["b"]
    wrapped = bytes.fromhex(ids["a_wrapped"])
    assert wrapped in site.raw("keys")
    worker = site.worker()
    try:
        assert ask(worker, f"read {a} {b}") == {a: "ok", b: "ok"}  # the worker now has both keys cached
        site.run("checkpoint")
        backup = tmp_path / "backup"
        shutil.copytree(site.data, backup)  # the main database backup, taken before the shredding

        site.run("shred", ids["a_key"], a)

        assert ask(worker, f"read {a} {b}") == {a: "fail: data key destroyed", b: "ok"}
    finally:
        worker.stdin.write("quit\n")
        worker.stdin.close()
        worker.wait(timeout=dbtemplates.PROCESS_TIMEOUT)
    assert wrapped not in site.raw("keys")  # neither in the file, its free pages nor the WAL
    for path in backup.glob("app.sqlite3*"):  # restore the pre-shredding main database
        shutil.copy(path, site.data / path.name)
    assert site.run("read", a, b) == {a: "fail: data key destroyed", b: "ok"}
