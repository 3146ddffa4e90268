"""Through gunicorn on file-backed SQLite: a locked key store or audit store answers the 503 page
within the configured busy timeout, nothing is half-saved, and a process killed between creating
a data key and committing its dossier leaves an orphan that the scheduled sweeper destroys."""

from __future__ import annotations

import sqlite3
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.urls import reverse

from tests import forkserver
from tests.ops.support import ROOT, Client, gunicorn, login, manage, provision

pytestmark = pytest.mark.django_db(databases="__all__")

BUSY_TIMEOUT = 0.5
REFERRAL = {"first_names": "Proef", "date_of_birth": "1990-01-01", "aanleiding": "Synthetisch",
            "informed_status": "not_yet"}


@contextmanager
def write_locked(path: Path):
    """Hold the write lock of one SQLite file, as a long writer in another process would."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        connection.execute("ROLLBACK")
        connection.close()


def _rows(path: Path, sql: str) -> list[tuple]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def test_locked_stores_answer_503_fast_and_nothing_is_half_saved(sqlite_env, tmp_path: Path):
    sqlite_env["SQLITE_BUSY_TIMEOUT"] = str(BUSY_TIMEOUT)
    data = Path(sqlite_env["DATA_DIR"])
    info = provision(sqlite_env, {"users": 1, "case": True})
    referral = reverse("casework:referral_create")
    case_page = reverse("casework:case_detail", kwargs={"case_id": info["case_id"]})
    with gunicorn(sqlite_env, workers=1, log_path=tmp_path / "gunicorn.log") as server:
        client = Client(server.url)
        login(client, info["users"][0])
        cases_before = _rows(data / "app.sqlite3", "SELECT count(*) FROM casework_case")[0][0]

        form = client.get(referral)
        with write_locked(data / "keys.sqlite3"):
            started = time.monotonic()
            refused = client.post(referral, {**REFERRAL, "surname": "Sleutelslot",
                                             "csrfmiddlewaretoken": client.csrf_from(form)})
            elapsed = time.monotonic() - started
        assert refused.status == 503 and refused.headers.get("Retry-After") == "60", refused.status
        assert elapsed < 10 * BUSY_TIMEOUT + 5  # the busy timeout, not a hang (+ the request itself)
        assert "Sleutelslot" not in refused.body
        assert _rows(data / "app.sqlite3", "SELECT count(*) FROM casework_case")[0][0] == cases_before

        with write_locked(data / "audit.sqlite3"):
            started = time.monotonic()
            unseen = client.get(case_page)
            elapsed = time.monotonic() - started
        assert unseen.status == 503 and "Proef" not in unseen.body  # the person's name was not shown
        assert elapsed < 10 * BUSY_TIMEOUT + 5

        # Once the stores are free again the same work succeeds.
        form = client.get(referral)
        accepted = client.post(referral, {**REFERRAL, "surname": "Weervrij",
                                          "csrfmiddlewaretoken": client.csrf_from(form)})
        assert accepted.status == 302
        assert client.get(accepted.headers["Location"]).status == 200
    state = provision(sqlite_env, {"report": True})
    assert state["orphans"] == 0 and state["cases"] == cases_before + 1
    assert '"status": 503' in server.log()


KILLED = """
import os, signal, django
django.setup()
from django.db import transaction
from encryption.keystore import datakey_create
from tests.testapps.crypto.models import Dossier
with transaction.atomic():
    key = datakey_create()
    Dossier(data_key_id=key.id, name="Nooit vastgelegd").save()
    print(key.id, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)  # dies before the dossier commits
"""


def test_a_killed_process_leaves_an_orphan_that_the_sweeper_destroys(sqlite_env):
    data = Path(sqlite_env["DATA_DIR"])
    info = provision(sqlite_env, {"users": 1, "case": True})
    killed = forkserver.run([sys.executable, "-c", KILLED], cwd=ROOT, env=sqlite_env, timeout=120)
    assert killed.returncode == -9, killed.stderr
    orphan = killed.stdout.strip().replace("-", "")
    live = "SELECT id FROM encryption_datakey WHERE destroyed_at IS NULL"
    assert orphan in {row[0] for row in _rows(data / "keys.sqlite3", live)}

    # Within the grace period nothing is touched; past it the orphan is destroyed and nothing else.
    assert "destroyed 0 orphan(s)" in manage(sqlite_env, "sweep_orphan_keys").stdout
    swept = manage(sqlite_env, "sweep_orphan_keys", "--older-than-minutes", "0")
    assert "destroyed 1 orphan(s)" in swept.stdout
    assert orphan not in {row[0] for row in _rows(data / "keys.sqlite3", live)}
    state = provision(sqlite_env, {"report": True, "case_id": info["case_id"]})
    assert state["orphans"] == 0 and state["live_keys"] >= 1  # the provisioned case's key lives on
