"""Destruction on PostgreSQL: after `apply_retention --execute` a pg_dump of the key store no longer
holds the destroyed dossier's wrapped keys, a dump of the main database not its ciphertext,
`audit_verify` passes, and a main-database dump taken before the destruction, restored, no longer
decrypts it. Run under `python -m tests.pgserver -- pytest -m postgres tests/casework/privacy`.
"""

from __future__ import annotations

import json
import sys

import pytest

from tests import dbtemplates, forkserver
from tests.casework.privacy.retention_scenario import BSN, SURNAME
from tests.commands import manage_command
from tests.encryption.test_postgres import ROOT, Server

pytestmark = pytest.mark.postgres


class RetentionServer(Server):
    def run(self, *args: str, main: str | None = None) -> dict:
        done = forkserver.run([sys.executable, "-m", "tests.casework.privacy.retention_scenario", *args], cwd=ROOT,
                              env=self.env(main), timeout=dbtemplates.PROCESS_TIMEOUT)
        assert done.returncode == 0, done.stderr[-3000:]
        return json.loads(done.stdout.strip().splitlines()[-1])

    def manage(self, *args: str) -> str:
        done = forkserver.run(manage_command(*args), cwd=ROOT, env=self.env(), timeout=dbtemplates.PROCESS_TIMEOUT)
        assert done.returncode == 0, done.stdout + done.stderr[-3000:]
        return done.stdout


@pytest.fixture
def server(tmp_path):
    server = RetentionServer(tmp_path)  # migrated databases
    try:
        yield server
    finally:
        server.drop_all()


def test_pg_dumps_lose_the_destroyed_dossier_and_an_old_dump_stays_closed(server):
    ids = server.run("seed")
    main_before = server.dump(f"{server.prefix}_main")
    assert ids["surname_sealed"] in main_before and ids["person_wrapped"] in server.dump(f"{server.prefix}_keys")

    server.manage("apply_retention", "--execute", "--approval", ids["batch"])

    main_after, keys_after = server.dump(f"{server.prefix}_main"), server.dump(f"{server.prefix}_keys")
    for secret in (SURNAME, BSN):
        assert secret not in main_after and secret not in keys_after
    assert ids["surname_sealed"] not in main_after
    assert ids["person_wrapped"] not in keys_after and ids["case_wrapped"] not in keys_after
    assert "audit chain intact" in server.manage("audit_verify", "--no-progress")
    server.restore(main_before, f"{server.prefix}_restored")
    assert server.run("read", ids["person"], ids["kept_person"], main=f"{server.prefix}_restored") == {
        ids["person"]: "fail: data key destroyed", ids["kept_person"]: "ok"}
