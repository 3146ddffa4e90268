"""Load synthetic demo data (idempotent). Later case types add their part here."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.demo import DEMO_PASSWORD, seed_accounts
from audit import context as audit_context
from casework.damocles.demo import seed_damocles_demo
from casework.demo import seed_pga_demo
from casework.park.demo import seed_park_demo
from casework.privacy.demo import seed_privacy_demo


class Command(BaseCommand):
    help = "Create demo organisations, users and cases (synthetic data). Safe to run repeatedly."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("seed_demo refuses to run with production settings.")
        with audit_context.command_context("seed_demo"):
            users = seed_accounts()
            pga = seed_pga_demo()
            damocles = seed_damocles_demo()
            park = seed_park_demo()
            privacy = seed_privacy_demo()
        self.stdout.write(self.style.SUCCESS(f"Demo accounts (password for all: {DEMO_PASSWORD}):"))
        for user, role in users:
            self.stdout.write(f"  {user.username:<12} {role:<16} {user.organisation.name}")
        self.stdout.write("The verification code of a demo user: python manage.py totp USERNAME")
        verb = "created" if pga.created else "already present"
        statuses = ", ".join(f"{status} {count}" for status, count in sorted(pga.cases_by_status.items()))
        self.stdout.write(f"PGA cases ({verb}): {sum(pga.cases_by_status.values())} — {statuses}")
        shares = ", ".join(f"{state} {count}" for state, count in sorted(pga.shares.items()))
        self.stdout.write(f"Sharing decisions: {shares or 'none'}; break-the-glass grants: {pga.break_glass}")
        verb = "created" if damocles.created else "already present"
        statuses = ", ".join(f"{status} {count}" for status, count in sorted(damocles.by_status.items()))
        self.stdout.write(f"Damocles procedures ({verb}): {sum(damocles.by_status.values())} — {statuses}")
        verb = "created" if park.created else "already present"
        statuses = ", ".join(f"{status} {count}" for status, count in sorted(park.by_status.items()))
        self.stdout.write(f"Park files ({verb}): {sum(park.by_status.values())} — {statuses}")
        self.stdout.write(f"Park objects: {park.objects}; tolerance decisions: {park.tolerance_decisions}; "
                          f"forfeitures: {park.forfeitures} ({park.limitation_warnings} near their limitation date); "
                          f"referrals to PGA: {park.referrals}")
        verb = "created" if privacy.created else "already present"
        kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(privacy.requests.items()))
        self.stdout.write(f"Data-subject requests ({verb}): {sum(privacy.requests.values())} — {kinds}; "
                          f"restricted persons: {privacy.restricted}; past retention: {privacy.due} due, "
                          f"{privacy.held} held")
