"""`manage.py audit_checkpoint`: sign the chain's head (run it on a schedule, e.g. hourly).

`--cut` marks a retention cut: the retention role may then delete events up to it.
`--public-key` prints the verification key for an auditor and signs nothing.
`--after-restore NOTE` first writes a signed restore marker for the restored head to the anchor
sink (the anchors after it are then a documented gap, docs/operations.md), then signs a checkpoint.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from audit import context as audit_context
from audit import signing
from audit.anchors import AnchorError, restore_marker_publish
from audit.chain import read_head
from audit.checkpoints import checkpoint_create
from audit.models import AuditCheckpoint
from audit.verification import ChainBroken


class Command(BaseCommand):
    help = "Sign (sequence, hash, time) of the audit chain's head with the Ed25519 audit key."
    schedule = "hourly"  # a scheduled job (ops/jobs.py; deploy/systemd/)

    def add_arguments(self, parser):
        parser.add_argument("--cut", action="store_true", help="Mark this checkpoint as a retention cut.")
        parser.add_argument("--actor", help="Username of the employee who runs this command.")
        parser.add_argument("--public-key", action="store_true", help="Print the public key (base64) and exit.")
        parser.add_argument("--after-restore", metavar="NOTE",
                            help="The audit database was restored from a backup: anchor a signed restore marker "
                                 "for its head first (NOTE says which backup), then sign a checkpoint.")

    def handle(self, *args, **options):
        if options["public_key"]:
            self.stdout.write(f"{signing.public_key_b64()}  (key id {signing.key_id()})")
            return
        actor = None
        if options["actor"]:
            actor = get_user_model().objects.filter(username=options["actor"]).first()
            if actor is None:
                raise CommandError(f"no user {options['actor']!r}")
        kind = AuditCheckpoint.Kind.CUT if options["cut"] else AuditCheckpoint.Kind.PERIODIC
        if options["after_restore"] is not None:
            self._mark_restore(options["after_restore"])
        with audit_context.command_context("audit_checkpoint", actor=actor):
            try:
                checkpoint = checkpoint_create(
                    kind=kind, actor=actor, created_by=actor.display_name if actor else "manage.py audit_checkpoint"
                )
            except ChainBroken as exc:
                raise CommandError(f"not signing: audit chain BROKEN at event "
                                   f"{exc.result.first_broken_sequence}: {exc.result.message}") from exc
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
            except AnchorError as exc:
                raise CommandError(f"checkpoint signed and stored, but its anchor was not written: {exc}") from exc
        self.stdout.write(f"signed {kind} checkpoint {checkpoint.pk} at event {checkpoint.sequence} "
                          f"({checkpoint.event_hash[:16]}…)")

    def _mark_restore(self, note: str) -> None:
        sequence, event_hash = read_head()
        try:
            restore_marker_publish(sequence=sequence, event_hash=event_hash, note=note)
        except AnchorError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"anchored a restore marker: the restored chain ends at event {sequence}")
