"""Fail closed, answered right and fast: an unavailable key store or audit store gives the 503 page
within the configured timeouts, and nothing is half-saved."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import pytest
from django.db import OperationalError, connections
from django.db.backends.postgresql.base import DatabaseWrapper as PostgresWrapper

from casework.models import Case
from config.environment import DatabaseTimeouts, database_config
from encryption.models import DataKey

REFERRAL = {"first_names": "Proef", "surname": "Onbereikbaar", "date_of_birth": "1990-01-01",
            "aanleiding": "Synthetisch", "informed_status": "not_yet"}


def test_configured_timeouts_reach_the_postgresql_driver(tmp_path):
    environ = {"KEYS_DATABASE_URL": "postgres://app@127.0.0.1:5999/keys", "DB_CONNECT_TIMEOUT": "3",
               "DB_STATEMENT_TIMEOUT": "1.5"}
    config = database_config("KEYS_DATABASE_URL", tmp_path / "unused.sqlite3", environ=environ)
    params = PostgresWrapper({**config, "TIME_ZONE": None, "AUTOCOMMIT": True, "ATOMIC_REQUESTS": False,
                              "CONN_MAX_AGE": 0, "TEST": {}}, alias="probe").get_connection_params()
    assert params["connect_timeout"] == 3
    assert "-c statement_timeout=1500" in params["options"]


def test_timeouts_have_safe_defaults_and_refuse_nonsense():
    assert DatabaseTimeouts.from_environment({}) == DatabaseTimeouts(connect=5, statement=30.0, sqlite_busy=10.0)
    from config.environment import ConfigurationError

    with pytest.raises(ConfigurationError):
        DatabaseTimeouts.from_environment({"DB_STATEMENT_TIMEOUT": "soon"})
    with pytest.raises(ConfigurationError):
        DatabaseTimeouts.from_environment({"SQLITE_BUSY_TIMEOUT": "-1"})


@pytest.mark.django_db(databases="__all__")
def test_every_sqlite_alias_waits_for_locks_and_takes_them_at_begin():
    for alias in ("default", "audit", "keys"):
        connection = connections[alias]
        if connection.vendor != "sqlite":
            pytest.skip("SQLite only")
        assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA busy_timeout")
            assert cursor.fetchone()[0] == 10_000  # SQLITE_BUSY_TIMEOUT's default, in ms


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A TCP port that accepts connections and never answers (a hung database host)."""
    from tests.pgserver import free_port

    port = free_port()
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", port))
        listener.listen(16)
        yield port


def test_a_hung_postgresql_key_store_fails_within_the_connect_timeout(silent_server, tmp_path, django_db_blocker):
    pytest.importorskip("psycopg")
    environ = {"KEYS_DATABASE_URL": f"postgres://app@127.0.0.1:{silent_server}/keys", "DB_CONNECT_TIMEOUT": "2"}
    config = database_config("KEYS_DATABASE_URL", tmp_path / "unused.sqlite3", environ=environ)
    wrapper = PostgresWrapper({**config, "TIME_ZONE": None, "AUTOCOMMIT": True, "ATOMIC_REQUESTS": False,
                               "CONN_MAX_AGE": 0, "TEST": {}}, alias="keys-probe")
    started = time.monotonic()
    with django_db_blocker.unblock(), pytest.raises(OperationalError):
        wrapper.ensure_connection()
    assert time.monotonic() - started < 20  # 10 x the configured 2 s


@pytest.mark.django_db(databases="__all__")
def test_an_unavailable_key_store_answers_503_and_saves_nothing(client, make_user, login, monkeypatch):
    login(client, make_user())
    cases = Case.objects.count()

    def refuse(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(DataKey.objects, "create", refuse)
    response = client.post("/cases/pga/new/", REFERRAL)
    assert response.status_code == 503 and response["Retry-After"] == "60"
    assert "Onbereikbaar" not in response.content.decode()
    assert Case.objects.count() == cases


@pytest.mark.django_db(databases="__all__")
def test_an_unreadable_key_store_answers_503_not_a_page_without_data(client, make_user, login, monkeypatch):
    from tests.factories.casework import make_pga_case

    user = make_user()
    case = make_pga_case(owner=user)
    login(client, user)
    from encryption import resolver

    def refuse(self, scope):
        raise resolver.KeyStoreUnavailable("the key store did not answer (OperationalError)")

    monkeypatch.setattr(resolver.KeyResolver, "verify", refuse)
    resolver.default_resolver.cache.clear()
    response = client.get(f"/cases/{case.pk}/")
    assert response.status_code == 503
