"""Parallel query for a long report, where every other request runs without it (ADR 0045).

Every PostgreSQL connection starts with `max_parallel_workers_per_gather = 0` (config/settings.py): for the
short queries of pages, starting workers costs more than it gains (the mixed case list's page query 16 -> 8 ms
at 1,000,000 cases), and under load the workers take the cores other requests wait for. A report that scans
much of the database for seconds (the annual figures) gains from them, and asks for them for its own
transaction only: `SET LOCAL` ends with the transaction, so a persistent connection never carries the
setting into the next request, also when the report fails.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import connections, transaction


@contextmanager
def parallel_query(using: str) -> Iterator[None]:
    """Queries on alias `using` inside the block may use `REPORT_PARALLEL_WORKERS` parallel workers each
    (PostgreSQL); elsewhere, or with that setting 0, the block runs as it is. Inside a transaction already
    open the block is a savepoint, and the setting lasts until that outer transaction ends (requests are
    not wrapped in one: ATOMIC_REQUESTS is off)."""
    workers = settings.REPORT_PARALLEL_WORKERS
    if connections[using].vendor != "postgresql" or workers <= 0:
        yield
        return
    with transaction.atomic(using=using):
        with connections[using].cursor() as cursor:
            cursor.execute("SELECT set_config('max_parallel_workers_per_gather', %s, true)", [str(workers)])
        yield
