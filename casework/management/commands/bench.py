"""`manage.py bench`: measure every registered page over HTTP, at 1 and 16 connections.

Starts gunicorn (2 sync workers, persistent database connections: CONN_MAX_AGE) on a free
loopback port with the bare baseline mounted (`BENCH_BASELINE=1`), logs in as the seeded users
with password and TOTP (seed_demo / seed_scale accounts), and drives each page for `--seconds`
in `--rounds` interleaved rounds (each round: every page at each number of connections, the
baseline first). Prints a table of the medians over the rounds and writes JSON:
{"database", "cases", "audit_events", "results": [{page, users, rps, p50_ms, p95_ms, p99_ms,
ratio_to_bare, queries, errors}]}, `ratio_to_bare` being the page's req/s over the baseline's in
the same round and `queries` the count of a warm request (the most frequent over each round's first
20 requests, the largest over the rounds; casework/bench/runner.py `steady_queries`). Synthetic
databases only: refused with production settings. docs/performance.md.
"""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from accounts.demo import DEMO_PASSWORD
from accounts.management.commands.totp import current_code, generator_of
from accounts.models import SealedTOTPDevice
from casework.bench import appends, runner
from casework.bench import pages as bench_pages
from casework.bench.sample import cases_and_events, sample


class Command(BaseCommand):
    help = "Benchmark the registered pages over HTTP (gunicorn, 2 workers) at 1 and 16 connections."

    def add_arguments(self, parser):
        parser.add_argument("--pages", help="Comma-separated page names (default: all registered).")
        parser.add_argument("--users", default="1,16", help="Concurrent connections, comma-separated.")
        parser.add_argument("--seconds", type=float, default=20.0, help="Per page, connection count and round.")
        parser.add_argument("--rounds", type=int, default=3)
        parser.add_argument("--json", help="Write the results to this file.")
        parser.add_argument("--password", default=DEMO_PASSWORD, help="Password of the seeded accounts.")
        parser.add_argument("--list", action="store_true", help="List the registered pages.")
        parser.add_argument("--appends", type=int, default=0,
                            help="Only measure audit appends: N single events, then N in batches of 25 and 1,000.")

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("bench refuses to run with production settings.")
        if options["list"]:
            for page in bench_pages.registered():
                self.stdout.write(f"{page.name}  ({page.user})")
            return
        if options["appends"] > 0:
            for rate in appends.append_rates(options["appends"]):
                self.stdout.write(f"{rate.form:<36} {rate.events:>9,} events in {rate.seconds:7.1f} s: "
                                  f"{rate.per_second:>9,.0f} events/s")
            return
        try:
            chosen = bench_pages.by_name([n.strip() for n in options["pages"].split(",")] if options["pages"] else None)
            users_list = [int(n) for n in options["users"].split(",")]
        except (KeyError, ValueError) as error:
            raise CommandError(str(error)) from error
        found = sample()
        requests = {page.name: page.request(found) for page in chosen}
        chosen = [page for page in chosen if requests[page.name] is not None]
        cases, events = cases_and_events()
        for connection in connections.all():
            connection.close()  # the server's workers open their own
        rounds = self._run(chosen, requests, users_list, options)
        report = self._report(chosen, users_list, rounds, cases=cases, events=events)
        self._table(report)
        if options["json"]:
            Path(options["json"]).write_text(json.dumps(report, indent=2) + "\n")

    def _run(self, chosen, requests, users_list, options) -> list[dict[tuple[str, int], runner.Measurement]]:
        rounds = []
        with runner.server() as port:
            sessions = {username: self._login(port, username, options["password"])
                        for username in sorted({page.user for page in chosen})}
            for number in range(options["rounds"]):
                measured = {}
                for users in users_list:
                    for page in chosen:
                        run = runner.drive(sessions[page.user], requests[page.name], users=users,
                                           seconds=options["seconds"])
                        measured[(page.name, users)] = run
                        if options["verbosity"] > 1:
                            self.stderr.write(f"round {number + 1}: {page.name} x{users}: {run.rps:.1f} req/s "
                                              f"{run.statuses}")
                rounds.append(measured)
        return rounds

    @staticmethod
    def _login(port: int, username: str, password: str) -> runner.Session:
        device = SealedTOTPDevice.objects.filter(user__username=username, confirmed=True).first()
        if device is None:
            raise CommandError(f"no seeded account {username!r} with an authenticator (run seed_scale or seed_demo)")
        generator = generator_of(device)
        if generator.t() <= device.last_t:
            # this time step's code was accepted already (a bench run a moment ago): a code is accepted once, and a
            # refused one counts as a failed login (five lock the account for a while), so wait for the next step
            time.sleep(device.step - (time.time() - device.t0) % device.step + 0.5)
        return runner.login(port, username, password, current_code(device))

    @staticmethod
    def _report(chosen, users_list, rounds, *, cases: int, events: int) -> dict:
        results = []
        for users in users_list:
            for page in chosen:
                runs = [measured[(page.name, users)] for measured in rounds]
                bare = [measured[(bench_pages.BASELINE, users)] for measured in rounds]
                errors = sum(count for run in runs for status, count in run.statuses.items() if status >= 400)

                def median(values):
                    values = [value for value in values if value == value]  # drop NaN
                    return round(statistics.median(values), 1) if values else None

                results.append({
                    "page": page.name, "users": users,
                    "rps": median([run.rps for run in runs]),
                    "p50_ms": median([run.percentile(0.50) for run in runs]),
                    "p95_ms": median([run.percentile(0.95) for run in runs]),
                    "p99_ms": median([run.percentile(0.99) for run in runs]),
                    "ratio_to_bare": round(statistics.median(
                        [run.rps / base.rps if base.rps else 0.0 for run, base in zip(runs, bare, strict=True)]), 2),
                    "queries": max((run.queries for run in runs if run.queries is not None), default=None),
                    "errors": errors,
                })
        return {"database": connections["default"].vendor, "cases": cases, "audit_events": events,
                "results": results}

    def _table(self, report: dict) -> None:
        self.stdout.write(f"database {report['database']}, {report['cases']:,} cases, "
                          f"{report['audit_events']:,} audit events; medians over the rounds")
        header = f"{'page':<36} {'users':>5} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} " \
                 f"{'x bare':>7} {'queries':>7} {'errors':>6}"
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for row in report["results"]:
            self.stdout.write(
                f"{row['page']:<36} {row['users']:>5} {row['rps'] or 0:>8.1f} {row['p50_ms'] or 0:>8.1f} "
                f"{row['p95_ms'] or 0:>8.1f} {row['p99_ms'] or 0:>8.1f} {row['ratio_to_bare']:>7.2f} "
                f"{row['queries'] if row['queries'] is not None else '-':>7} {row['errors']:>6}")
