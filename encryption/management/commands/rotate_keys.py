"""Re-wrap every data key under the active KEK (the first in FIELD_ENCRYPTION_KEYS).

Put the new KEK first, keep the old one configured, run this, then remove the old KEK. Safe to
interrupt: every batch commits, and a re-run continues with the keys still pending.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from encryption.keyring import get_provider
from encryption.management.commands._actor import add_actor_argument, resolve_actor
from encryption.rotation import keys_pending_rotation, keys_rotate


class Command(BaseCommand):
    help = "Re-wrap all data keys under the active key-encryption key (resumable)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=200)
        add_actor_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        active = get_provider().active_kek_id()
        total = keys_pending_rotation()
        self.stdout.write(f"active KEK {active}: {total} data key(s) to re-wrap")

        def progress(done: int, total_: int) -> None:
            width = 30
            filled = width if not total_ else int(width * done / total_)
            self.stdout.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total_}", ending="")
            self.stdout.flush()

        done = keys_rotate(actor=resolve_actor(options["actor"]), batch_size=options["batch_size"],
                           progress=progress)
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"re-wrapped {done} data key(s) under {active}"))
