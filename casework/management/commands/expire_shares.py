"""`manage.py expire_shares`: record the expiry of sharing decisions whose end date has passed.

Access already ends on the end date itself (casework.access reads the validity window on every
request); this scheduled command (daily) writes the `share_expired` audit event, once per
decision, so the privacy officer's trail shows when each sharing ended.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from audit import context as audit_context
from casework.sharing import expire_shares


class Command(BaseCommand):
    help = "Record an audit event for every sharing decision that expired (run daily)."
    schedule = "daily"  # a scheduled job (ops/jobs.py; deploy/systemd/)

    def handle(self, *args, **options):
        with audit_context.command_context("expire_shares"):
            count = expire_shares()
        self.stdout.write(f"Expired sharing decisions recorded: {count}")
