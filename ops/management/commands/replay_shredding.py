"""`manage.py replay_shredding [--dry-run]`: after a restore, destroy again every data key the audit
trail records as destroyed (ops/restore.py). Run it before the service opens (docs/operations.md)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from audit import context as audit_context
from audit.actions import Action
from audit.activities import INFORMATION_SECURITY
from audit.services import record
from ops.restore import replay_shredding


class Command(BaseCommand):
    help = "Replay into the key store every destruction of a data key that the audit trail records."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="list what would be destroyed, change nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        with audit_context.command_context("replay_shredding"):
            report = replay_shredding(dry_run=options["dry_run"])
            if report.replayed and not options["dry_run"]:
                record(action=Action.SHRED, processing_activity=INFORMATION_SECURITY, actor=None,
                       object_type="encryption.DataKey",
                       reason=f"{len(report.replayed)} recorded destructions replayed after a restore")
        verb = "would replay" if options["dry_run"] else "replayed"
        self.stdout.write(f"{report.recorded} destruction(s) recorded in the audit trail; "
                          f"{verb} {len(report.replayed)} into the key store")
        for key_id in report.replayed:
            self.stdout.write(f"  data key {key_id}")
