"""Scheduled jobs: management commands that declare their own schedule.

A command becomes a scheduled job by a class attribute — `schedule = "hourly"` (or "daily",
"weekly") and optionally `schedule_args = ("--flag",)` — so the declaration sits next to the code
and later work adds jobs without touching this module. From the declarations:
- `manage.py deploy_units` writes (and `--check` verifies) a systemd service and timer per job in
  `deploy/systemd/`; a test fails when one is missing or stale;
- `manage.py run_job NAME` is what the timers start: it runs the command inside an orphan-key
  guard, logs exactly one structured line (command, outcome, duration, exit code), records the
  outcome in `JobState`, and exits non-zero on failure;
- `job_status()` (the readiness details) shows when each job last succeeded and flags one that
  is overdue (no success within twice its period).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core.management import get_commands, load_command_class
from django.utils import timezone

PERIODS = {"hourly": timedelta(hours=1), "daily": timedelta(days=1), "weekly": timedelta(weeks=1)}
# Spread the jobs of one period over it, so they do not all start on the hour.
RANDOMIZED_DELAY = {"hourly": "10min", "daily": "1h", "weekly": "4h"}
PROJECT_APPS = frozenset({"accounts", "audit", "casework", "encryption", "ops"})


@dataclass(frozen=True)
class Job:
    command: str
    schedule: str
    args: tuple[str, ...] = ()
    description: str = ""

    @property
    def period(self) -> timedelta:
        return PERIODS[self.schedule]

    @property
    def unit(self) -> str:
        return f"zorgveilig-job-{self.command.replace('_', '-')}"


class ScheduleError(ValueError):
    pass


@functools.cache
def declared_jobs() -> tuple[Job, ...]:
    """Every installed command with a `schedule` attribute, by name."""
    jobs = []
    for name, app in sorted(get_commands().items()):
        if app.split(".")[0] not in PROJECT_APPS:
            continue
        command = load_command_class(app, name)
        schedule = getattr(command, "schedule", None)
        if schedule is None:
            continue
        if schedule not in PERIODS:
            raise ScheduleError(f"{name}: schedule must be one of {', '.join(PERIODS)}, not {schedule!r}")
        jobs.append(Job(name, schedule, tuple(getattr(command, "schedule_args", ())),
                        str(getattr(command, "help", "")).strip()))
    return tuple(jobs)


def job(name: str) -> Job:
    for candidate in declared_jobs():
        if candidate.command == name:
            return candidate
    raise ScheduleError(f"{name!r} is not a scheduled command")


def _overdue(job_: Job, last_success: datetime | None, now: datetime) -> bool:
    return last_success is None or now - last_success > 2 * job_.period


def job_status(now: datetime | None = None) -> dict[str, Any]:
    """Per job: schedule, last success, last outcome and whether it is overdue."""
    from ops.models import JobState

    now = now or timezone.now()
    try:
        states = {state.command: state for state in JobState.objects.all()}
    except Exception as exc:  # noqa: BLE001 - the readiness details still show the rest
        return {"error": type(exc).__name__}
    status: dict[str, Any] = {}
    for job_ in declared_jobs():
        state = states.get(job_.command)
        last_success = state.last_succeeded_at if state else None
        status[job_.command] = {
            "schedule": job_.schedule,
            "last_success": last_success.isoformat() if last_success else None,
            "last_outcome": state.last_outcome if state else None,
            "overdue": _overdue(job_, last_success, now),
        }
    return status
