"""The migrated SQLite template (tests/dbtemplates.py) has the schema the test runner's own migrate
makes, and holds no key material and no audit event (so every copy may use its own keys)."""

from __future__ import annotations

import sqlite3

import pytest
from django.db import connections

from tests import dbtemplates

SCHEMA = "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
APPLIED = "SELECT app, name FROM django_migrations ORDER BY app, name"


def _from_file(path, sql: str) -> list[tuple]:
    connection = sqlite3.connect(path)
    try:
        return [tuple(row) for row in connection.execute(sql).fetchall()]
    finally:
        connection.close()


def _from_test_database(alias: str, sql: str) -> list[tuple]:
    with connections[alias].cursor() as cursor:
        cursor.execute(sql)
        return [tuple(row) for row in cursor.fetchall()]


@pytest.mark.django_db(databases="__all__")
def test_the_template_has_the_schema_of_the_migrated_test_databases_and_no_keys_or_events():
    if connections["default"].vendor != "sqlite":
        pytest.skip("compares SQLite files")
    template = dbtemplates.sqlite_template()
    for alias in dbtemplates.ALIASES:
        path = template / f"{dbtemplates.SQLITE_FILES[alias]}.sqlite3"
        assert _from_file(path, SCHEMA) == _from_test_database(alias, SCHEMA), alias
        assert _from_file(path, APPLIED) == _from_test_database(alias, APPLIED), alias
    assert _from_file(template / "audit.sqlite3", "SELECT count(*) FROM audit_auditevent") == [(0,)]
    assert _from_file(template / "keys.sqlite3", "SELECT count(*) FROM encryption_datakey") == [(0,)]
    assert dbtemplates.sqlite_template() == template  # built once per session
