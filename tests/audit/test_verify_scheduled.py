"""audit_verify --scheduled (the daily job): the tail since the last checkpoint, the whole chain weekly.

Uses the signed chain of tests/audit/test_commands.py (events 1-15, a checkpoint of event 10).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from audit.management.commands.audit_verify import Command, full_run_due
from tests.audit import filedb, test_commands

chain, chain_template = test_commands.chain, test_commands.chain_template  # the signed chain fixtures

pytestmark = pytest.mark.django_db(databases="__all__")


def _scheduled(data_dir) -> str:
    result = filedb.manage(data_dir, "audit_verify", "--scheduled", "--no-progress", check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _scopes(data_dir) -> list[str]:
    return [scope for (scope,) in filedb.rows(data_dir, "SELECT scope FROM audit_verificationrun ORDER BY id")]


def test_the_first_run_is_full_then_the_tail(chain):
    full = _scheduled(chain)
    assert "15 events" in full and "since the last checkpoint" not in full
    tail = _scheduled(chain)
    assert "5 events, 1 checkpoints checked" in tail and "(since the last checkpoint)" in tail
    assert _scopes(chain) == ["full", "tail"]


def test_a_tail_run_still_finds_a_rewritten_checkpointed_event(chain):
    _scheduled(chain)  # full, intact
    filedb.execute(chain, ("UPDATE audit_auditevent SET hash = ? WHERE sequence = 10", ("0" * 64,)))
    result = filedb.manage(chain, "audit_verify", "--scheduled", "--no-progress", check=False)
    assert result.returncode == 1 and "event 10" in result.stderr


def test_full_run_due_after_a_week():
    assert full_run_due("audit")
    from audit.models import VerificationRun

    now = timezone.now()
    VerificationRun.objects.create(started_at=now - timedelta(days=8), finished_at=now - timedelta(days=8),
                                   intact=True, events_checked=1, checkpoints_checked=0,
                                   scope=VerificationRun.Scope.FULL)
    assert full_run_due("audit", now)
    VerificationRun.objects.create(started_at=now, finished_at=now, intact=False, events_checked=1,
                                   checkpoints_checked=0, scope=VerificationRun.Scope.FULL)
    assert full_run_due("audit", now)  # a broken run does not count
    VerificationRun.objects.create(started_at=now, finished_at=now, intact=True, events_checked=1,
                                   checkpoints_checked=0, scope=VerificationRun.Scope.TAIL)
    assert full_run_due("audit", now)  # nor does a tail run
    VerificationRun.objects.create(started_at=now, finished_at=now, intact=True, events_checked=1,
                                   checkpoints_checked=0, scope=VerificationRun.Scope.FULL)
    assert not full_run_due("audit", now)
    assert Command.schedule_args == ("--scheduled",)
