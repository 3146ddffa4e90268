"""`BatchWrites` (casework/scale/pipeline.py): a batch is written while the next is built, one write at a time, in
order; a failed write stops the run there; the caller's error still lets the write under way finish."""

from __future__ import annotations

import threading

import pytest

from casework.scale.pipeline import BatchWrites


def _overlapping() -> BatchWrites:
    writes = BatchWrites()
    writes.overlap = True  # as on PostgreSQL outside a transaction; these writes touch no database
    return writes


@pytest.mark.django_db
def test_each_write_runs_in_the_writer_thread_and_its_then_in_the_caller_in_order():
    caller = threading.get_ident()
    writers, done = [], []
    with _overlapping() as writes:
        for batch in range(5):
            writes.submit(lambda batch=batch: writers.append(threading.get_ident()) or batch,
                          then=lambda result: done.append((result, threading.get_ident())))
    assert done == [(batch, caller) for batch in range(5)]
    assert len(set(writers)) == 1 and writers[0] != caller


@pytest.mark.django_db
def test_a_failed_write_is_raised_before_the_next_is_handed_over():
    started, done = [], []

    def write(batch: int) -> int:
        started.append(batch)
        if batch == 2:
            raise RuntimeError("the database refused batch 2")
        return batch

    with pytest.raises(RuntimeError, match="batch 2"), _overlapping() as writes:
        for batch in range(6):
            writes.submit(lambda batch=batch: write(batch), then=done.append)
    assert started == [0, 1, 2] and done == [0, 1]  # batch 3 was built, never written


@pytest.mark.django_db
def test_an_error_of_the_caller_waits_for_the_whole_batch_under_way():
    release, written = threading.Event(), []

    def slow_write() -> None:
        release.wait(timeout=60)
        written.append("batch 0")

    with pytest.raises(ValueError, match="while building"), _overlapping() as writes:
        writes.submit(slow_write, then=lambda _result: None)
        release.set()
        raise ValueError("while building batch 1")
    assert written == ["batch 0"]


@pytest.mark.django_db
def test_without_overlap_each_write_runs_at_once_in_the_caller():
    caller = threading.get_ident()
    seen = []
    with BatchWrites() as writes:  # SQLite, or inside the test's transaction
        assert not writes.overlap
        writes.submit(lambda: seen.append(threading.get_ident()), then=lambda _result: seen.append("then"))
        assert seen == [caller, "then"]
