"""`manage.py migrate_all`: apply migrations to the three aliases, in their fixed order.

The same as `migrate --database default`, `--database audit` and `--database keys` one after the
other (docs/operations.md, upgrade procedure), in one process.
"""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

ALIASES = ("default", "audit", "keys")


class Command(BaseCommand):
    help = "Apply migrations to the default, audit and keys databases (in that order)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true", help="exit non-zero when a migration is unapplied")

    def handle(self, *args: Any, **options: Any) -> None:
        for alias in ALIASES:
            self.stdout.write(f"== {alias}")
            call_command("migrate", database=alias, interactive=False, check_unapplied=options["check"],
                         verbosity=options["verbosity"], stdout=self.stdout, stderr=self.stderr)
