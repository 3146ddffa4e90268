"""Print the cost of sealing/opening each field type and of opening a 25-row page."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from encryption.bench import run_benchmark


class Command(BaseCommand):
    help = "Benchmark field encryption (microseconds per operation)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--repeat", type=int, default=5000)

    def handle(self, *args: Any, **options: Any) -> None:
        for name, micros in run_benchmark(repeat=options["repeat"]).items():
            self.stdout.write(f"{name:45s} {micros:10.2f} µs")
