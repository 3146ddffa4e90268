"""PostgreSQL guarantees of the audit trail (run with `python -m tests.pgserver -- pytest -m postgres`).

Trigger tests need committed data, and pytest-django empties its own test databases with TRUNCATE,
which the triggers allow only in databases named `test_*`. So these tests create a throwaway
database per test (named `zv_audit_*`, where every refusal applies) as a copy of the session's
template migrated with the real `migrate` (tests/dbtemplates.py), and drop it afterwards.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import time
from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests import dbtemplates, forkserver
from tests.audit import filedb
from tests.commands import manage_command

pytestmark = pytest.mark.postgres

RETENTION_ROLE = "zorgveilig_audit_retention"
psycopg = pytest.importorskip("psycopg")


def _server_url() -> str:
    url = os.environ.get("AUDIT_DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("needs AUDIT_DATABASE_URL on a PostgreSQL server (python -m tests.pgserver)")
    return url


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _env(audit_url: str) -> dict[str, str]:
    env = {**os.environ, "DJANGO_ENV": "test", "AUDIT_DATABASE_URL": audit_url, "PYTHONPATH": str(filedb.ROOT)}
    return env


def manage(audit_url: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    result = forkserver.run(manage_command(*args), cwd=filedb.ROOT, env=_env(audit_url),
                            timeout=dbtemplates.PROCESS_TIMEOUT)
    if check and result.returncode != 0:
        raise AssertionError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


@pytest.fixture
def audit_db() -> Iterator[str]:
    """A migrated throwaway audit database on the test server (a copy of the template); yields its URL."""
    yield from _throwaway_database()


def _throwaway_database() -> Iterator[str]:
    server = _server_url()
    name = f"zv_audit_{secrets.token_hex(4)}"
    admin_url = _with_database(server, "postgres")
    url = dbtemplates.pg_clone(server, "audit", name)
    try:
        yield url
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def app_role(audit_db) -> Iterator[str]:
    yield from _app_role(audit_db)


def _app_role(audit_db: str) -> Iterator[str]:
    """The application's role as docs/privacy/database-roles.md prescribes: INSERT and SELECT only."""
    role = f"zv_app_{secrets.token_hex(4)}"
    with psycopg.connect(audit_db, autocommit=True) as conn:
        conn.execute(f'CREATE ROLE "{role}" LOGIN')
        conn.execute(f'GRANT SELECT, INSERT ON audit_auditevent, audit_auditcheckpoint, audit_verificationrun, '
                     f'audit_countedday, audit_eventcount TO "{role}"')
        conn.execute(f'GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO "{role}"')
    yield role
    with psycopg.connect(audit_db, autocommit=True) as conn:
        conn.execute(f'DROP OWNED BY "{role}"')
        conn.execute(f'DROP ROLE "{role}"')


@pytest.fixture
def retention_role(audit_db) -> Iterator[str]:
    with psycopg.connect(audit_db, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [RETENTION_ROLE]).fetchone()
        if not exists:
            conn.execute(f'CREATE ROLE "{RETENTION_ROLE}" LOGIN')
        conn.execute(f'GRANT SELECT, DELETE ON audit_auditevent TO "{RETENTION_ROLE}"')
        conn.execute(f'GRANT SELECT ON audit_auditcheckpoint TO "{RETENTION_ROLE}"')
        conn.execute(f'GRANT SELECT, DELETE ON audit_countedday, audit_eventcount TO "{RETENTION_ROLE}"')
        conn.execute(f'GRANT EXECUTE ON FUNCTION audit_drop_partition(text) TO "{RETENTION_ROLE}"')
    yield RETENTION_ROLE
    with psycopg.connect(audit_db, autocommit=True) as conn:
        conn.execute(f'DROP OWNED BY "{RETENTION_ROLE}"')  # only this database's grants


def _as(url: str, role: str | None, sql: str, params=()) -> int:
    """Run one statement as `role` (None: the migrating owner, a superuser here); rows affected."""
    with psycopg.connect(url, autocommit=True) as conn:
        if role:
            conn.execute(f'SET ROLE "{role}"')
        return conn.execute(sql, params).rowcount


def _count(url: str) -> int:
    with psycopg.connect(url, autocommit=True) as conn:
        return conn.execute("SELECT count(*) FROM audit_auditevent").fetchone()[0]


@pytest.fixture(scope="module")
def populated() -> Iterator[tuple[str, str]]:
    """Shared by the refusal tests (a refused statement changes nothing): 3 events + checkpoint."""
    databases = _throwaway_database()
    url = next(databases)
    roles = _app_role(url)
    role = next(roles)
    manage(url, "audit_test_append", "--count", "3")
    manage(url, "audit_checkpoint")
    manage(url, "audit_verify", "--no-progress")
    _count_day(url, role, "2026-01-01", last=3)
    yield url, role
    for generator in (roles, databases):
        next(generator, None)


REFUSED = (psycopg.errors.InsufficientPrivilege, psycopg.errors.RaiseException)


@pytest.mark.parametrize("who", ["app", "owner"])
@pytest.mark.parametrize("statement", [  # the anomaly rules' counted days (ADR 0053)
    "UPDATE audit_countedday SET events = 0",
    "DELETE FROM audit_countedday",
    "TRUNCATE audit_countedday",
    "UPDATE audit_eventcount SET count = 0",
    "DELETE FROM audit_eventcount",
    "TRUNCATE audit_eventcount",
])
def test_counted_days_are_append_only(populated, statement, who):
    url, app = populated
    with pytest.raises(REFUSED):
        _as(url, app if who == "app" else None, statement)
    with psycopg.connect(url, autocommit=True) as conn:
        assert conn.execute("SELECT events FROM audit_countedday").fetchall() == [(3,)]
        assert conn.execute("SELECT count FROM audit_eventcount").fetchall() == [(60,)]


def _count_day(url: str, role: str | None, day: str, *, last: int) -> None:
    """A counted day with one count, as the application stores it (INSERT only)."""
    _as(url, role, "INSERT INTO audit_countedday (day, last_sequence, events, counted_at) VALUES (%s, %s, 3, now())",
        (day, last))
    _as(url, role, "INSERT INTO audit_eventcount (day, kind, actor_id, actor_name, actor_organisation, case_id, "
                   "count, first_sequence, first_at) "
                   "VALUES (%s, 'many_persons', '7', 'Test', 'Testgemeente', '', 60, 1, now())", (day,))


def test_retention_role_deletes_counted_days_only_at_or_below_the_cut(audit_db, retention_role):
    manage(audit_db, "audit_test_append", "--count", "10")
    manage(audit_db, "audit_checkpoint", "--cut")  # signs event 10
    _count_day(audit_db, None, "2026-01-01", last=10)
    _count_day(audit_db, None, "2026-01-02", last=11)
    with pytest.raises(REFUSED):  # a day reaching above the cut
        _as(audit_db, retention_role, "DELETE FROM audit_eventcount WHERE day = '2026-01-02'")
    with pytest.raises(REFUSED):
        _as(audit_db, retention_role, "DELETE FROM audit_countedday WHERE day = '2026-01-02'")
    assert _as(audit_db, retention_role, "DELETE FROM audit_eventcount WHERE day = '2026-01-01'") == 1
    assert _as(audit_db, retention_role, "DELETE FROM audit_countedday WHERE day = '2026-01-01'") == 1


@pytest.mark.parametrize("statement", [
    "UPDATE audit_auditevent SET reason = 'weg' WHERE sequence = 2",
    "DELETE FROM audit_auditevent WHERE sequence = 2",
    "TRUNCATE audit_auditevent",
    "UPDATE audit_auditcheckpoint SET sequence = 99",
    "DELETE FROM audit_auditcheckpoint",
    "TRUNCATE audit_auditcheckpoint",
    "DELETE FROM audit_verificationrun",
])
@pytest.mark.parametrize("who", ["app", "owner"])
def test_changes_are_refused(populated, statement, who):
    """The app role lacks the privilege; even the owner (a superuser here) meets the triggers."""
    url, app = populated
    with pytest.raises(REFUSED):
        _as(url, app if who == "app" else None, statement)
    assert _count(url) == 4


def test_refusals_left_the_chain_intact(populated):
    url, _app = populated
    result = manage(url, "audit_verify", "--no-progress")
    assert "4 events" in result.stdout


def test_app_role_can_append_and_read(audit_db, app_role):
    _as(audit_db, app_role, "SELECT count(*) FROM audit_auditevent")
    url = urlunsplit(urlsplit(audit_db)._replace(netloc=f"{app_role}@{urlsplit(audit_db).hostname}:"
                                                        f"{urlsplit(audit_db).port}"))
    manage(url, "audit_test_append", "--count", "5", "--batch", "2")
    assert _count(audit_db) == 5


def test_retention_role_deletes_only_at_or_below_the_cut(audit_db, retention_role):
    manage(audit_db, "audit_test_append", "--count", "10")
    manage(audit_db, "audit_checkpoint", "--cut")  # signs event 10, records event 11
    manage(audit_db, "audit_test_append", "--count", "3")
    with pytest.raises(REFUSED):
        _as(audit_db, retention_role, "DELETE FROM audit_auditevent WHERE sequence = 11")
    with pytest.raises(REFUSED):  # one row above the cut spoils the whole statement
        _as(audit_db, retention_role, "DELETE FROM audit_auditevent WHERE sequence <= 11")
    assert _count(audit_db) == 14
    assert _as(audit_db, retention_role, "DELETE FROM audit_auditevent WHERE sequence <= 10") == 10
    assert _count(audit_db) == 4
    with pytest.raises(REFUSED):
        _as(audit_db, retention_role, "TRUNCATE audit_auditevent")
    result = manage(audit_db, "audit_verify", "--no-progress")
    assert "4 events" in result.stdout


def test_retention_role_cannot_delete_without_a_cut(audit_db, retention_role):
    manage(audit_db, "audit_test_append", "--count", "3")
    manage(audit_db, "audit_checkpoint")  # periodic, not a cut
    with pytest.raises(REFUSED):
        _as(audit_db, retention_role, "DELETE FROM audit_auditevent WHERE sequence = 1")


def test_eight_processes_appending_make_one_valid_chain(audit_db):
    start_at = time.time() + 5
    processes = [
        subprocess.Popen(
            manage_command("audit_test_append", "--count", "40", "--batch", str(1 + n % 4),
                           "--start-at", str(start_at)),
            cwd=filedb.ROOT, env=_env(audit_db), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        for n in range(8)
    ]
    for process in processes:
        _out, err = process.communicate(timeout=dbtemplates.PROCESS_TIMEOUT)
        assert process.returncode == 0, err.decode()
    with psycopg.connect(audit_db, autocommit=True) as conn:
        sequences = [row[0] for row in conn.execute("SELECT sequence FROM audit_auditevent ORDER BY sequence")]
        request_ids = conn.execute("SELECT count(DISTINCT request_id) FROM audit_auditevent").fetchone()[0]
    assert sequences == list(range(1, 8 * 40 + 1))
    assert request_ids == 8  # really eight writers
    result = manage(audit_db, "audit_verify", "--no-progress")
    assert "320 events" in result.stdout
