"""`manage.py audit_verify`: recompute the whole audit chain and check the signed checkpoints.

Exits 0 when intact and 1 naming the first broken event otherwise, so a scheduler can alert on
it. Each run is stored (VerificationRun) for the privacy officer's chain status page.
"""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from audit.models import AUDIT_ALIAS, VerificationRun
from audit.verification import verify_chain


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain and signed checkpoints; exit non-zero at the first broken event."
    schedule = "daily"  # a scheduled job (ops/jobs.py; deploy/systemd/)

    def add_arguments(self, parser):
        parser.add_argument("--database", default=AUDIT_ALIAS, help="Alias of the audit database (a restored copy).")
        parser.add_argument("--since-last-checkpoint", action="store_true",
                            help="Only verify the events after the latest signed checkpoint.")
        parser.add_argument("--no-progress", action="store_true", help="Do not draw a progress bar.")
        parser.add_argument("--no-record", action="store_true", help="Do not store the result (read-only copies).")

    def _progress(self, done: int, total: int) -> None:
        width = 30
        filled = width * done // total if total else width
        percent = 100 * done // total if total else 100
        self.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} events ({percent}%)", ending="")
        self.stderr.flush()

    def handle(self, *args, **options):
        started = timezone.now()
        show_progress = not options["no_progress"] and options["verbosity"] > 0
        result = verify_chain(
            using=options["database"],
            from_last_checkpoint=options["since_last_checkpoint"],
            progress=self._progress if show_progress else None,
        )
        if show_progress:
            self.stderr.write("")
        if not options["no_record"]:
            VerificationRun.objects.using(options["database"]).create(
                started_at=started, finished_at=timezone.now(), intact=result.intact,
                events_checked=result.events_checked, checkpoints_checked=result.checkpoints_checked,
                head_sequence=result.head_sequence, first_broken_sequence=result.first_broken_sequence,
                message=result.message[:2000], triggered_by=f"manage.py audit_verify ({' '.join(sys.argv[2:])})"[:255],
            )
        if not result.intact:
            raise CommandError(f"audit chain BROKEN at event {result.first_broken_sequence}: {result.message}")
        self.stdout.write(
            f"audit chain intact: {result.events_checked} events, {result.checkpoints_checked} checkpoints checked"
            + (f", last event {result.head_sequence}" if result.head_sequence else "")
        )
