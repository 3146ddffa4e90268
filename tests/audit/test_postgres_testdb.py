"""The audit alias inside pytest-django's own PostgreSQL test databases.

Other apps' transactional tests with databases="__all__" are flushed with TRUNCATE: the triggers
allow that in databases named `test_*` only, and must refuse everything else there too.
"""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connections, transaction

import audit
from audit.actions import Action
from audit.models import AuditEvent
from audit.verification import verify_chain
from casework.pga.casetype import PROCESSING_ACTIVITY as PGA_PROCESREGIE

pytestmark = pytest.mark.postgres
psycopg = pytest.importorskip("psycopg")


def _skip_unless_postgres():
    if connections["audit"].vendor != "postgresql":
        pytest.skip("needs the audit alias on PostgreSQL")


@pytest.mark.django_db(databases="__all__")
def test_record_and_verify_on_postgres():
    _skip_unless_postgres()
    for _ in range(3):
        audit.record(action=Action.VIEW, processing_activity=PGA_PROCESREGIE, actor=None)
    assert verify_chain().intact


@pytest.mark.django_db(databases="__all__")
def test_update_is_refused_in_the_test_database_too():
    _skip_unless_postgres()
    event = audit.record(action=Action.VIEW, processing_activity=PGA_PROCESREGIE, actor=None)
    with pytest.raises(DatabaseError), transaction.atomic(using="audit"):
        AuditEvent.objects.filter(sequence=event.sequence).update(reason="weg")
    with pytest.raises(DatabaseError), transaction.atomic(using="audit"):
        AuditEvent.objects.filter(sequence=event.sequence).delete()


@pytest.mark.django_db(databases="__all__", transaction=True)
@pytest.mark.parametrize("round_", [1, 2])
def test_transactional_tests_are_flushed(round_):
    """Runs twice: the second run starts empty only if the first run's flush (TRUNCATE) worked."""
    _skip_unless_postgres()
    assert not AuditEvent.objects.exists()
    audit.record(action=Action.VIEW, processing_activity=PGA_PROCESREGIE, actor=None)


PREPARED = ("SELECT statement, generic_plans + custom_plans FROM pg_prepared_statements "
            "WHERE statement NOT LIKE '%%pg_prepared_statements%%'")


def _prepared_statements() -> dict[str, int]:
    """This session's prepared statements (the start of each) and how often each was executed."""
    with connections["audit"].cursor() as cursor:
        cursor.execute(PREPARED)
        return {statement.split(" FROM")[0].split("(")[0].strip(): runs for statement, runs in cursor.fetchall()}


CHAIN_STATEMENTS = ['INSERT INTO "audit_auditevent"', 'SELECT "sequence", "hash"', "SELECT pg_advisory_xact_lock"]


@pytest.mark.django_db(databases="__all__")
def test_the_chain_plans_its_lock_head_and_insert_once_per_connection():
    """An append inside a transaction on the audit alias (a job's; pytest's here) is a lock, a head read and an
    insert: prepared on the first append and executed by name after (the head query, planned over every
    monthly partition, took most of an append); still logged."""
    from tests.conftest import count_queries

    _skip_unless_postgres()
    audit.record(action=Action.VIEW, processing_activity=PGA_PROCESREGIE, actor=None)
    before = _prepared_statements()
    assert sorted(before) == CHAIN_STATEMENTS
    with count_queries() as queries:
        for _ in range(3):
            audit.record(action=Action.VIEW, processing_activity=PGA_PROCESREGIE, actor=None)
    assert _prepared_statements() == {statement: runs + 3 for statement, runs in before.items()}
    logged = [query["sql"] for query in queries]
    assert logged.count("SELECT pg_advisory_xact_lock(%s)") == 3
    assert sum(sql.startswith('INSERT INTO "audit_auditevent"') for sql in logged) == 3
    assert verify_chain().intact


@pytest.mark.django_db(databases="__all__")
def test_without_prepared_statements_the_chain_prepares_nothing(settings):
    """PREPARED_STATEMENTS off (a pooler in transaction mode): plain statements, the same chain."""
    _skip_unless_postgres()
    before = _prepared_statements()
    settings.PREPARED_STATEMENTS = False
    for _ in range(2):
        audit.record(action=Action.VIEW, processing_activity=PGA_PROCESREGIE, actor=None)
    assert _prepared_statements() == before  # none prepared, none executed by name
    assert AuditEvent.objects.count() == 2 and verify_chain().intact


@pytest.mark.django_db(databases="__all__", transaction=True)
def test_a_prepared_cursor_replaces_a_connection_the_server_dropped():
    """A persistent connection the server dropped (a restart) is health-checked and replaced before a
    prepared cursor uses it, as Django's own cursors are (CONN_HEALTH_CHECKS): the presence probe runs
    outside a transaction; the chain's atomic block checks it too."""
    from django.db import close_old_connections

    from config.prepared import prepared_cursor

    _skip_unless_postgres()
    audit_alias = connections["audit"]
    audit_alias.close()
    kept = audit_alias.settings_dict["CONN_MAX_AGE"]
    audit_alias.settings_dict["CONN_MAX_AGE"] = 600  # persistent, as in production
    try:
        audit.record(action=Action.VIEW, processing_activity=PGA_PROCESREGIE, actor=None)
        assert audit_alias.settings_dict["CONN_HEALTH_CHECKS"]
        dropped = audit_alias.connection.info.backend_pid
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [dropped])
        close_old_connections()  # what Django does when the next request starts: the connection is kept
        assert audit_alias.connection is not None
        with prepared_cursor(audit_alias) as cursor:
            cursor.execute("SELECT count(*) FROM audit_auditevent")
            assert cursor.fetchone()[0] == 1
        assert audit_alias.connection.info.backend_pid != dropped
        audit.record(action=Action.VIEW, processing_activity=PGA_PROCESREGIE, actor=None)
    finally:
        audit_alias.settings_dict["CONN_MAX_AGE"] = kept
        audit_alias.close()
    assert AuditEvent.objects.count() == 2 and verify_chain().intact


def _lock_is_free() -> bool:
    """Whether another session can take the chain lock now (and gives it back)."""
    from audit.chain import ADVISORY_LOCK_KEY

    with psycopg.connect(connections["audit"].connection.info.dsn, autocommit=True) as other:
        free = other.execute("SELECT pg_try_advisory_lock(%s)", [ADVISORY_LOCK_KEY]).fetchone()[0]
        if free:
            other.execute("SELECT pg_advisory_unlock(%s)", [ADVISORY_LOCK_KEY])
        return free


@pytest.mark.django_db(databases="__all__", transaction=True)
@pytest.mark.parametrize("size", [1, 3])
def test_an_append_in_autocommit_sends_its_statements_together_and_commits(size):
    """A request's append (its audit connection in autocommit): BEGIN, lock and prepared head in one round
    trip, the insert and COMMIT in a second (a batch: COPY, then COMMIT); committed, chained, lock released."""
    from audit import chain
    from audit.services import Target
    from tests.conftest import count_queries

    _skip_unless_postgres()
    audit.record(action=Action.VIEW, processing_activity=PGA_PROCESREGIE, actor=None)  # prepares the head
    with count_queries() as queries:
        audit.record_batch(action=Action.VIEW, processing_activity=PGA_PROCESREGIE, actor=None,
                           targets=[Target() for _ in range(size)])
    logged = [query["sql"] for query in queries]
    assert logged[0] == f"BEGIN; SELECT pg_advisory_xact_lock({chain.ADVISORY_LOCK_KEY}); EXECUTE zv_audit_chain_head"
    if size == 1:
        assert len(logged) == 2 and logged[1].startswith('INSERT INTO "audit_auditevent"')
        assert logged[1].endswith("; COMMIT")
    else:
        assert logged[1:] == ["COMMIT"]  # the COPY is not a logged query
    assert connections["audit"].connection.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
    assert _lock_is_free()
    with psycopg.connect(connections["audit"].connection.info.dsn, autocommit=True) as other:
        assert other.execute("SELECT count(*) FROM audit_auditevent").fetchone()[0] == 1 + size
    assert verify_chain().intact


@pytest.mark.django_db(databases="__all__", transaction=True)
@pytest.mark.parametrize("failure", ["python", "database"])
def test_an_append_that_fails_between_or_in_its_round_trips_rolls_back_and_frees_the_lock(failure, monkeypatch):
    """An error after the lock was taken (in Python while chaining, or the insert refused: here a month without
    a partition) leaves no transaction open, no lock held and no event; the next append works."""
    import datetime

    from audit import chain
    from audit.services import AuditWriteError

    _skip_unless_postgres()
    audit.record(action=Action.VIEW, processing_activity=PGA_PROCESREGIE, actor=None)
    if failure == "python":
        monkeypatch.setattr(chain, "chain_rows", lambda *args, **kwargs: 1 / 0)
    else:
        far = datetime.datetime(2199, 1, 1, tzinfo=datetime.UTC)
        monkeypatch.setattr(chain.timezone, "now", lambda: far)
    with pytest.raises(AuditWriteError):
        audit.record(action=Action.VIEW, processing_activity=PGA_PROCESREGIE, actor=None)
    monkeypatch.undo()
    assert connections["audit"].connection.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
    assert _lock_is_free()
    assert AuditEvent.objects.count() == 1
    audit.record(action=Action.VIEW, processing_activity=PGA_PROCESREGIE, actor=None)
    assert AuditEvent.objects.count() == 2 and verify_chain().intact


@pytest.mark.django_db(databases="__all__", transaction=True)
def test_a_new_connection_prepares_the_head_again_and_an_existing_preparation_is_reused():
    """The head is prepared once per connection: a new connection prepares it anew; a connection on which
    it is already prepared (this process lost track of it) uses it as it is."""
    from audit import chain

    _skip_unless_postgres()
    audit.record(action=Action.VIEW, processing_activity=PGA_PROCESREGIE, actor=None)
    connections["audit"].close()
    audit.record(action=Action.VIEW, processing_activity=PGA_PROCESREGIE, actor=None)
    chain._HEAD_PREPARED_ON.discard(connections["audit"].connection)
    audit.record(action=Action.VIEW, processing_activity=PGA_PROCESREGIE, actor=None)
    assert AuditEvent.objects.count() == 3 and verify_chain().intact


@pytest.mark.django_db(databases="__all__", transaction=True)
def test_an_append_on_a_connection_with_a_transaction_open_on_the_server_is_refused():
    """A transaction the server has open although Django knows of none (someone sent BEGIN by hand) is not
    begun again and committed with the event: the append takes Django's path, which refuses it."""
    from audit.services import AuditWriteError

    _skip_unless_postgres()
    audit.record(action=Action.VIEW, processing_activity=PGA_PROCESREGIE, actor=None)
    with connections["audit"].cursor() as cursor:
        cursor.execute("BEGIN")
        try:
            with pytest.raises(AuditWriteError):
                audit.record(action=Action.VIEW, processing_activity=PGA_PROCESREGIE, actor=None)
        finally:
            cursor.execute("ROLLBACK")
    assert AuditEvent.objects.count() == 1 and verify_chain().intact
