"""Writing one batch of `seed_scale` while the next is built.

A batch's rows are built in Python (sealing, blind indexes, history rows) and then written in one
transaction; PostgreSQL then spends its own time on the `COPY`, the indexes and the deferred
foreign-key checks at commit. Taking turns, the two left each other's core idle: of 10,000 cases,
about 4 of 11 seconds went to waiting for the writes (docs/performance.md, "The seed's batches
written while the next is built"). `BatchWrites` hands each batch's write to one thread of its
own, so that the database works on batch n while Python builds batch n + 1.

What keeps a run resumable (`seeding.cases_done` counts the cases there): at most one write is
under way, and batch n + 1 is handed over only after batch n committed; a write that fails is
raised in the caller before anything else is handed over, so the batches there are always the
first ones. Leaving the block (also on an error while building) waits for the write under way:
it is a whole batch.

The thread has database connections of its own, which see only what is committed. So the writes
overlap only on PostgreSQL and only when the caller's connection is not inside a transaction
(a test's transaction, `atomic`): otherwise each write runs at once in the caller's thread, as
before. The thread closes its connections when the block ends.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from types import TracebackType
from typing import Any

from django.db import connections


class BatchWrites:
    """`submit(write, then)`: run `write()` (one batch, one transaction), then `then(result)` in the caller."""

    def __init__(self, *, using: str = "default") -> None:
        connection = connections[using]
        self.overlap = connection.vendor == "postgresql" and not connection.in_atomic_block
        self._thread: ThreadPoolExecutor | None = None
        self._pending: tuple[Future[Any], Callable[[Any], None]] | None = None

    def __enter__(self) -> BatchWrites:
        if self.overlap:
            self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="seed-writes")
        return self

    def submit(self, write: Callable[[], Any], then: Callable[[Any], None]) -> None:
        """Wait for the write under way (raising its error), then start `write`."""
        self.wait()
        if self._thread is None:
            then(write())
            return
        self._pending = (self._thread.submit(write), then)

    def wait(self) -> None:
        """Wait for the write under way, if any, and run its `then`; its error is raised here."""
        if self._pending is None:
            return
        future, then = self._pending
        self._pending = None
        then(future.result())

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        if self._thread is None:
            return
        try:
            if kind is None:
                self.wait()
        finally:  # one worker, in order: after the write under way (a whole batch, also when the caller failed)
            self._thread.submit(connections.close_all).result()
            self._thread.shutdown()
            self._thread = None
