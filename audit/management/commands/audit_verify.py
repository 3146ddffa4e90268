"""`manage.py audit_verify`: recompute the audit chain and check the signed checkpoints.

Exits 0 when intact and 1 naming the first broken event otherwise, so a scheduler can alert on
it. Each run is stored (VerificationRun) for the privacy officer's chain status page.

Without options the whole chain is verified. `--since-last-checkpoint` verifies only the events
after the latest signed checkpoint (every checkpoint's signature is still checked, and that
checkpoint's event must still carry the signed hash): each checkpoint was itself made only after
verifying the chain up to it. The daily job runs with `--scheduled`: the events since the last
checkpoint, and the whole chain when no intact full run is younger than a week.
`--anchors SOURCE` also compares the chain with the checkpoints anchored off the database
(audit/anchor_check.py); a tail lost in a documented restore is listed as a gap, not a failure.
"""

from __future__ import annotations

import sys
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from audit.anchor_check import AnchorResult, compare_source
from audit.models import AUDIT_ALIAS, VerificationRun
from audit.verification import VerifyResult, verify_chain

FULL_RUN_EVERY = timedelta(days=7)


def full_run_due(using: str, now=None) -> bool:
    """No intact verification of the whole chain finished in the last week."""
    since = (now or timezone.now()) - FULL_RUN_EVERY
    return not VerificationRun.objects.using(using).filter(
        scope=VerificationRun.Scope.FULL, intact=True, finished_at__gte=since).exists()


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain and signed checkpoints; exit non-zero at the first broken event."
    schedule = "daily"  # a scheduled job (ops/jobs.py; deploy/systemd/)
    schedule_args = ("--scheduled",)

    def add_arguments(self, parser):
        parser.add_argument("--database", default=AUDIT_ALIAS, help="Alias of the audit database (a restored copy).")
        parser.add_argument("--since-last-checkpoint", action="store_true",
                            help="Only verify the events after the latest signed checkpoint.")
        parser.add_argument("--scheduled", action="store_true",
                            help="Since the last checkpoint, or the whole chain when the last intact full run "
                                 "is older than a week (the daily job).")
        parser.add_argument("--no-progress", action="store_true", help="Do not draw a progress bar.")
        parser.add_argument("--no-record", action="store_true", help="Do not store the result (read-only copies).")
        parser.add_argument("--anchors", metavar="SOURCE",
                            help="Also compare with the anchor sink's copy: a file (the anchor file, or syslog "
                                 "lines) or an http(s) URL answering JSON lines.")

    def _progress(self, done: int, total: int) -> None:
        width = 30
        filled = min(width, width * done // total) if total else width
        percent = min(100, 100 * done // total) if total else 100
        self.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} events ({percent}%)", ending="")
        self.stderr.flush()

    def handle(self, *args, **options):
        using = options["database"]
        started = timezone.now()
        tail = options["since_last_checkpoint"] or (options["scheduled"] and not full_run_due(using, started))
        show_progress = not options["no_progress"] and options["verbosity"] > 0
        result = verify_chain(using=using, from_last_checkpoint=tail,
                              progress=self._progress if show_progress else None)
        if show_progress:
            self.stderr.write("")
        anchors = self._anchors(options["anchors"], using) if options["anchors"] else None
        if anchors is not None and not anchors.intact and result.intact:
            result = VerifyResult(events_checked=result.events_checked,
                                  checkpoints_checked=result.checkpoints_checked, head_sequence=result.head_sequence)
            result.fail(None, "anchors: " + "; ".join(anchors.problems))
        finished = timezone.now()
        if not options["no_record"]:
            self._store(using, result, started, finished, tail)
        if anchors is not None:
            self._report_anchors(anchors)
        if not result.intact:
            where = f" at event {result.first_broken_sequence}" if result.first_broken_sequence else ""
            raise CommandError(f"audit chain BROKEN{where}: {result.message}")
        seconds = max((finished - started).total_seconds(), 1e-6)
        self.stdout.write(
            f"audit chain intact: {result.events_checked} events, {result.checkpoints_checked} checkpoints checked"
            + (f", last event {result.head_sequence}" if result.head_sequence else "")
            + (" (since the last checkpoint)" if tail else "")
            + f"; {result.events_checked / seconds:,.0f} events/s"
        )

    @staticmethod
    def _store(using: str, result: VerifyResult, started, finished, tail: bool) -> None:
        VerificationRun.objects.using(using).create(
            started_at=started, finished_at=finished, intact=result.intact,
            events_checked=result.events_checked, checkpoints_checked=result.checkpoints_checked,
            head_sequence=result.head_sequence, first_broken_sequence=result.first_broken_sequence,
            message=result.message[:2000], triggered_by=f"manage.py audit_verify ({' '.join(sys.argv[2:])})"[:255],
            scope=VerificationRun.Scope.TAIL if tail else VerificationRun.Scope.FULL,
        )

    def _anchors(self, source: str, using: str) -> AnchorResult:
        try:
            return compare_source(source, using=using)
        except OSError as exc:
            raise CommandError(f"cannot read the anchors from {source}: {exc}") from exc

    def _report_anchors(self, anchors: AnchorResult) -> None:
        for line in anchors.problems:
            self.stderr.write(f"anchor mismatch: {line}")
        for line in anchors.gaps:
            self.stdout.write(f"gap: {line}")
        for line in anchors.notes:
            self.stdout.write(f"note: {line}")
        state = "match the chain" if anchors.intact else f"{len(anchors.problems)} mismatch(es)"
        self.stdout.write(f"anchors: {anchors.anchors_checked} checked, {state}, {len(anchors.gaps)} documented gap(s)")
