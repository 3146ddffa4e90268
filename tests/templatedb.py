"""Migrated databases for tests that run the application in other processes (gunicorn, manage.py).

Migrating the three aliases from scratch takes about a minute here, so these tests copy the
databases pytest-django has just created and migrated, taken before any test could change them:
- SQLite: the in-memory test databases are copied to files with SQLite's backup API;
- PostgreSQL: `CREATE DATABASE ... TEMPLATE test_...` into `zv_template_*` (only when a collected
  test asks for `migrated_template`), from which each test clones its own throwaway databases.
The copies are made by the `django_db_setup` override in tests/conftest.py.
"""

from __future__ import annotations

import secrets
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.db import connections

ALIASES = ("default", "audit", "keys")
SQLITE_FILES = {"default": "app.sqlite3", "audit": "audit.sqlite3", "keys": "keys.sqlite3"}
URL_VARIABLES = {"default": "DATABASE_URL", "audit": "AUDIT_DATABASE_URL", "keys": "KEYS_DATABASE_URL"}


@dataclass
class Templates:
    sqlite_dir: Path | None = None
    # alias -> (server URL without database, template database name)
    postgres: dict[str, tuple[str, str]] = field(default_factory=dict)


def _server_url(alias: str) -> str:
    settings = connections[alias].settings_dict
    port = settings.get("PORT") or 5432
    user = settings.get("USER") or "postgres"
    password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{settings.get('HOST') or '127.0.0.1'}:{port}"


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def snapshot(directory: Path, *, postgres: bool) -> Templates:
    """Copy the freshly migrated test databases (call right after pytest-django created them)."""
    templates = Templates()
    vendor = connections["default"].vendor
    if vendor == "sqlite":
        directory.mkdir(parents=True, exist_ok=True)
        for alias in ALIASES:
            connection = connections[alias]
            connection.ensure_connection()
            target = sqlite3.connect(directory / SQLITE_FILES[alias])
            try:
                connection.connection.backup(target)
            finally:
                target.close()
        templates.sqlite_dir = directory
    elif vendor == "postgresql" and postgres:
        import psycopg

        names = {alias: connections[alias].settings_dict["NAME"] for alias in ALIASES}
        connections.close_all()  # CREATE DATABASE ... TEMPLATE needs the source without sessions
        for alias, name in names.items():
            server = _server_url(alias)
            # named after the worker's own test database: xdist workers share the server and snapshot at once
            template = f"zv_template_{name}"
            with psycopg.connect(with_database(server, "postgres"), autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{template}"')
                admin.execute(f'CREATE DATABASE "{template}" TEMPLATE "{name}"')
            templates.postgres[alias] = (server, template)
    return templates


def drop_postgres_templates(templates: Templates) -> None:
    import psycopg

    for server, template in templates.postgres.values():
        with psycopg.connect(with_database(server, "postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')


def sqlite_copy(templates: Templates, data_dir: Path) -> Path:
    """Fresh file-backed copies of the migrated SQLite databases in `data_dir` (DATA_DIR)."""
    assert templates.sqlite_dir is not None, "SQLite templates exist only in a SQLite test run"
    data_dir.mkdir(parents=True, exist_ok=True)
    for name in SQLITE_FILES.values():
        shutil.copy2(templates.sqlite_dir / name, data_dir / name)
    return data_dir


@contextmanager
def postgres_copies(templates: Templates, prefix: str = "zv_") -> Iterator[dict[str, str]]:
    """Throwaway clones of the PostgreSQL templates; yields {DATABASE_URL: ..., ...}, dropped afterwards."""
    import psycopg

    assert templates.postgres, "PostgreSQL templates exist only when a test asks for migrated_template"
    token = secrets.token_hex(3)
    created: list[tuple[str, str]] = []
    urls: dict[str, str] = {}
    try:
        for alias, (server, template) in templates.postgres.items():
            name = f"{prefix}{alias}_{token}"
            with psycopg.connect(with_database(server, "postgres"), autocommit=True) as admin:
                admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
            created.append((server, name))
            urls[URL_VARIABLES[alias]] = with_database(server, name)
        yield urls
    finally:
        for server, name in created:
            with psycopg.connect(with_database(server, "postgres"), autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
