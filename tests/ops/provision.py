"""Provision synthetic users (and optionally one PGA case) in the databases of a subprocess's
environment: `python -m tests.ops.provision '{"users": 4, "partner": true, "case": true}'`.

Prints one JSON object: users (username, password, TOTP key in hex), the organisation, the
partner user and the case id. Everything is synthetic. Runs with whatever settings the
environment selects (test or production), as a one-off set-up script an operator could run.
"""

from __future__ import annotations

import json
import os
import sys

PASSWORD = "smoke-test-wachtwoord-2026"  # noqa: S105 - synthetic test accounts only


def main(spec: dict) -> dict:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from accounts import services
    from accounts.models import Organisation, Team
    from accounts.roles import KETENPARTNER, PROCESREGISSEUR

    municipality, _ = Organisation.objects.get_or_create(
        name=spec.get("organisation", "Gemeente Proefdorp"), defaults={"kind": Organisation.Kind.GEMEENTE})
    partner_org, _ = Organisation.objects.get_or_create(
        name="Reclassering Proef", defaults={"kind": Organisation.Kind.RECLASSERING})
    prefix = spec.get("prefix", "medewerker")
    team, _ = Team.objects.get_or_create(organisation=municipality, name="Team Proef")

    def user(username: str, role: str, organisation: Organisation) -> dict:
        created, device = services.user_create(
            actor=None, organisation=organisation, username=username, first_name="Proef",
            last_name=username.capitalize(), email=f"{username}@example.invalid", role=role,
            team=team if organisation == municipality else None, password=PASSWORD)
        return {"username": username, "password": PASSWORD, "key": device.key, "id": str(created.pk)}

    out: dict = {"organisation": municipality.name, "users": []}
    for number in range(int(spec.get("users", 1))):
        out["users"].append(user(f"{prefix}{number + 1}", PROCESREGISSEUR, municipality))
    if spec.get("partner"):
        out["partner"] = user(f"{prefix}partner", KETENPARTNER, partner_org)
        out["partner_organisation"] = str(partner_org.pk)
    if spec.get("case"):
        case = _case(out["users"][0]["username"], municipality)
        out["case_id"] = str(case.pk)
        out["person_id"] = str(case.person_id)
        if spec.get("partner"):
            out["share_id"] = str(_share(case, partner_org).pk)
    return out


def _share(case, partner):
    from datetime import timedelta

    from django.utils import timezone

    from audit import context as audit_context
    from casework.models import processing_activity_of
    from casework.pga.casetype import PGA_PLAN
    from casework.sharing import share_create

    with audit_context.command_context("provision", actor=case.owner):
        return share_create(actor=case.owner, case=case, partner=partner, categories=[PGA_PLAN],
                            processing_activity=processing_activity_of(case), purpose="Synthetische samenwerking",
                            weighing="Synthetische afweging van proportionaliteit en subsidiariteit.",
                            ends_on=timezone.localdate() + timedelta(days=30))


def _case(username: str, municipality):
    from datetime import date

    from accounts.models import User
    from audit import context as audit_context
    from casework.pga.services import referral_register

    owner = User.objects.get(username=username)
    with audit_context.command_context("provision", actor=owner):
        return referral_register(
            actor=owner, controller=municipality, owner=owner,
            person={"first_names": "Proef", "surname": "Persoon", "date_of_birth": date(1980, 1, 1)},
            aanleiding="Synthetische aanmelding voor een test.")


def report(spec: dict) -> dict:
    """What the databases hold now: plan goals of a case (decrypted), cases, orphan data keys."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from casework.models import Case
    from casework.pga.models import PlanVersion
    from encryption.models import DataKey
    from encryption.orphans import sweep_orphan_keys

    out: dict = {"cases": Case.objects.count(), "live_keys": DataKey.objects.filter(destroyed_at__isnull=True).count()}
    if spec.get("case_id"):
        versions = PlanVersion.objects.filter(case_id=spec["case_id"]).order_by("number")
        out["plan_numbers"] = [v.number for v in versions]
        out["plan_goals"] = [goal["goal"] for v in versions for goal in v.goals]
    out["orphans"] = sweep_orphan_keys(older_than=__import__("datetime").timedelta(0), dry_run=True).destroyed
    return out


if __name__ == "__main__":
    argument = json.loads(sys.argv[1] if len(sys.argv) > 1 else "{}")
    print(json.dumps(report(argument) if argument.get("report") else main(argument)))
