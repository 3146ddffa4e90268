"""Give one dossier a fresh data key: re-encrypt its live and history rows, then shred the old key."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from encryption.management.commands._actor import add_actor_argument, resolve_actor
from encryption.reencrypt import DossierNotFound, dossier_reencrypt


class Command(BaseCommand):
    help = "Re-encrypt one dossier under a new data key and shred the old key."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dossier", type=uuid.UUID, required=True,
                            help="UUID of the row that owns the data key (a person, a case)")
        add_actor_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            new_key, rows = dossier_reencrypt(dossier_id=options["dossier"], actor=resolve_actor(options["actor"]))
        except DossierNotFound as exc:
            raise CommandError(f"no dossier with id {options['dossier']}") from exc
        self.stdout.write(self.style.SUCCESS(f"re-encrypted {rows} row(s) under data key {new_key.id}"))
