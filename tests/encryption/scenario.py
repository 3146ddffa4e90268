"""Steps run in a separate process against real database files or servers (not in-memory test DBs).

Used by test_processes.py and test_postgres.py: raw-byte scans, dumps, restored backups and a
second worker that had a key cached. `python -m tests.encryption.scenario STEP [ARGS]`, with
DJANGO_ENV=test, DATA_DIR (SQLite) or the *_DATABASE_URL variables, and FIELD_ENCRYPTION_KEY_FILE.
Prints JSON with ids and outcomes only, never a decrypted value.
"""

from __future__ import annotations

import json
import os
import sys
import uuid

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_ENV", "test")

import django  # noqa: E402

django.setup()

from django.db import connections  # noqa: E402

from encryption.exceptions import DecryptionError  # noqa: E402
from encryption.keystore import datakey_destroy  # noqa: E402
from encryption.models import DataKey  # noqa: E402
from encryption.scope import key_scope  # noqa: E402
from tests.encryption.conftest import PLAIN, make_dossier, make_note  # noqa: E402
from tests.testapps.crypto.models import Dossier  # noqa: E402

PLAIN_REFERENCE = "ZAAK-PLAIN-0001"  # a non-personal, unencrypted column: proves the scans see data


def seed() -> dict:
    result = {}
    for label in ("a", "b"):
        dossier = make_dossier(reference=PLAIN_REFERENCE)
        make_note(dossier)
        dossier.notes = PLAIN["notes"] + " (bijgewerkt)"
        dossier.save()  # a second history row
        result[label] = str(dossier.id)
        result[f"{label}_key"] = str(dossier.data_key_id)
        result[f"{label}_wrapped"] = bytes(DataKey.objects.get(id=dossier.data_key_id).wrapped_key).hex()
    return result


def read(*ids: str) -> dict:
    outcome = {}
    with key_scope():
        for dossier_id in ids:
            try:
                dossier = Dossier.objects.get(pk=uuid.UUID(dossier_id))
                same = (dossier.name, dossier.bsn, dossier.birth_date) == (
                    PLAIN["name"], PLAIN["bsn"], PLAIN["birth_date"])
                history_ok = all(h.name == PLAIN["name"] for h in dossier.history.all())
                outcome[dossier_id] = "ok" if same and history_ok else "wrong value"
            except DecryptionError as exc:
                outcome[dossier_id] = f"fail: {exc.reason}"
    return outcome


def shred(key_id: str, dossier_id: str) -> dict:
    datakey_destroy(key_id=uuid.UUID(key_id), dossier_id=uuid.UUID(dossier_id), reason="scenario")
    return {"shredded": key_id}


def checkpoint() -> dict:
    for alias in ("default", "keys"):
        if connections[alias].vendor == "sqlite":
            with connections[alias].cursor() as cursor:
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return {"checkpointed": True}


def serve() -> None:
    """A long-lived worker: answers `read ID...` lines until `quit` (keys stay in its cache)."""
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        command, *args = line.split()
        if command == "quit":
            break
        print(json.dumps(STEPS[command](*args)), flush=True)


STEPS = {"seed": seed, "read": read, "shred": shred, "checkpoint": checkpoint}

if __name__ == "__main__":
    step, *arguments = sys.argv[1:]
    if step == "serve":
        serve()
    else:
        print(json.dumps(STEPS[step](*arguments)), flush=True)
