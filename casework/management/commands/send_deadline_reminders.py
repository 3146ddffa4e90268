"""`manage.py send_deadline_reminders [--days N] [--force]`: mail case owners what is due.

Run daily. Each owner gets at most one e-mail per day listing case references and due dates
(no personal data of data subjects); `--force` sends again on a day already handled.
EMAIL_BACKEND decides how mail leaves (console in development, SMTP in production).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from audit import context as audit_context
from casework.reminders import DEFAULT_DAYS, deadline_reminders_send


class Command(BaseCommand):
    help = "E-mail case owners their deadlines due within N days or overdue (references and dates only)."
    schedule = "daily"  # a scheduled job (ops/jobs.py; deploy/systemd/)

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=DEFAULT_DAYS, help=f"Look ahead (default {DEFAULT_DAYS}).")
        parser.add_argument("--force", action="store_true", help="Send even if today's reminders went out.")

    def handle(self, *args, **options):
        if options["days"] < 0:
            raise CommandError("--days must be zero or more")
        with audit_context.command_context("send_deadline_reminders"):
            run = deadline_reminders_send(days=options["days"], force=options["force"])
        self.stdout.write(
            f"Reminders sent: {run.sent} (already sent today: {run.skipped_already_sent}; "
            f"owners checked: {run.owners_checked})"
        )
