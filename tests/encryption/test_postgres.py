"""PostgreSQL guarantees: bytea CHECK constraints, and dumps of the main and key databases.

Run under `python -m tests.pgserver -- pytest -m postgres tests/encryption`. Tests needing
committed data work in throwaway databases created (copies of the session's migrated templates,
tests/dbtemplates.py) and dropped here (pytest-django's TRUNCATE flush is not used for them).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.db import IntegrityError, connections, transaction

from config.environment import generate_key_file
from tests import dbtemplates, forkserver
from tests.encryption.conftest import PLAIN, make_dossier
from tests.encryption.test_processes import SECRETS
from tests.testapps.crypto.models import Dossier

pytestmark = pytest.mark.postgres
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db(databases="__all__")
def test_values_round_trip_on_postgres():
    assert connections["default"].vendor == "postgresql"
    dossier = make_dossier()
    loaded = Dossier.objects.get(pk=dossier.pk)
    assert (loaded.name, loaded.birth_date, loaded.extra) == (PLAIN["name"], PLAIN["birth_date"], PLAIN["extra"])
    assert loaded.history.get().bsn == PLAIN["bsn"]


@pytest.mark.django_db(databases="__all__")
@pytest.mark.parametrize("value", ["Testpersoon Rauw", b"\x01short", b"\x02" + bytes(60)])
def test_raw_sql_that_is_not_sealed_is_refused_by_the_check_constraint(value):
    table = Dossier._meta.db_table
    with pytest.raises(IntegrityError), transaction.atomic(), connections["default"].cursor() as cursor:
        cursor.execute(
            f'INSERT INTO "{table}" (id, data_key_id, reference, name) VALUES (%s, %s, %s, %s::bytea)',  # noqa: S608
            [uuid.uuid4(), uuid.uuid4(), "", value.encode() if isinstance(value, str) else value],
        )


class Server:
    """Throwaway databases on the test server, driven through scenario.py in a subprocess."""

    def __init__(self, tmp: Path) -> None:
        base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
        self.base = base
        self.pg_bin = Path(os.environ.get("PG_BIN", "/usr/bin"))
        self.prefix = f"zv_enc_{uuid.uuid4().hex[:8]}"
        self.created: list[str] = []
        self.key_file = tmp / "keys.json"
        generate_key_file(self.key_file)
        for alias, name in zip(dbtemplates.ALIASES, ("main", "audit", "keys"), strict=True):
            dbtemplates.pg_clone(base, alias, f"{self.prefix}_{name}")  # migrated
            self.created.append(f"{self.prefix}_{name}")

    def admin(self, sql: str) -> None:
        with psycopg.connect(f"{self.base}/postgres", autocommit=True) as conn:
            conn.execute(sql)

    def create(self, name: str) -> None:
        self.admin(f'CREATE DATABASE "{name}"')
        self.created.append(name)

    def drop_all(self) -> None:
        for name in self.created:
            self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def env(self, main: str | None = None) -> dict:
        return {
            **os.environ, "DJANGO_ENV": "test", "FIELD_ENCRYPTION_KEY_FILE": str(self.key_file),
            "DATABASE_URL": f"{self.base}/{main or self.prefix + '_main'}",
            "AUDIT_DATABASE_URL": f"{self.base}/{self.prefix}_audit",
            "KEYS_DATABASE_URL": f"{self.base}/{self.prefix}_keys",
        }

    def run(self, *args: str, main: str | None = None) -> dict:
        done = forkserver.run([sys.executable, "-m", "tests.encryption.scenario", *args], cwd=ROOT,
                              env=self.env(main), timeout=dbtemplates.PROCESS_TIMEOUT)
        assert done.returncode == 0, done.stderr[-3000:]
        return json.loads(done.stdout.strip().splitlines()[-1])

    def dump(self, database: str) -> str:
        return subprocess.run([str(self.pg_bin / "pg_dump"), f"{self.base}/{database}"], capture_output=True,
                              text=True, check=True, timeout=dbtemplates.PROCESS_TIMEOUT).stdout

    def restore(self, dump: str, database: str) -> None:
        self.create(database)
        subprocess.run([str(self.pg_bin / "psql"), "-q", "-v", "ON_ERROR_STOP=1", f"{self.base}/{database}"],
                       input=dump, capture_output=True, text=True, check=True,
                       timeout=dbtemplates.PROCESS_TIMEOUT)


@pytest.fixture
def server(tmp_path):
    server = Server(tmp_path)
    try:
        yield server
    finally:
        server.drop_all()


def test_pg_dumps_hold_no_plaintext_and_the_key_store_dump_loses_a_shredded_key(server):
    ids = server.run("seed")
    a, b = ids["a"], ids["b"]
    main_dump = server.dump(f"{server.prefix}_main")
    assert "ZAAK-PLAIN-0001" in main_dump  # the dump does hold unencrypted columns
    for secret in SECRETS:
        assert secret not in main_dump, secret
    assert ids["a_wrapped"] in server.dump(f"{server.prefix}_keys")  # bytea is dumped as hex

    server.run("shred", ids["a_key"], a)

    assert ids["a_wrapped"] not in server.dump(f"{server.prefix}_keys")
    assert ids["b_wrapped"] in server.dump(f"{server.prefix}_keys")
    server.restore(main_dump, f"{server.prefix}_restored")  # the main backup from before the shredding
    assert server.run("read", a, b, main=f"{server.prefix}_restored") == {a: "fail: data key destroyed", b: "ok"}
