"""`manage.py deploy_units [--check]`: write (or verify) deploy/systemd/ units for the scheduled jobs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ops import units


class Command(BaseCommand):
    help = "Generate the systemd service and timer of every scheduled command in deploy/systemd/."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true", help="exit non-zero when a unit is missing or stale")
        parser.add_argument("--directory", default=str(Path(settings.BASE_DIR) / "deploy" / "systemd"))

    def handle(self, *args: Any, **options: Any) -> None:
        directory = Path(options["directory"])
        if options["check"]:
            problems = units.differences(directory)
            for problem in problems:
                self.stdout.write(problem)
            if problems:
                raise CommandError("deploy/systemd is out of date: run `manage.py deploy_units`")
            self.stdout.write(f"{len(units.expected_units())} job unit(s) up to date")
            return
        changed = units.write(directory)
        self.stdout.write(f"{len(changed)} unit file(s) written or removed" if changed else "up to date")
