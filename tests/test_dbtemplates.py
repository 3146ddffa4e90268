"""The migrated templates (tests/dbtemplates.py): complete for the current migrations, free of key
material and audit events (so every copy may use keys of its own), and built once per run.

The template is made by the same `migrate --run-syncdb` per alias as Django's own test databases;
pytest-django's test databases are copies of it, so these tests see the template's schema."""

from __future__ import annotations

import pytest
from django.db import connections
from django.db.migrations.executor import MigrationExecutor

from tests import dbtemplates


def _rows(path, sql: str) -> list[tuple]:
    connection = dbtemplates.open_template_file(path)
    try:
        return [tuple(row) for row in connection.execute(sql).fetchall()]
    finally:
        connection.close()


@pytest.mark.django_db(databases="__all__")
def test_the_test_databases_have_every_migration_applied():
    for alias in dbtemplates.ALIASES:
        executor = MigrationExecutor(connections[alias])
        assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == [], alias


def test_the_sqlite_template_holds_no_keys_or_events_and_is_built_once():
    template = dbtemplates.sqlite_template()
    assert _rows(template / "audit.sqlite3", "SELECT count(*) FROM audit_auditevent") == [(0,)]
    assert _rows(template / "keys.sqlite3", "SELECT count(*) FROM encryption_datakey") == [(0,)]
    assert _rows(template / "app.sqlite3", "SELECT count(*) FROM django_migrations") != [(0,)]
    assert dbtemplates.sqlite_template() == template  # built once per run
