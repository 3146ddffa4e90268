"""`manage.py fold_open_case_counts [--check | --recount]`: keep the team lead's counts of open cases cheap to read.

The database appends a row for every change of the number of open cases per organisation, type and status
(ADR 0057); run daily, this sums each key's rows into one. `--check` compares the kept numbers with a count of the
cases themselves and fails on a difference (an aggregate over every open case: for an occasional check, not for
the timer). `--recount` writes the numbers anew from the cases, after whoever turned the triggers off.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from casework import counts


class Command(BaseCommand):
    help = "Sum the rows of the open case counts per organisation, type and status into one row per key."
    schedule = "daily"  # a scheduled job (ops/jobs.py; deploy/systemd/)

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--check", action="store_true",
                           help="Compare the kept numbers with a count of the cases; fail on a difference.")
        group.add_argument("--recount", action="store_true", help="Write the numbers anew from the cases.")

    def handle(self, *args, **options):
        if options["check"]:
            differences = counts.drift()
            if differences:
                lines = [f"{case_type}/{status} of {controller}: kept {kept}, counted {counted}"
                         for (controller, case_type, status), (kept, counted) in sorted(differences.items(), key=str)]
                raise CommandError("Open case counts differ from the cases:\n" + "\n".join(lines))
            self.stdout.write("Open case counts agree with the cases.")
            return
        if options["recount"]:
            counts.recount()
            self.stdout.write("Open case counts written anew from the cases.")
            return
        self.stdout.write(f"Open case counts folded: {counts.fold()} rows.")
