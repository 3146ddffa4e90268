"""Scale-out on PostgreSQL, for real: two app servers share one primary and read from a streaming
replica started here (`pg_basebackup -R`), through the database router.

Replay on the replica is paused while the writes happen, so it is certainly behind: a write through
A is read through B at once (read-your-writes), a share revoked through A hides the case from the
partner through B at once, and a dossier shredded on the primary refuses to decrypt through B at
once. After replay resumes and the replica has caught up — waited for by comparing WAL positions,
never by sleeping a fixed time — B serves reads from the replica.
"""

from __future__ import annotations

import json
import re
import time
import urllib.parse
from pathlib import Path

import pytest

from tests import templatedb
from tests.ops.support import Client, environment, gunicorn, login, provision, throwaway_keys
from tests.pgserver import streaming_replica

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(databases="__all__")]
psycopg = pytest.importorskip("psycopg")
CASE_ROUTE = "cases/<uuid:case_id>/"


def _replica_url(primary_url: str, port: int) -> str:
    parts = urllib.parse.urlsplit(primary_url)
    return urllib.parse.urlunsplit(parts._replace(netloc=f"{parts.username}@127.0.0.1:{port}"))


def _sql(url: str, statement: str):
    with psycopg.connect(url, autocommit=True) as connection:
        return connection.execute(statement).fetchone()


def wait_for_replay(primary_url: str, replica_url: str, timeout: float = 60) -> None:
    """Until the replica has replayed the primary's current WAL position (a condition, not a delay)."""
    (target,) = _sql(primary_url, "SELECT pg_current_wal_lsn()::text")
    deadline = time.monotonic() + timeout
    with psycopg.connect(replica_url, autocommit=True) as replica:
        while True:
            (caught_up,) = replica.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target]).fetchone()
            if caught_up:
                return
            assert time.monotonic() < deadline, f"replica did not reach {target}"
            time.sleep(0.01)  # poll interval of the WAL comparison above


def _request_lines(server) -> list[dict]:
    return [json.loads(line) for line in server.log().splitlines()
            if line.startswith("{") and '"logger": "zorgveilig.request"' in line]


def _last_route(server, route: str) -> dict:
    return [line for line in _request_lines(server) if line.get("route") == route][-1]


def test_two_servers_a_primary_and_a_streaming_replica(migrated_template, tmp_path: Path):
    if not migrated_template.postgres:
        pytest.skip("needs the PostgreSQL templates")
    with templatedb.postgres_copies(migrated_template, prefix="zv_repl_") as urls:
        primary = urls["DATABASE_URL"]
        with streaming_replica(primary) as replica_port:
            replica = _replica_url(primary, replica_port)
            env = environment(tmp_path, env="test", keys=throwaway_keys(),
                              databases={**urls, "REPLICA_DATABASE_URL": replica}, LOG_FORMAT="json",
                              LOG_LEVEL="INFO")
            info = provision(env, {"users": 1, "partner": True, "case": True})
            case_page = f"/cases/{info['case_id']}/"
            with gunicorn(env, workers=1, log_path=tmp_path / "a.log") as a, \
                    gunicorn(env, workers=1, log_path=tmp_path / "b.log") as b:
                owner_a, partner_b = Client(a.url), Client(b.url)
                login(owner_a, info["users"][0])
                owner_b = Client(b.url)
                owner_b.jar, owner_b.opener = owner_a.jar, owner_a.opener  # one browser, two servers
                login(partner_b, info["partner"])
                assert partner_b.get(case_page).status == 200  # shared with the partner's organisation
                assert owner_b.get(case_page).status == 200  # B now holds the dossier's key in its cache

                _sql(replica, "SELECT pg_wal_replay_pause()")
                # A write through A is visible through B at once.
                form = owner_a.get("/cases/pga/new/")
                created = owner_a.post("/cases/pga/new/", {
                    "csrfmiddlewaretoken": owner_a.csrf_from(form), "first_names": "Proef",
                    "surname": "Schaalbaar", "date_of_birth": "1991-03-04", "aanleiding": "Synthetisch",
                    "informed_status": "not_yet"})
                assert created.status == 302
                new_case = urllib.parse.urlsplit(created.headers["Location"]).path
                seen = owner_b.get(new_case)
                assert seen.status == 200 and "Schaalbaar" in seen.body
                assert _last_route(b, CASE_ROUTE)["db"] == "primary"

                # A share revoked through A hides the case from the partner through B at once.
                revoke = f"{case_page}shares/{info['share_id']}/revoke/"
                page = owner_a.get(revoke)
                version = re.search(r'name="version" value="(\d+)"', page.body).group(1)  # the case version read
                revoked = owner_a.post(revoke, {"csrfmiddlewaretoken": owner_a.csrf_from(page), "version": version,
                                                "reason": "Samenwerking beëindigd"})
                assert revoked.status == 302, revoked.body[:1000]
                assert partner_b.get(case_page).status in (403, 404)

                # A dossier shredded on the primary refuses to decrypt through B at once.
                from tests.ops.test_backup_drill import _drill

                _drill(env, "shred", info["person_id"])
                refused = owner_b.get(case_page)
                assert refused.status == 500 and "Persoon" not in refused.body

                # Once the replica has caught up, B reads from it, and it agrees.
                _sql(replica, "SELECT pg_wal_replay_resume()")
                served_by = []
                for _attempt in range(5):  # background WAL (autovacuum) may move the primary on between
                    wait_for_replay(primary, replica)
                    response = owner_b.get(new_case)
                    assert response.status == 200 and "Schaalbaar" in response.body
                    served_by.append(_last_route(b, CASE_ROUTE)["db"])
                    if served_by[-1] == "replica":
                        break
                assert served_by[-1] == "replica", served_by
                wait_for_replay(primary, replica)
                assert partner_b.get(case_page).status in (403, 404)
