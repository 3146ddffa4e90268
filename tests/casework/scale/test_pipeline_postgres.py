"""On PostgreSQL, outside a transaction, `seed_scale` writes each batch in a thread of its own while it builds the
next: the same complete, sealed, searchable data; a batch whose write fails leaves the batches before it and
nothing after, and a second run completes the seed with no case twice."""

from __future__ import annotations

import threading

import pytest
from django.core.management import call_command
from django.db import connections, transaction

from accounts.models import User
from casework.models import Case
from casework.notifications.models import Notification
from casework.scale import pipeline
from casework.scale.rows import RowWriter
from tests.casework.scale.test_seed_scale import SEED, assert_seeded

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, databases="__all__")]


def _seed(cases: int, events: int = 0, batch: int = 5) -> None:
    call_command("seed_scale", cases=cases, audit_events=events, seed=SEED, batch=batch, event_batch=40,
                 no_progress=True, verbosity=0)


def _writer_threads(monkeypatch) -> list[int]:
    threads: list[int] = []
    flush = RowWriter.flush

    def recorded(self: RowWriter) -> int:
        threads.append(threading.get_ident())
        return flush(self)

    monkeypatch.setattr(RowWriter, "flush", recorded)
    return threads


def test_the_batches_are_written_in_a_thread_of_their_own_and_hold_what_a_seed_holds(monkeypatch):
    assert connections["default"].vendor == "postgresql" and not connections["default"].in_atomic_block
    threads = _writer_threads(monkeypatch)
    _seed(24, 90)
    # five batches of cases in the writer thread (the sharing decisions' writer runs in the caller)
    assert threads.count(threads[0]) == 5 and threads[0] != threading.get_ident()
    assert_seeded(90)


def test_a_failed_write_leaves_the_batches_before_it_and_a_second_run_completes_the_seed(monkeypatch):
    flush, calls = RowWriter.flush, []

    def failing(self: RowWriter) -> int:
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("the database went away during batch 2")
        return flush(self)

    monkeypatch.setattr(RowWriter, "flush", failing)
    with pytest.raises(RuntimeError, match="batch 2"):
        _seed(24)
    seeded = Case.objects.filter(reference__startswith=f"S{SEED}-")
    indexes = sorted(int(reference.rsplit("-", 1)[1]) for reference in seeded.values_list("reference", flat=True))
    assert indexes == list(range(10))  # batches 0 and 1 (5 cases each); nothing of batch 2 or later
    monkeypatch.setattr(RowWriter, "flush", flush)
    _seed(24)
    assert seeded.count() == 24
    regisseur = User.objects.get(username="regisseur")
    assert Notification.objects.filter(recipient=regisseur).count() == seeded.filter(owner=regisseur).count()
    assert not any(thread.name.startswith("seed-writes") for thread in threading.enumerate())


def test_inside_a_transaction_the_writes_run_in_the_caller():
    with transaction.atomic():
        assert not pipeline.BatchWrites().overlap  # the writer's own connection would not see this transaction
    assert pipeline.BatchWrites().overlap
