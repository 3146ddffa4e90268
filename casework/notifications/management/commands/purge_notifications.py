"""`manage.py purge_notifications [--days N]`: delete notifications older than the retention period.

Run daily. A notification holds ids and a kind only; after `RETENTION_DAYS` (90) days it has done its
work (docs/privacy/retention-schedule.md).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from audit import context as audit_context
from casework.notifications.kinds import RETENTION_DAYS
from casework.notifications.services import notifications_purge


class Command(BaseCommand):
    help = f"Delete notifications older than {RETENTION_DAYS} days (the retention policy)."
    schedule = "daily"  # a scheduled job (ops/jobs.py; deploy/systemd/)

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=RETENTION_DAYS,
                            help=f"Keep this many days (default {RETENTION_DAYS}).")

    def handle(self, *args, **options):
        if options["days"] < 1:
            raise CommandError("--days must be one or more")
        with audit_context.command_context("purge_notifications"):
            deleted = notifications_purge(days=options["days"])
        self.stdout.write(f"Notifications purged: {deleted}")
