"""The backup and restore drill of docs/operations.md, on the throwaway PostgreSQL server.

Main, audit and key-store databases are dumped (`pg_dump -Fc`) and restored into fresh databases
(`pg_restore`). The key store's backup is older than the others: a dossier shredded *after* it was
taken would be readable again from the restored key store, so the restore replays every
destruction the audit trail records (`replay_shredding`) before the service opens; then
`audit_verify` and `encryption_check` pass and every shredded dossier stays unreadable.

Every checkpoint is also anchored off the databases (AUDIT_ANCHOR_SINK, a file here). The audit
backup misses the last checkpoint: compared with the anchors, the restored chain first shows a
truncated tail; once `audit_checkpoint --after-restore` has anchored a signed restore marker, the
same comparison reports the lost tail as a documented gap.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest

from tests import forkserver, templatedb
from tests.ops.support import ROOT, environment, manage, throwaway_keys

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(databases="__all__")]


def _drill(env: dict[str, str], *args: str) -> dict:
    result = forkserver.run([sys.executable, "-m", "tests.ops.drill", *args], cwd=ROOT, env=env,
                            timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def _pg(tool: str) -> str:
    return str(Path(os.environ["PG_BIN"]) / tool) if os.environ.get("PG_BIN") else tool


def _dump(url: str, target: Path) -> Path:
    subprocess.run([_pg("pg_dump"), "--format=custom", "--file", str(target), "--dbname", url], check=True,
                   timeout=300)
    return target


def _restore(dump: Path, url: str) -> None:
    import psycopg

    name = urllib.parse.urlsplit(url).path.lstrip("/")
    with psycopg.connect(templatedb.with_database(url, "postgres"), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    subprocess.run([_pg("pg_restore"), "--no-owner", "--exit-on-error", "--dbname", url, str(dump)], check=True,
                   timeout=300)


def _drop(url: str) -> None:
    import psycopg

    name = urllib.parse.urlsplit(url).path.lstrip("/")
    with psycopg.connect(templatedb.with_database(url, "postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_restore_replays_destruction_before_the_service_opens(migrated_template, tmp_path: Path):
    if not migrated_template.postgres:
        pytest.skip("needs the PostgreSQL templates")
    keys = throwaway_keys()  # the KEKs are backed up apart from every database, and come back the same
    with templatedb.postgres_copies(migrated_template, prefix="zv_drill_") as urls:
        anchors = tmp_path / "anchors" / "audit-anchors.jsonl"  # another volume in production
        anchors.parent.mkdir()
        sink = {"AUDIT_ANCHOR_SINK": f"file:{anchors}"}
        env = environment(tmp_path / "live", env="test", keys=keys, databases=urls, **sink)
        early, late, kept = _drill(env, "seed")["persons"]
        _drill(env, "shred", early)
        keys_dump = _dump(urls["KEYS_DATABASE_URL"], tmp_path / "keys.dump")  # the key store's (older) backup
        _drill(env, "shred", late)  # shredded after the key-store backup
        manage(env, "audit_checkpoint")
        main_dump = _dump(urls["DATABASE_URL"], tmp_path / "main.dump")
        audit_dump = _dump(urls["AUDIT_DATABASE_URL"], tmp_path / "audit.dump")
        manage(env, "audit_checkpoint")  # anchored, but after the audit backup: lost in the restore

        restored = {variable: templatedb.with_database(url, urllib.parse.urlsplit(url).path.lstrip("/") + "_r")
                    for variable, url in urls.items()}
        try:
            for variable, dump in (("DATABASE_URL", main_dump), ("AUDIT_DATABASE_URL", audit_dump),
                                   ("KEYS_DATABASE_URL", keys_dump)):
                _restore(dump, restored[variable])
            renv = environment(tmp_path / "restored", env="test", keys=keys, databases=restored, **sink)
            _mark_restore(renv, anchors)  # first, before anything appends to the restored chain

            replay = manage(renv, "replay_shredding").stdout
            assert "replayed 1 into the key store" in replay  # the late destruction, and only that one
            result = _drill(renv, "check", early, late, kept)
            assert result["readable"] == {early: None, late: None, kept: "Blijftleesbaar"}
            assert "intact" in result["output"].lower() and "0 failure(s)" in result["output"]
            assert "replayed 0" in manage(renv, "replay_shredding").stdout  # idempotent
            documented = manage(renv, "audit_verify", "--no-progress", "--anchors", str(anchors)).stdout
            assert "1 documented gap" in documented and "drill: restored from the nightly dumps" in documented
            assert "audit chain intact" in documented
        finally:
            for url in restored.values():
                _drop(url)


def _mark_restore(renv: dict[str, str], anchors: Path) -> None:
    undocumented = manage(renv, "audit_verify", "--no-progress", "--anchors", str(anchors), check=False)
    assert undocumented.returncode != 0 and "truncated" in undocumented.stderr
    manage(renv, "audit_checkpoint", "--after-restore", "drill: restored from the nightly dumps")
