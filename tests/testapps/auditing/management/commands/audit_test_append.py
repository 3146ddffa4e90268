"""Test-only: append synthetic audit events (used by the file-backed and concurrency tests)."""

import uuid

from django.core.management.base import BaseCommand

import audit
from audit import context as audit_context
from audit.actions import Action
from audit.services import Target
from casework.pga.casetype import PROCESSING_ACTIVITY as PGA_PROCESREGIE


class Command(BaseCommand):
    help = "Append COUNT synthetic events, BATCH at a time."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=10)
        parser.add_argument("--batch", type=int, default=1)
        parser.add_argument("--start-at", type=float, default=0.0, help="Wait until this Unix time first.")

    def handle(self, *args, **options):
        import time

        while time.time() < options["start_at"]:
            time.sleep(0.005)
        written = 0
        with audit_context.command_context("audit_test_append"):
            while written < options["count"]:
                size = min(options["batch"], options["count"] - written)
                targets = [Target(object_type="testapp.DemoPerson", object_id=uuid.uuid4(), subject_id=uuid.uuid4())
                           for _ in range(size)]
                audit.record_batch(action=Action.VIEW, processing_activity=PGA_PROCESREGIE, targets=targets,
                                   actor=None, reason="synthetic test event")
                written += size
        self.stdout.write(f"appended {written}")
