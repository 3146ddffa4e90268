"""Warn when the coming year has no day equated with a holiday yet (Atw art. 3 lid 3).

Decrees name the equated days for some years ahead; without them, statutory terms around those
days end too early. Run weekly; exits non-zero (and says which years) so the scheduler reports it,
and the team leads see the same warning on their calendar page.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from casework.calendar_admin import missing_years


class Command(BaseCommand):
    help = "Exit non-zero when next year has no equated days in the calendar table."
    schedule = "weekly"  # a scheduled job (ops/jobs.py; deploy/systemd/)

    def add_arguments(self, parser):
        parser.add_argument("--ahead", type=int, default=1, help="How many coming years to check (default 1).")

    def handle(self, *args, **options):
        missing = missing_years(ahead=options["ahead"])
        if missing:
            raise CommandError("no days equated with holidays are recorded for "
                               f"{', '.join(map(str, missing))}: enter the decree's days on the calendar page")
        self.stdout.write("equated days are recorded for the coming year(s)")
