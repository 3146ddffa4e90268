"""`manage.py count_audit_days`: count the anomaly rules' events of every ended day not yet counted (ADR 0053).

The privacy officer's review list counts a day itself the first time it shows it; this daily job counts
yesterday ahead of that, so the page reads counts only. After an upgrade, run it once with `--days 367`
to count the year the review list can show (about 0.1 s per day of 30,000 events).
"""

from __future__ import annotations

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from audit.models import AUDIT_ALIAS, AuditEvent
from casework.privacy import anomalies, counted_days


class Command(BaseCommand):
    help = "Count the anomaly rules' events of the ended days not counted yet (run daily)."
    schedule = "daily"  # a scheduled job (ops/jobs.py; deploy/systemd/)

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7, help="How many days back to look (default 7).")

    def handle(self, *args, **options):
        today = timezone.localdate()
        start = counted_days.bounds(today - timedelta(days=max(options["days"], 1)))[0]
        oldest = AuditEvent.objects.using(AUDIT_ALIAS).order_by("occurred_at").values_list(
            "occurred_at", flat=True).first()
        if oldest is None:
            self.stdout.write("No audit events: nothing to count.")
            return
        start = max(start, counted_days.bounds(oldest.astimezone(counted_days.LOCAL).date())[0])
        days = counted_days.uncounted(counted_days.countable(start, counted_days.bounds(today)[0]))
        counted = sum(1 for day in days if anomalies.count_day(day))
        self.stdout.write(f"Days counted: {counted} (of {len(days)} not counted yet).")
