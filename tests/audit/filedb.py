"""Helpers for tests that run manage.py against file-backed SQLite databases in a temporary folder.

SQLite test databases live in memory, so tampering with "the audit file" or scanning its raw bytes
needs real files: these helpers run the real commands in subprocesses with DATA_DIR pointing to a
temporary folder (and any *_DATABASE_URL removed, so a PostgreSQL test server is never touched).
Tests start from copies of the session's migrated template (`migrated`), not from their own migrate.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterable
from pathlib import Path

from tests import dbtemplates, forkserver
from tests.commands import manage_command

ROOT = Path(__file__).resolve().parents[2]
DATABASE_VARIABLES = ("DATABASE_URL", "AUDIT_DATABASE_URL", "KEYS_DATABASE_URL")


def environment(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in DATABASE_VARIABLES}
    env.update({"DJANGO_ENV": "test", "DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)}, **extra)
    return env


def manage(data_dir: Path, *args: str, check: bool = True, **extra: str) -> subprocess.CompletedProcess:
    result = forkserver.run(manage_command(*args), cwd=ROOT, env=environment(data_dir, **extra),
                            timeout=dbtemplates.PROCESS_TIMEOUT)
    if check and result.returncode != 0:
        raise AssertionError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def migrated(data_dir: Path, aliases: Iterable[str] = dbtemplates.ALIASES) -> Path:
    """`data_dir` holding the files of `aliases` as `manage.py migrate [--database ALIAS]` leaves them."""
    return dbtemplates.copy_sqlite(data_dir, aliases)


def copy_databases(source: Path, target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for file in source.glob("*.sqlite3*"):
        shutil.copy2(file, target / file.name)
    return target


def audit_file(data_dir: Path) -> Path:
    return data_dir / "audit.sqlite3"


def execute(data_dir: Path, *statements: tuple[str, tuple] | str) -> None:
    """Tamper with the audit file directly, as someone with file access could."""
    connection = sqlite3.connect(audit_file(data_dir))
    try:
        for statement in statements:
            sql, params = (statement, ()) if isinstance(statement, str) else statement
            connection.execute(sql, params)
        connection.commit()
    finally:
        connection.close()


def rows(data_dir: Path, sql: str, params: tuple = ()) -> list[tuple]:
    connection = sqlite3.connect(audit_file(data_dir))
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()
