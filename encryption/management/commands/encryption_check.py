"""Decrypt a sample of every encrypted column; report failures by model, field and row id (no values)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from encryption.check import encryption_check


class Command(BaseCommand):
    help = "Check that a sample of every encrypted column decrypts. Never prints a value."
    schedule = "daily"  # a scheduled job (ops/jobs.py; deploy/systemd/)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--sample", type=int, default=100, help="rows per model (default 100)")

    def handle(self, *args: Any, **options: Any) -> None:
        report = encryption_check(sample=options["sample"])
        for failure in report.failures:
            self.stdout.write(f"FAIL {failure.model}.{failure.field} row {failure.row_id}: {failure.reason}")
        self.stdout.write(
            f"{report.values_checked} value(s) checked, {len(report.failures)} failure(s), "
            f"{report.shredded} shredded on purpose"
        )
        if not report.ok:
            raise CommandError("some encrypted values do not decrypt")
