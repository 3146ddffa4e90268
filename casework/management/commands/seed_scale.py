"""`manage.py seed_scale --cases N --audit-events M [--seed S]`: fill a database at scale.

Synthetic data only (refused with production settings): cases of every registered case type in
a realistic mix of states, with persons (valid 11-proof BSNs, sealed names, blind indexes), the
type's details, status steps and history rows, written in batches through the model layer with
real data keys (casework/scale/). The demo accounts own a realistic caseload ("regisseur" about
2,000 cases, "handhaver" about 500) whatever N is, and the partner's organisation has active sharing
decisions on about 100; other partners' decisions (active, past, revoked) on 2 % of the cases and expired
break-glass grants on 0.1 % (casework/scale/grants.py); `bench` logs in as them. Then M chained audit
events spread over the past months. Resumable: run it again with the same arguments and it
continues after the last complete batch. Prints rates and the disk used.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from audit import context as audit_context
from casework import counts
from casework.scale import seeding
from casework.scale.grants import seed_grants


class Command(BaseCommand):
    help = "Seed N synthetic cases and M chained audit events (resumable; not in production)."

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, required=True)
        parser.add_argument("--audit-events", type=int, default=0)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--batch", type=int, default=2000, help="Cases per transaction.")
        parser.add_argument("--event-batch", type=int, default=5000, help="Audit events per transaction.")
        parser.add_argument("--no-progress", action="store_true")

    def _bar(self, label: str, started: float) -> seeding.Progress | None:
        if self._quiet:
            return None

        def show(done: int, total: int) -> None:
            width = 30
            filled = width * done // total if total else width
            rate = done / max(time.monotonic() - started, 1e-6)
            self.stderr.write(f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,} ({rate:,.0f}/s "
                              "this run)", ending="")
            self.stderr.flush()

        return show

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("seed_scale refuses to run with production settings.")
        if options["cases"] < 0 or options["audit_events"] < 0 or options["batch"] < 1:
            raise CommandError("--cases and --audit-events are at least 0, --batch at least 1")
        self._quiet = options["no_progress"] or options["verbosity"] == 0
        seed = options["seed"]
        with audit_context.command_context("seed_scale"):
            started = time.monotonic()
            crowd = seeding.people(seed)  # the demo accounts' password hashes: once per database, not per case
            self._line(f"accounts and teams: ready in {time.monotonic() - started:,.1f} s")
            started = time.monotonic()
            before = seeding.cases_done(seed)
            written = seeding.seed_cases(seed=seed, total=options["cases"], size=options["batch"], crowd=crowd,
                                         progress=self._bar("cases ", started))
            case_seconds = time.monotonic() - started
            self._line(f"cases: {written:,} written this run ({before:,} were there) in {case_seconds:,.1f} s: "
                       f"{written / max(case_seconds, 1e-6):,.0f} cases/s")
            started = time.monotonic()
            grants = seed_grants(seed=seed, total=options["cases"], crowd=crowd, progress=self._bar("access", started))
            self._line(f"sharing decisions and break-glass grants: {grants:,} written this run in "
                       f"{time.monotonic() - started:,.1f} s")
            # each batch's cases appended their counts per organisation, type and status (ADR 0057): one row a key
            self._line(f"open case counts: {counts.fold():,} rows folded")
            started = time.monotonic()
            done = seeding.events_done(seed)
            events = seeding.seed_events(seed=seed, total=options["audit_events"], size=options["event_batch"],
                                         cases=options["cases"], crowd=crowd, progress=self._bar("events", started))
            event_seconds = time.monotonic() - started
            self._line(f"audit events: {events:,} written this run ({done:,} were there) in {event_seconds:,.1f} s: "
                       f"{events / max(event_seconds, 1e-6):,.0f} events/s")
        for alias, size in seeding.disk_used().items():
            self.stdout.write(f"disk used by {alias}: {size / 2**20:,.1f} MiB")

    def _line(self, text: str) -> None:
        if not self._quiet:
            self.stderr.write("")
        self.stdout.write(text)
