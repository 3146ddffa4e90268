"""Scheduled commands declare themselves; deploy/systemd follows the declarations; run_job logs one
structured line, records the outcome and fails loudly."""

from __future__ import annotations

import logging
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from ops.jobs import declared_jobs, job_status
from ops.models import JobState

UNITS = Path(settings.BASE_DIR) / "deploy" / "systemd"


def test_the_scheduled_commands_declare_their_schedule():
    schedules = {job.command: job.schedule for job in declared_jobs()}
    assert schedules == {
        "audit_checkpoint": "hourly", "audit_verify": "daily", "audit_partitions": "daily", "expire_shares": "daily",
        "send_deadline_reminders": "daily", "apply_retention": "daily", "encryption_check": "daily",
        "sweep_orphan_keys": "hourly", "check_equated_days": "weekly", "purge_submission_keys": "hourly",
        "send_meeting_invitations": "daily", "send_notification_mails": "hourly", "notify_due": "daily",
        "purge_notifications": "daily", "count_audit_days": "daily", "fold_open_case_counts": "daily",
        "refresh_figures": "daily",
    }


def test_deploy_systemd_holds_a_service_and_timer_per_job():
    call_command("deploy_units", "--check")  # fails the suite when a unit is missing or stale
    for job in declared_jobs():
        timer = (UNITS / f"{job.unit}.timer").read_text()
        assert f"OnCalendar={job.schedule}" in timer and "Persistent=true" in timer
        assert f"manage.py run_job {job.command}" in (UNITS / f"{job.unit}.service").read_text()


def test_the_check_names_missing_stale_and_left_over_units(tmp_path: Path):
    shutil.copytree(UNITS, tmp_path, dirs_exist_ok=True)
    (tmp_path / "zorgveilig-job-audit-verify.timer").unlink()
    (tmp_path / "zorgveilig-job-expire-shares.service").write_text("[Service]\n")
    (tmp_path / "zorgveilig-job-retired.timer").write_text("[Timer]\n")
    with pytest.raises(CommandError):
        call_command("deploy_units", "--check", "--directory", str(tmp_path))
    from ops.units import differences

    assert set(differences(tmp_path)) == {"stale zorgveilig-job-expire-shares.service",
                                          "missing zorgveilig-job-audit-verify.timer",
                                          "left over zorgveilig-job-retired.timer"}
    call_command("deploy_units", "--directory", str(tmp_path))
    assert not (tmp_path / "zorgveilig-job-retired.timer").exists()
    call_command("deploy_units", "--check", "--directory", str(tmp_path))


def _job_lines(caplog) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == "zorgveilig.jobs"]


@pytest.mark.django_db(databases="__all__")
def test_run_job_logs_one_line_and_records_success(caplog):
    caplog.set_level(logging.INFO, logger="zorgveilig.jobs")
    call_command("run_job", "sweep_orphan_keys")
    (line,) = _job_lines(caplog)
    assert (line.command, line.outcome, line.exit_code, line.schedule) == ("sweep_orphan_keys", "succeeded", 0,
                                                                            "hourly")
    state = JobState.objects.get(command="sweep_orphan_keys")
    assert state.last_outcome == "succeeded" and state.last_succeeded_at is not None
    assert job_status()["sweep_orphan_keys"]["overdue"] is False


@pytest.mark.django_db(databases="__all__")
def test_a_failing_job_exits_non_zero_and_is_recorded_as_failed(caplog, monkeypatch):
    from audit.management.commands import audit_verify

    def broken(self, *args, **options):
        raise CommandError("audit chain BROKEN at event 7")

    monkeypatch.setattr(audit_verify.Command, "handle", broken)
    caplog.set_level(logging.INFO, logger="zorgveilig.jobs")
    with pytest.raises(CommandError):
        call_command("run_job", "audit_verify")
    (line,) = _job_lines(caplog)
    assert (line.outcome, line.exit_code, line.levelname) == ("failed", 1, "ERROR")
    assert "BROKEN" not in line.getMessage()
    state = JobState.objects.get(command="audit_verify")
    assert state.last_outcome == "failed" and state.last_succeeded_at is None
    assert job_status()["audit_verify"]["overdue"] is True


@pytest.mark.django_db(databases="__all__")
def test_a_job_without_a_recent_success_is_flagged_overdue():
    now = timezone.now()
    JobState.objects.create(command="audit_checkpoint", last_started_at=now, last_finished_at=now,
                            last_outcome="succeeded", last_succeeded_at=now - timedelta(hours=3))
    JobState.objects.create(command="audit_verify", last_started_at=now, last_finished_at=now,
                            last_outcome="succeeded", last_succeeded_at=now - timedelta(hours=30))
    status = job_status(now=now)
    assert status["audit_checkpoint"]["overdue"] is True  # hourly, none for 3 hours
    assert status["audit_verify"]["overdue"] is False  # daily, 30 hours ago is within twice the period
    assert status["expire_shares"] == {"schedule": "daily", "last_success": None, "last_outcome": None,
                                       "overdue": True}


def test_only_declared_commands_run_as_jobs():
    with pytest.raises(CommandError):
        call_command("run_job", "rotate_keys")
