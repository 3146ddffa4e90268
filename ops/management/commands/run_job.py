"""`manage.py run_job NAME`: run one scheduled command as the systemd timers do (ops/jobs.py).

Exactly one structured log line per run (command, outcome, duration, exit code), the outcome
recorded for the readiness details, exit status 1 on failure. The command's own output goes to
stdout as usual (the journal keeps it).
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from encryption.orphans import orphan_guard
from ops.jobs import ScheduleError, job
from ops.logging import exception_fields

logger = logging.getLogger("zorgveilig.jobs")


def _record(command: str, started_at: Any, succeeded: bool, duration_ms: int) -> None:
    from ops.models import JobState

    now = timezone.now()
    defaults: dict[str, Any] = {
        "last_started_at": started_at, "last_finished_at": now, "last_duration_ms": duration_ms,
        "last_outcome": JobState.Outcome.SUCCEEDED if succeeded else JobState.Outcome.FAILED,
    }
    if succeeded:
        defaults["last_succeeded_at"] = now
    JobState.objects.update_or_create(command=command, defaults=defaults)


class Command(BaseCommand):
    help = "Run a scheduled command: one structured log line, outcome recorded, non-zero exit on failure."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", help="a command that declares a schedule")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            scheduled = job(options["name"])
        except ScheduleError as exc:
            raise CommandError(str(exc)) from exc
        started_at, started = timezone.now(), time.perf_counter()
        failure: BaseException | None = None
        try:
            with orphan_guard():
                call_command(scheduled.command, *scheduled.args, stdout=self.stdout, stderr=self.stderr)
        except (Exception, SystemExit) as exc:  # noqa: BLE001 - any failure is the job's failure
            failure = exc
        duration_ms = round((time.perf_counter() - started) * 1000)
        extra: dict[str, Any] = {"command": scheduled.command, "schedule": scheduled.schedule,
                                 "duration_ms": duration_ms, "outcome": "failed" if failure else "succeeded",
                                 "exit_code": 1 if failure else 0}
        try:
            _record(scheduled.command, started_at, failure is None, duration_ms)
        except Exception as exc:  # noqa: BLE001 - the log line and the exit status still tell
            extra["outcome"] = "failed" if failure else "succeeded (not recorded)"
            failure = failure or exc
            extra["exit_code"] = 1
        if failure is not None:
            fields = exception_fields((type(failure), failure, failure.__traceback__))
            logger.error("scheduled job failed", extra={**extra, "exc_type": fields["exc_type"]})
            if isinstance(failure, CommandError):  # the command's own message, written for operators
                self.stderr.write(str(failure))
            raise CommandError(f"{scheduled.command} failed ({type(failure).__name__})")
        logger.info("scheduled job succeeded", extra=extra)
