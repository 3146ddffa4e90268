"""Load synthetic demo data (idempotent): accounts, each registered case type's demo (registry
`demo`, in `demo_order`), then the meetings, the documents, the annual figures' goals and external figures, and
the privacy officer's demo, which build on them."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.demo import DEMO_PASSWORD, seed_accounts
from audit import context as audit_context
from casework import registry
from casework.documents.demo import demo_lines as documents_demo_lines
from casework.figures.demo import demo_lines as figures_demo_lines
from casework.meetings.demo import demo_lines as meetings_demo_lines
from casework.privacy.demo import demo_lines as privacy_demo_lines


class Command(BaseCommand):
    help = "Create demo organisations, users and cases (synthetic data). Safe to run repeatedly."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("seed_demo refuses to run with production settings.")
        lines: list[str] = []
        with audit_context.command_context("seed_demo"):
            users = seed_accounts()
            for spec in sorted(registry.types(), key=lambda spec: spec.demo_order):
                if not spec.example:
                    lines += spec.provider("demo")()
            lines += meetings_demo_lines()
            lines += documents_demo_lines()
            lines += figures_demo_lines()
            lines += privacy_demo_lines()
        self.stdout.write(self.style.SUCCESS(f"Demo accounts (password for all: {DEMO_PASSWORD}):"))
        for user, role in users:
            self.stdout.write(f"  {user.username:<12} {role:<16} {getattr(user.organisation, 'name', '')}")
        self.stdout.write("The verification code of a demo user: python manage.py totp USERNAME")
        for line in lines:
            self.stdout.write(line)
