"""Steps of the destruction scenario, run in a separate process against real database files or servers.

Used by test_destruction_files.py: `python -m tests.casework.privacy.retention_scenario STEP [ARGS]`
with DJANGO_ENV=test, DATA_DIR (SQLite) or the *_DATABASE_URL variables, and FIELD_ENCRYPTION_KEY_FILE.
Prints JSON with ids, ciphertext in hex and outcomes only, never a decrypted value.
"""

from __future__ import annotations

import datetime
import json
import os
import sys
import uuid

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_ENV", "test")

import django  # noqa: E402

django.setup()

from django.db import connections  # noqa: E402

SURNAME = "Zonnebloemsma"
BSN = "111222333"
ADDRESS = "Kwartelkoningstraat 77"


def _raw(table: str, column: str, row_id: uuid.UUID) -> str:
    with connections["default"].cursor() as cursor:
        cursor.execute(f'SELECT "{column}" FROM "{table}" WHERE id = %s',  # noqa: S608
                       [row_id.hex if connections["default"].vendor == "sqlite" else row_id])
        return bytes(cursor.fetchone()[0]).hex()


def seed() -> dict:
    from accounts import services
    from accounts.models import Organisation
    from accounts.roles import PRIVACY_OFFICER, PROCESREGISSEUR
    from casework.models import Case
    from casework.privacy import destruction
    from encryption.models import DataKey
    from tests.factories.casework import make_pga_case

    organisation = Organisation.objects.create(name="Testgemeente Scenario")
    users = {}
    for name, role in (("eigenaar", PROCESREGISSEUR), ("fg1", PRIVACY_OFFICER), ("fg2", PRIVACY_OFFICER)):
        users[name], _device = services.user_create(
            actor=None, organisation=organisation, username=f"scenario-{name}", first_name="Test",
            last_name=name, email=f"{name}@example.invalid", role=role, password="correct-horse-battery-staple-42",
        )
    case = make_pga_case(owner=users["eigenaar"], status="afgesloten", bsn=BSN, surname=SURNAME)
    Case.objects.filter(pk=case.pk).update(opened_on=datetime.date(2014, 1, 6), closed_on=datetime.date(2015, 3, 2))
    kept = make_pga_case(owner=users["eigenaar"])  # open: not due
    batch = destruction.batch_propose(actor=users["fg1"])
    destruction.batch_draft_rows(actor=users["fg2"], batch=batch)
    destruction.batch_decide(actor=users["fg2"], batch=batch, approve=True)
    person = case.person
    return {
        "case": str(case.pk), "person": str(person.pk), "kept_person": str(kept.person_id),
        "reference": case.reference, "batch": str(batch.pk),
        "person_wrapped": bytes(DataKey.objects.get(id=person.data_key_id).wrapped_key).hex(),
        "case_wrapped": bytes(DataKey.objects.get(id=case.data_key_id).wrapped_key).hex(),
        "surname_sealed": _raw("casework_person", "surname", person.pk),
    }


def read(*person_ids: str) -> dict:
    from casework.models import Person
    from encryption.exceptions import DecryptionError
    from encryption.scope import key_scope

    outcome = {}
    with key_scope():
        for person_id in person_ids:
            try:
                person = Person.objects.get(pk=uuid.UUID(person_id))
                outcome[person_id] = "ok" if person.surname else "empty"
            except Person.DoesNotExist:
                outcome[person_id] = "gone"
            except DecryptionError as exc:
                outcome[person_id] = f"fail: {exc.reason}"
    return outcome


def checkpoint() -> dict:
    for alias in ("default", "audit", "keys"):
        if connections[alias].vendor == "sqlite":
            with connections[alias].cursor() as cursor:
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return {"checkpointed": True}


STEPS = {"seed": seed, "read": read, "checkpoint": checkpoint}

if __name__ == "__main__":
    step, *arguments = sys.argv[1:]
    print(json.dumps(STEPS[step](*arguments)), flush=True)
