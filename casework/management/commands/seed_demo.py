"""Load synthetic demo data (idempotent). Later case types add their part here."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.demo import DEMO_PASSWORD, seed_accounts


class Command(BaseCommand):
    help = "Create demo organisations, users and cases (synthetic data). Safe to run repeatedly."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("seed_demo refuses to run with production settings.")
        users = seed_accounts()
        self.stdout.write(self.style.SUCCESS(f"Demo accounts (password for all: {DEMO_PASSWORD}):"))
        for user, role in users:
            self.stdout.write(f"  {user.username:<12} {role:<16} {user.organisation.name}")
        self.stdout.write("The verification code of a demo user: python manage.py totp USERNAME")
