"""`manage.py sweep_orphan_keys`: destroy live data keys that no committed row refers to.

A process killed between creating a dossier's data key (committed at once in the key store) and
committing the dossier leaves such a key behind (encryption/orphans.py). Only keys older than
ORPHAN_KEY_GRACE_MINUTES are considered, so work still in progress is never touched.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from audit import context as audit_context
from encryption import signals
from encryption.management.commands._actor import add_actor_argument, resolve_actor
from encryption.models import DataKey
from encryption.orphans import sweep_orphan_keys


class Command(BaseCommand):
    help = "Destroy live data keys older than the grace period that no row refers to."
    schedule = "hourly"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--older-than-minutes", type=float, default=None,
                            help="grace period (default: ORPHAN_KEY_GRACE_MINUTES)")
        parser.add_argument("--dry-run", action="store_true", help="count, destroy nothing")
        add_actor_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        actor = resolve_actor(options.get("actor"))
        minutes = options["older_than_minutes"]
        with audit_context.command_context("sweep_orphan_keys", actor=actor):
            report = sweep_orphan_keys(older_than=None if minutes is None else timedelta(minutes=minutes),
                                       dry_run=options["dry_run"])
            if report.destroyed and not options["dry_run"]:
                signals.orphan_keys_destroyed.send(sender=DataKey, actor=actor, when=timezone.now(),
                                                   count=report.destroyed)
        verb = "would destroy" if options["dry_run"] else "destroyed"
        self.stdout.write(f"{report.examined} live data key(s) past the grace period examined, "
                          f"{verb} {report.destroyed} orphan(s)")
