"""The migrated templates (tests/dbtemplates.py): complete for the current migrations, free of key
material and audit events (so every copy may use keys of its own), and built once per run.

The templates of the audit and keys aliases are made by migrating; the template of `default` is made from the
models plus the seeding data migrations (dbtemplates.build_from_models) — on PostgreSQL by migrating in
`make test-full` —, and the SQLite one is compared with a migrated one in `make test-full`. pytest-django's
test databases are copies of the templates, so these tests see the template's schema."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connections
from django.db.migrations.executor import MigrationExecutor

from tests import dbtemplates
from tests.sweeps import full_only


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


def test_every_data_migration_reaching_default_is_named_a_seed_or_a_transform():
    """A new RunPython on `default` must be classified before the model-built template can leave it out or
    run it; a name left behind after a migration is gone is refused too."""
    found = {key for key, _operation in dbtemplates.data_operations("default")}
    assert found >= dbtemplates.SEEDS, "SEEDS names a migration that runs no code on default"
    assert found >= dbtemplates.TRANSFORMS, "TRANSFORMS names a migration that runs no code on default"
    assert not dbtemplates.SEEDS & dbtemplates.TRANSFORMS


def test_an_unnamed_data_migration_is_refused(monkeypatch):
    monkeypatch.setattr(dbtemplates, "SEEDS", dbtemplates.SEEDS - {("casework", "0007_seed_equated_days")})
    with pytest.raises(RuntimeError, match="casework.0007_seed_equated_days runs code on default"):
        dbtemplates.data_operations("default")


def _build(folder: Path, **env: str) -> dict:
    base = {key: value for key, value in dbtemplates._sqlite_env(folder).items()
            if key != dbtemplates.BY_MIGRATIONS_VARIABLE}
    done = subprocess.run([sys.executable, "-m", "tests.dbtemplates", "migrate", "default"], cwd=dbtemplates.ROOT,
                          env={**base, **env}, capture_output=True, text=True,
                          timeout=dbtemplates.PROCESS_TIMEOUT, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return dbtemplates.sqlite_contents(folder / "app.sqlite3")


@full_only("a 45-second migrate; meanwhile the PostgreSQL templates are migrated in every run")
def test_the_template_made_from_the_models_equals_a_migrated_database(tmp_path):
    from_models = _build(tmp_path / "models")
    migrated = _build(tmp_path / "migrated", **{dbtemplates.BY_MIGRATIONS_VARIABLE: "1"})
    assert from_models["tables"] == migrated["tables"]
    assert from_models["indexes"] == migrated["indexes"]
    assert from_models["rows"] == migrated["rows"]
    assert len(migrated["rows"]["django_migrations"]) > 90


@pytest.mark.django_db(transaction=True, databases="__all__")
def test_a_transactional_test_leaves_the_migrated_template_behind():
    """What a transactional test wrote is gone after it, and what the data migrations wrote is back (a flush
    emptied those tables too): the next test starts from the databases the first one had."""
    from django.contrib.auth.models import Permission
    from django.test import TransactionTestCase

    from casework.damocles.models import PolicyVersion
    from tests.factories.accounts import OrganisationFactory

    seeded = PolicyVersion.objects.count()
    permissions = Permission.objects.count()
    assert seeded and permissions  # the template holds the seeding data migrations' rows
    OrganisationFactory(name="Weg na de test")
    PolicyVersion.objects.all().delete()

    case = TransactionTestCase()
    case.databases = {"default", "audit", "keys"}
    case._fixture_teardown()  # as pytest-django's teardown calls it after this test

    assert not OrganisationFactory._meta.model.objects.filter(name="Weg na de test").exists()
    assert PolicyVersion.objects.count() == seeded
    assert Permission.objects.count() == permissions
