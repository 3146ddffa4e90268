"""`manage.py notify_due`: notify case owners of agreements due or overdue, and of sharing decisions ending.

Run daily (casework/notifications/due.py). Idempotent: each event is announced once per recipient.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from audit import context as audit_context
from casework.notifications.due import due_notify


class Command(BaseCommand):
    help = "Notify case owners of agreements due soon or overdue and of sharing decisions that end soon."
    schedule = "daily"  # a scheduled job (ops/jobs.py; deploy/systemd/)

    def handle(self, *args, **options):
        with audit_context.command_context("notify_due"):
            run = due_notify()
        self.stdout.write(f"Notifications made: agreements {run.agreements}, sharing decisions {run.shares}")
