"""Migrated databases built once and copied per test.

Running every migration costs about 35 s of CPU even for an alias that only gets three tables (Django
renders the whole migration state). Tests that need real SQLite files (raw-byte scans, tampering,
several processes) or throwaway PostgreSQL databases (triggers, dumps, concurrent processes) therefore
start from a template migrated once and shared by all pytest-xdist workers:

- SQLite: `sqlite_template()` is a folder with app/audit/keys .sqlite3 files as
  `manage.py migrate --run-syncdb --database ALIAS` leaves them (app.sqlite3 made from the models and the
  seeding data migrations in a few seconds, see SEEDS below; `make test-full` checks it equals a migrated
  one); `copy_sqlite()` copies some or all of them into a test's DATA_DIR.
- PostgreSQL: `pg_templates()` names three databases (main, audit, keys) migrated the same way on the
  test server; `pg_clone()` makes a throwaway database with `CREATE DATABASE ... TEMPLATE ...`.
- pytest-django's own test databases start from the same templates (tests/conftest.py): in-memory
  SQLite databases are filled from the template files (`migrate_from_sqlite_template`), PostgreSQL
  test databases are created with the template; its migrate then has nothing left to do.

The first worker that needs a template builds it under a file lock, keyed by the state of the code
(`migration_state`). The SQLite template is kept in var/test-templates/ until the code changes (the seeded
demo until the code or the day changes), so `make test`'s SQLite and browser runs build each once; the
PostgreSQL templates and anything else built once per run (`built_once`) live in the run's session folder or
on its server, made by tests/env_plugin.py and removed when the run ends. No key material is involved:
migrating writes no encrypted value, no data key and no audit event (checked by tests/test_dbtemplates.py).

Also run as `python -m tests.dbtemplates migrate [ALIAS ...]` (DJANGO_ENV=test, DATA_DIR or *_DATABASE_URL);
the templates are built with one such process per alias, running at the same time.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import json
import os
import secrets
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from tests.commands import manage_command

ROOT = Path(__file__).resolve().parents[1]
ALIASES = ("default", "audit", "keys")
SQLITE_FILES = {"default": "app", "audit": "audit", "keys": "keys"}
DATABASE_VARIABLES = {"default": "DATABASE_URL", "audit": "AUDIT_DATABASE_URL", "keys": "KEYS_DATABASE_URL"}
PG_SUFFIXES = {"default": "main", "audit": "audit", "keys": "keys"}
SESSION_DIR_VARIABLE = "ZV_TEST_SESSION_DIR"
CODE_PACKAGES = ("accounts", "audit", "casework", "config", "encryption", "tests/testapps")
# The SQLite template outlives a run (make test's SQLite and browser runs share it); git-ignored.
SQLITE_CACHE = ROOT / "var" / "test-templates"
PG_REGISTER = "pg-templates.json"
# A guard against a hung child process only, far above what any step takes on a busy machine.
PROCESS_TIMEOUT = 1200


@functools.cache
def migration_state() -> str:
    """A digest of everything that can decide the migrated databases: every Python file of the
    application and of the test apps (migrations, models, fields, the router, code a migration may
    import), and the Django version. Any change of code makes a new template."""
    import django

    digest = hashlib.sha256(django.get_version().encode())
    files = sorted(path for package in CODE_PACKAGES for path in (ROOT / package).rglob("*.py"))
    for path in files:
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def session_dir() -> Path:
    """The folder this test session shares between its xdist workers (tests/env_plugin.py makes it)."""
    configured = os.environ.get(SESSION_DIR_VARIABLE)
    if not configured:
        raise RuntimeError(f"{SESSION_DIR_VARIABLE} is not set: run pytest with -p tests.env_plugin (pyproject does)")
    return Path(configured)


@contextlib.contextmanager
def _locked(name: str, folder: Path | None = None) -> Iterator[None]:
    """Serialise the building of one template across the worker processes."""
    with open((folder or session_dir()) / f"{name}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _migrate(env: dict[str, str]) -> None:
    """Migrate the three aliases in three child processes at once: each renders the whole migration
    state on its own (most of the time), and they write to different databases."""
    children = [subprocess.Popen([sys.executable, "-m", "tests.dbtemplates", "migrate", alias], cwd=ROOT, env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for alias in ALIASES]
    failures = []
    for alias, child in zip(ALIASES, children, strict=True):
        stdout, stderr = child.communicate(timeout=PROCESS_TIMEOUT)
        if child.returncode != 0:
            failures.append(f"{alias}:\n{stdout}\n{stderr[-5000:]}")
    if failures:
        raise RuntimeError("migrating a template failed:\n" + "\n".join(failures))


# --- SQLite ------------------------------------------------------------------------------------------


def built_once(name: str, build: Callable[[Path], None], root: Path | None = None) -> Path:
    """A folder (in this session's folder, or in `root`) that `build(folder)` filled, run by the first
    worker that asks for `name` while the others wait. Treat it as read only: copy what you change."""
    root = root or session_dir()
    folder = root / name
    with _locked(name, root):
        if not folder.exists():
            building = root / f"{name}.building"
            shutil.rmtree(building, ignore_errors=True)
            building.mkdir()
            build(building)
            building.rename(folder)
    return folder


def _sqlite_env(folder: Path) -> dict[str, str]:
    """The environment of a child process working on the SQLite files in `folder` (never a PostgreSQL URL)."""
    env = {key: value for key, value in os.environ.items() if key not in DATABASE_VARIABLES.values()}
    return {**env, "DJANGO_ENV": "test", "DATA_DIR": str(folder), "PYTHONPATH": str(ROOT)}


def _keep_only(folder: Path, suffixes: tuple[str, ...]) -> None:
    """Remove what a child process left beside the databases (e.g. the static folder settings.py makes)."""
    for leftover in folder.iterdir():
        if not leftover.name.endswith(suffixes):
            shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()


def _copy_into(connection, path: Path) -> None:
    """Replace the content of a live SQLite connection by the template file `path` (backup API)."""
    connection.ensure_connection()
    source = open_template_file(path)
    try:
        source.backup(connection.connection)
    finally:
        source.close()


def _build_sqlite(folder: Path) -> None:
    _migrate(_sqlite_env(folder))
    _keep_only(folder, (".sqlite3", ".sqlite3-wal", ".sqlite3-shm"))


def sqlite_template() -> Path:
    """A folder with app.sqlite3, audit.sqlite3 and keys.sqlite3, every alias migrated (read only: copy it).

    Kept in var/test-templates/ between runs while the code is the same; older ones are removed."""
    name = f"sqlite-{migration_state()}"
    SQLITE_CACHE.mkdir(parents=True, exist_ok=True)
    folder = built_once(name, _build_sqlite, root=SQLITE_CACHE)
    for old in SQLITE_CACHE.glob("sqlite-*"):  # templates of older code
        if old.name not in (name, f"{name}.lock", f"{name}.building"):
            shutil.rmtree(old, ignore_errors=True) if old.is_dir() else old.unlink(missing_ok=True)
    return folder


def open_template_file(path: Path) -> sqlite3.Connection:
    """Read a template file without touching it: a normal open of a WAL database writes -wal and
    -shm files beside it (and a concurrent copy could take them half made)."""
    return sqlite3.connect(f"{path.as_uri()}?immutable=1", uri=True)


def copy_sqlite(target: Path, aliases: Iterable[str] = ALIASES) -> Path:
    """Copy the migrated files of `aliases` into `target` (a DATA_DIR); returns `target`."""
    template = sqlite_template()
    target.mkdir(parents=True, exist_ok=True)
    for alias in aliases:
        for path in template.glob(f"{SQLITE_FILES[alias]}.sqlite3*"):
            shutil.copy2(path, target / path.name)
    return target


@contextlib.contextmanager
def migrate_from_sqlite_template() -> Iterator[None]:
    """While active, `migrate` on an empty in-memory SQLite database (pytest-django's test databases)
    first copies the template into it with SQLite's backup API, so the migrate finds nothing to do."""
    from django.core import management

    real_call_command = management.call_command

    def call_command(name, *args, **options):
        if name == "migrate":
            _fill_from_template(options.get("database", "default"))
        return real_call_command(name, *args, **options)

    management.call_command = call_command
    try:
        yield
    finally:
        management.call_command = real_call_command


def _fill_from_template(alias: str) -> None:
    from django.db import connections

    connection = connections[alias]
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        return
    connection.ensure_connection()
    if connection.introspection.table_names():
        return  # not a fresh test database: migrate it as asked
    _copy_into(connection, sqlite_template() / f"{SQLITE_FILES[alias]}.sqlite3")


def _build_demo(folder: Path) -> None:
    """The migrated template, then `manage.py seed_demo` on it in a child process (its output kept in
    seed_demo.txt); the files are left without a write-ahead log, so an immutable read sees everything."""
    copy_sqlite(folder)
    done = subprocess.run(manage_command("seed_demo"), cwd=ROOT, capture_output=True, text=True,
                          env=_sqlite_env(folder), timeout=PROCESS_TIMEOUT, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"seed_demo on a template failed:\n{done.stdout}\n{done.stderr[-5000:]}")
    (folder / "seed_demo.txt").write_text(done.stdout)
    for alias in ALIASES:
        connection = sqlite3.connect(folder / f"{SQLITE_FILES[alias]}.sqlite3")
        try:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            connection.execute("PRAGMA journal_mode=DELETE")
        finally:
            connection.close()
    _keep_only(folder, (".sqlite3", ".txt"))


def demo_template() -> Path:
    """A folder with the three databases after `seed_demo` and its output (seed_demo.txt), built by the first
    worker that asks and kept in var/test-templates/ for the day (the demo's dates count from today) while the
    code is the same: `make test`'s SQLite and browser runs seed it once (about 9 s of CPU). Read only: restore
    it with `restore_sqlite`."""
    import datetime
    from zoneinfo import ZoneInfo

    # The demo's day is the application's (settings.TIME_ZONE), not the machine's: its dates count from it.
    today = datetime.datetime.now(ZoneInfo("Europe/Amsterdam")).date()
    name = f"demo-{migration_state()}-{today.isoformat()}"
    SQLITE_CACHE.mkdir(parents=True, exist_ok=True)
    folder = built_once(name, _build_demo, root=SQLITE_CACHE)
    keep = {f"demo-{migration_state()}-{day.isoformat()}" for day in (today, today - datetime.timedelta(days=1))}
    for old in SQLITE_CACHE.glob("demo-*"):  # older code or an older day (yesterday's may still be in use)
        if old.name.removesuffix(".lock").removesuffix(".building") not in keep:
            shutil.rmtree(old, ignore_errors=True) if old.is_dir() else old.unlink(missing_ok=True)
    return folder


def restore_sqlite(folder: Path, aliases: Iterable[str] = ALIASES) -> None:
    """Replace the content of this process's in-memory test databases (of `aliases`) by the files in `folder`
    (SQLite's backup API). Only outside a transaction: tests marked `django_db(transaction=True)`."""
    from django.db import connections

    for alias in aliases:
        connection = connections[alias]
        if connection.vendor != "sqlite" or not connection.is_in_memory_db():
            raise RuntimeError("restore_sqlite replaces in-memory SQLite test databases only")
        if connection.in_atomic_block:
            raise RuntimeError("restore_sqlite needs a transactional test: django_db(transaction=True)")
        _copy_into(connection, folder / f"{SQLITE_FILES[alias]}.sqlite3")


def restore_instead_of_flush() -> None:
    """After a transactional test (`django_db(transaction=True)`) on the in-memory SQLite databases, put the
    migrated template back (SQLite's backup API, as `restore_sqlite`) instead of Django's flush.

    The flush emptied every table and then ran the post_migrate handlers, which wrote the content types and
    some 400 permissions again: 0.16 s a test (0.05 s restoring), two thirds of it the permissions. The template
    gives the next test the databases every test starts from, the data migrations' rows included (after a
    flush, only the tests that ran first in their worker had those).
    PostgreSQL, a subset of apps (`available_apps`) and a serialized rollback keep Django's flush."""
    from django.db import connections
    from django.test import TransactionTestCase

    flush = TransactionTestCase._fixture_teardown

    def _fixture_teardown(self) -> None:
        names = list(self._databases_names(include_mirrors=False))
        in_memory = all(connections[name].vendor == "sqlite" and connections[name].is_in_memory_db()
                        for name in names)
        if not in_memory or self.available_apps is not None or self.serialized_rollback:
            flush(self)
            return
        restore_sqlite(sqlite_template(), names)

    TransactionTestCase._fixture_teardown = _fixture_teardown  # type: ignore[method-assign]


# --- PostgreSQL --------------------------------------------------------------------------------------


def with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def _admin(server_url: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(with_database(server_url, "postgres"), autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


def pg_templates(server_url: str) -> dict[str, str]:
    """alias -> name of a template database on the server of `server_url`, every alias migrated."""
    state = migration_state()
    register = session_dir() / PG_REGISTER
    with _locked(f"pg-{state}"):
        known = json.loads(register.read_text()) if register.exists() else {}
        if state not in known:
            # Unique per session: a persistent server may hold another session's templates.
            prefix = f"zv_tpl_{state[:8]}_{secrets.token_hex(3)}"
            names = {alias: f"{prefix}_{PG_SUFFIXES[alias]}" for alias in ALIASES}
            known[state] = {"server": with_database(server_url, "postgres"), "names": names}
            register.write_text(json.dumps(known))  # registered first: dropped at the end even if half built
            _admin(server_url, *(f'CREATE DATABASE "{name}"' for name in names.values()))
            env = {**os.environ, "DJANGO_ENV": "test", "PYTHONPATH": str(ROOT)}
            env.update({DATABASE_VARIABLES[alias]: with_database(server_url, name) for alias, name in names.items()})
            _migrate(env)
            known[state]["ready"] = True
            register.write_text(json.dumps(known))
        elif not known[state].get("ready"):
            raise RuntimeError("building the PostgreSQL template databases failed earlier in this session")
    return dict(known[state]["names"])


def pg_clone(server_url: str, alias: str, name: str) -> str:
    """CREATE DATABASE `name` as a copy of the migrated template of `alias`; returns its URL."""
    template = pg_templates(server_url)[alias]
    _admin(server_url, f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    return with_database(server_url, name)


def drop_pg_templates(folder: Path) -> None:
    """Drop the template databases a session registered in `folder` (called once, when it ends)."""
    register = folder / PG_REGISTER
    if not register.exists():
        return
    for entry in json.loads(register.read_text()).values():
        with contextlib.suppress(Exception):  # the throwaway server may be gone already
            _admin(entry["server"], *(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
                                      for name in entry["names"].values()))


def migrate(aliases: Iterable[str] = ALIASES) -> None:
    """Each alias, with syncdb for the test apps: what the scenario steps and `manage.py migrate` did."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DJANGO_ENV", "test")
    import django

    django.setup()
    from django.core.management import call_command

    for alias in aliases:
        if alias in OWN_APP:
            # The router sends only one app's tables here: migrate that app (and what it depends on), then
            # record the rest as applied, as `manage.py migrate` leaves it. Checked first: no operation of the
            # rest reaches this alias. Rendering the whole migration state takes a minute per alias.
            _ensure_nothing_else_reaches(alias)
            call_command("migrate", OWN_APP[alias], database=alias, interactive=False, verbosity=0)
            call_command("migrate", database=alias, fake=True, interactive=False, verbosity=0)
            continue
        if _from_models(alias):
            build_from_models(alias)
            continue
        # Migrations first, then the test apps' tables: syncdb runs before migrations within one call,
        # and PostgreSQL refuses a test app's foreign key to a table a migration creates later.
        call_command("migrate", database=alias, interactive=False, verbosity=0)
        call_command("migrate", database=alias, run_syncdb=True, interactive=False, verbosity=0)


# --- The SQLite default template from the models -------------------------------------------------------
#
# Running the ~100 migrations of `default` takes 45 s of CPU, nearly all of it Django re-rendering the
# migration state after each operation (every model related to Case, again and again): the whole suite
# waits for it (on PostgreSQL 72 s of one core, while both workers wait). The template of `default` is
# therefore made from the models (syncdb, as pytest-django's --nomigrations does), then the data
# migrations that seed rows are run in migration order against the current models, and every migration
# is recorded as applied — on SQLite always, on PostgreSQL in `make test`. What still proves the
# migrations themselves: `make test-full` builds the PostgreSQL templates by migrating and compares the
# SQLite template with a migrated one, schema and rows (tests/test_dbtemplates.py); `makemigrations
# --check` in `make test` holds models and migrations together; the dedicated aliases (audit, keys, with
# the PostgreSQL-only triggers and partitions) are always migrated. TEMPLATE_BY_MIGRATIONS=1 builds
# every template by migrating.
#
# Every RunPython operation that reaches `default` is named here (building refuses an unnamed one):
SEEDS = {  # rows every database starts with: run
    ("accounts", "0002_role_groups"),
    ("accounts", "0008_register_single_sign_on"),  # the register line of account administration names SSO
    ("accounts", "0010_register_passkeys"),  # ... and passkeys
    ("audit", "0003_seed_processing_activities"),
    ("audit", "0006_dutch_processing_activities"),
    ("audit", "0007_brp_authorisation"),
    ("casework", "0007_seed_equated_days"),
    ("casework", "0014_case_person_restricted"),  # not rows: the triggers that keep a case's copy of restriction
    ("casework", "0020_open_case_counts"),  # the triggers that count the open cases (and the counts of none)
    ("damocles", "0002_seed_policy"),
    ("park", "0002_seed_tolerance_policy"),
    ("privacy", "0004_seed_retention_policies"),
    ("privacy", "0007_selectielijst_examples"),
    ("woonoverlast", "0002_processing_activity"),
    ("figures", "0002_processing_activity"),
    ("figures", "0004_register_stored_figures"),  # the register's retention line: the figures are stored
    ("woonoverlast", "0003_retention_policy"),
    ("woonoverlast", "0006_dutch_processing_activity"),
    ("woonoverlast", "0008_brp_authorisation"),
    ("signals", "0002_processing_activity_and_retention"),
}
TRANSFORMS = {  # change or move rows that exist: an empty database has none, skipped
    ("accounts", "0005_reseal_totp_secrets"),
    ("auth", "0011_update_proxy_permissions"),
    ("axes", "0007_alter_accessattempt_unique_together"),
    ("knox", "0006_auto_20160818_0932"),
    ("damocles", "0004_remedies_into_the_core"),
    ("damocles", "0005_compliance_term_per_addressee"),
    ("damocles", "0010_decisive_step"),
    ("pga", "0006_accepted_on"),
    ("park", "0005_remedies_into_the_core"),
    ("park", "0006_penalties_into_the_core"),
    ("park", "0007_compliance_term_per_addressee"),
    ("remedies", "0003_objection_admissibility_terms_applications"),
}
BY_MIGRATIONS_VARIABLE = "TEMPLATE_BY_MIGRATIONS"


def _from_models(alias: str) -> bool:
    """SQLite always (unless TEMPLATE_BY_MIGRATIONS=1); PostgreSQL in `make test`, by migrating in `make test-full`."""
    from django.db import connections

    from tests.sweeps import FULL

    if alias != "default" or os.environ.get(BY_MIGRATIONS_VARIABLE):
        return False
    return connections[alias].vendor == "sqlite" or not FULL


def migration_plan() -> list:
    """Every migration on disk in the order `migrate` applies them: [(key, Migration)]."""
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)  # from disk: nothing asked of a database
    plan: list = []
    seen: set = set()
    for leaf in sorted(loader.graph.leaf_nodes()):
        for key in loader.graph.forwards_plan(leaf):
            if key not in seen:
                seen.add(key)
                plan.append((key, loader.graph.nodes[key]))
    return plan


def data_operations(alias: str = "default") -> list[tuple[tuple[str, str], Any]]:
    """[(migration key, operation)] for every RunPython/RunSQL that `migrate` would run on `alias`;
    raises when one is neither in SEEDS nor in TRANSFORMS (decide which it is, then name it there)."""
    from django.db import router
    from django.db.migrations.operations import RunPython, RunSQL

    found = []
    for key, migration in migration_plan():
        for operation in _operations(migration.operations):
            if isinstance(operation, RunPython | RunSQL) and router.allow_migrate(alias, key[0], **operation.hints):
                if isinstance(operation, RunPython) and operation.code is RunPython.noop:
                    continue
                if key not in SEEDS and key not in TRANSFORMS:
                    raise RuntimeError(f"{key[0]}.{key[1]} runs code on {alias}: name it in tests/dbtemplates.py "
                                       "SEEDS (it seeds rows: run) or TRANSFORMS (it changes existing rows: skip)")
                found.append((key, operation))
    return found


def build_from_models(alias: str) -> None:
    """Tables from the models (syncdb), the seeding data migrations run in order, every migration recorded."""
    from django.apps import apps as global_apps
    from django.core.management import call_command
    from django.db import connections
    from django.db.migrations.operations import RunPython
    from django.db.migrations.recorder import MigrationRecorder
    from django.test.utils import override_settings

    plan = migration_plan()
    seeds = [(key, operation) for key, operation in data_operations(alias) if key in SEEDS]
    if any(not isinstance(operation, RunPython) for _, operation in seeds):
        raise RuntimeError("a seeding RunSQL cannot run against the models: build by migrating")
    unmigrated = {config.label: None for config in global_apps.get_app_configs()}
    with override_settings(MIGRATION_MODULES=unmigrated):
        call_command("migrate", database=alias, run_syncdb=True, interactive=False, verbosity=0)
    connection = connections[alias]
    with connection.schema_editor(atomic=True) as schema_editor:
        for _key, operation in seeds:
            operation.code(global_apps, schema_editor)
        # The current models keep history (simple_history's signals); a migration's historical models do not.
        for model in global_apps.get_models():
            if model.__name__.startswith("Historical") and hasattr(model, "history_id"):
                model._default_manager.using(alias).all().delete()
    recorder = MigrationRecorder(connection)
    recorder.ensure_schema()
    applied = [key for key, migration in plan for key in (key, *migration.replaces)]
    recorder.migration_qs.bulk_create([recorder.Migration(app=app, name=name) for app, name in applied])


# The dedicated aliases (config/routers.py) and the one app whose tables each holds.
OWN_APP = {"audit": "audit", "keys": "encryption"}


def _operations(operations) -> Iterator:
    from django.db.migrations.operations import SeparateDatabaseAndState

    for operation in operations:
        if isinstance(operation, SeparateDatabaseAndState):
            yield from _operations(operation.database_operations)
        else:
            yield operation


def _ensure_nothing_else_reaches(alias: str) -> None:
    """Refuse the shortcut when an operation outside the alias's own app and its dependencies would reach
    `alias`: a model the router sends there, or a RunPython/RunSQL whose hints name it."""
    from django.db import connections, router
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(connections[alias], ignore_no_migrations=True)
    own = {key for leaf in loader.graph.leaf_nodes(OWN_APP[alias]) for key in loader.graph.forwards_plan(leaf)}
    for key, migration in loader.disk_migrations.items():
        if key in own:
            continue
        for operation in _operations(migration.operations):
            hints = getattr(operation, "hints", None)
            if hints is not None:  # RunPython, RunSQL
                reaches = router.allow_migrate(alias, key[0], **hints)
            else:
                name = next((getattr(operation, attribute) for attribute in ("model_name", "name", "new_name")
                             if getattr(operation, attribute, None)), None)
                reaches = name is not None and router.allow_migrate(alias, key[0], model_name=name.lower())
            if reaches:
                raise RuntimeError(f"{key[0]}.{key[1]} has an operation for the {alias} alias: migrate it in full")


def _clauses(create_sql: str) -> frozenset[str]:
    """The column definitions and constraints of a CREATE TABLE statement, as a set (order aside)."""
    body = create_sql[create_sql.index("(") + 1:create_sql.rindex(")")]
    clauses, depth, start, quoted = [], 0, 0, False
    for index, char in enumerate(body):
        if char == '"':
            quoted = not quoted
        elif not quoted and char == "(":
            depth += 1
        elif not quoted and char == ")":
            depth -= 1
        elif not quoted and char == "," and depth == 0:
            clauses.append(body[start:index].strip())
            start = index + 1
    clauses.append(body[start:].strip())
    return frozenset(clauses)


def sqlite_contents(path: Path) -> dict[str, Any]:
    """What decides a SQLite database for the tests: each table's clauses, each index, and each table's rows
    without what depends on when and in which order they were made (primary keys, timestamps), a foreign
    key given as the row it points to."""
    connection = open_template_file(path)
    try:
        master = connection.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL").fetchall()
        tables = {name: _clauses(sql) for kind, name, sql in master if kind == "table" and name != "sqlite_sequence"}
        indexes = {name: sql for kind, name, sql in master if kind == "index"}

        def plain(table: str) -> list[str]:
            return sorted(column[1] for column in connection.execute(f'PRAGMA table_info("{table}")')
                          if not column[5] and column[2].lower() != "datetime")  # by name: AddField appends

        def by_key(table: str, key: str) -> dict:
            columns = plain(table)
            if not columns:
                return {}
            listed = ", ".join(f'"{column}"' for column in columns)
            return {row[0]: row[1:] for row in connection.execute(f'SELECT "{key}", {listed} FROM "{table}"')}

        rows = {}
        for table in tables:
            targets = {fk[3]: by_key(fk[2], fk[4]) for fk in connection.execute(f'PRAGMA foreign_key_list("{table}")')}
            columns = plain(table)
            if not columns:
                continue
            listed = ", ".join(f'"{column}"' for column in columns)
            found = []
            for row in connection.execute(f'SELECT {listed} FROM "{table}"'):
                found.append(repr(tuple(targets[column].get(value, value) if column in targets else value
                                        for column, value in zip(columns, row, strict=True))))
            rows[table] = sorted(found)
        return {"tables": tables, "indexes": indexes, "rows": rows}
    finally:
        connection.close()

if __name__ == "__main__":
    if sys.argv[1:2] != ["migrate"] or not set(sys.argv[2:]) <= set(ALIASES):
        raise SystemExit("usage: python -m tests.dbtemplates migrate [ALIAS ...]")
    migrate(sys.argv[2:] or ALIASES)
