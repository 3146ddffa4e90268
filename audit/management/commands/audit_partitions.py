"""`manage.py audit_partitions`: keep the monthly partitions of the audit trail twelve months ahead.

On PostgreSQL the event table is partitioned by month (migration 0004, audit/partitions.py). An
event in a month without a partition cannot be inserted, and the audit write then fails closed;
this daily job creates the coming months well before they are needed, through the database
function `audit_ensure_partitions` (the application role only needs EXECUTE on it). `--list`
shows the partitions. On SQLite there is nothing to do.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils import timezone

from audit import partitions
from audit.models import AUDIT_ALIAS


class Command(BaseCommand):
    help = "Create the audit trail's monthly partitions for the coming months (PostgreSQL)."
    schedule = "daily"  # a scheduled job (ops/jobs.py; deploy/systemd/)

    def add_arguments(self, parser):
        parser.add_argument("--database", default=AUDIT_ALIAS, help="Alias of the audit database.")
        parser.add_argument("--months", type=int, default=partitions.MONTHS_AHEAD, help="How many months ahead.")
        parser.add_argument("--list", action="store_true", help="List the partitions.")

    def handle(self, *args, **options):
        using = options["database"]
        if not partitions.partitioned(using):
            self.stdout.write("the audit trail is not partitioned on this database: nothing to do")
            return
        created = partitions.ensure_ahead(today=timezone.now().date(), months=options["months"], using=using)
        existing = partitions.listing(using)
        if options["list"]:
            for part in existing:
                self.stdout.write(f"{part.name}  {part.start:%Y-%m-%d} .. {part.end:%Y-%m-%d}")
        self.stdout.write(f"{created} partitions created; {len(existing)} months from "
                          f"{existing[0].start:%Y-%m} to {existing[-1].start:%Y-%m}")
