"""Steps of the backup/restore drill, run in subprocesses against the environment's databases:

    python -m tests.ops.drill seed           -> {"persons": [id, id, id]}  (three synthetic dossiers)
    python -m tests.ops.drill shred ID       -> crypto-shred one person's dossier (as retention would)
    python -m tests.ops.drill check ID...    -> audit_verify + encryption_check, and which persons read
"""

from __future__ import annotations

import json
import os
import sys


def _setup() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()


def seed() -> dict:
    from tests.ops.provision import main

    info = main({"users": 1, "organisation": "Gemeente Hersteldorp", "prefix": "hersteller"})
    from datetime import date

    from accounts.models import Organisation, User
    from audit import context as audit_context
    from casework.pga.services import referral_register

    owner = User.objects.get(username=info["users"][0]["username"])
    municipality = Organisation.objects.get(name="Gemeente Hersteldorp")
    persons = []
    with audit_context.command_context("drill", actor=owner):
        for surname in ("Eerstgewist", "Laatgewist", "Blijftleesbaar"):
            case = referral_register(actor=owner, controller=municipality, owner=owner,
                                     person={"first_names": "Proef", "surname": surname,
                                             "date_of_birth": date(1970, 1, 1)},
                                     aanleiding="Synthetische hersteloefening")
            persons.append(str(case.person_id))
    return {"persons": persons}


def shred(person_id: str) -> dict:
    from audit import context as audit_context
    from casework.models import Person
    from encryption.keystore import datakey_destroy

    person = Person.objects.get(pk=person_id)
    with audit_context.command_context("drill"):
        datakey_destroy(key_id=person.data_key_id, dossier_id=person.pk, reason="retention period ended (drill)")
    return {"shredded": person_id}


def check(person_ids: list[str]) -> dict:
    from io import StringIO

    from django.core.management import call_command

    from casework.models import Person
    from encryption.exceptions import DecryptionError

    out = StringIO()
    call_command("audit_verify", stdout=out)
    call_command("encryption_check", stdout=out)
    readable = {}
    for person_id in person_ids:
        person = Person.objects.get(pk=person_id)
        try:
            readable[person_id] = person.surname
        except DecryptionError:
            readable[person_id] = None
    return {"readable": readable, "output": out.getvalue()}


if __name__ == "__main__":
    _setup()
    step, arguments = sys.argv[1], sys.argv[2:]
    result = {"seed": lambda: seed(), "shred": lambda: shred(arguments[0]), "check": lambda: check(arguments)}[step]()
    print(json.dumps(result))
