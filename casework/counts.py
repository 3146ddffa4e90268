"""The open cases per controller, type and status, as the database counts them (ADR 0057).

`open_case_counts` reads an organisation's numbers from the rows the triggers on the case table append
(casework/models/counts.py); `fold` sums each key's rows into one (the daily `fold_open_case_counts` job), and
`recount` writes them anew from the cases (after whoever turned triggers off, or to check them: `drift`).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db import connections, router, transaction
from django.db.models import Count, QuerySet, Sum

from casework.models import Case, OpenCaseCount

_COLUMNS = "controller_id, case_type, status"
_KEY = ("controller_id", "case_type", "status")


def _summed(rows: QuerySet[OpenCaseCount]) -> QuerySet[Any]:
    """Each key's number: the sum of its rows, keys at zero left out."""
    return rows.values(*_KEY).annotate(total=Sum("n")).exclude(total=0)


def open_case_counts(controller_id: Any) -> list[tuple[str, str, int]]:
    """(case type, status, number) of the organisation's open cases whose person is not restricted, by type and
    status: one indexed read of the organisation's rows, whatever the number of cases."""
    rows = _summed(OpenCaseCount.objects.filter(controller_id=controller_id)).order_by("case_type", "status")
    return [(row["case_type"], row["status"], row["total"]) for row in rows]


def counted_from_cases(controller_id: Any | None = None) -> dict[tuple[Any, str, str], int]:
    """The same numbers counted from the cases themselves (an aggregate over every open case): to compare."""
    cases = Case.objects.filter(closed_on__isnull=True, person_restricted=False)
    if controller_id is not None:
        cases = cases.filter(controller_id=controller_id)
    return {tuple(row[name] for name in _KEY): row["total"]  # type: ignore[misc]
            for row in cases.values(*_KEY).annotate(total=Count("pk")).order_by()}


def _kept() -> dict[tuple[Any, str, str], int]:
    return {tuple(row[name] for name in _KEY): row["total"]  # type: ignore[misc]
            for row in _summed(OpenCaseCount.objects.all()).order_by()}


def drift() -> dict[tuple[Any, str, str], tuple[int, int]]:
    """Keys whose kept number differs from the cases' count: {(controller, type, status): (kept, counted)}.
    Empty while the triggers are in place."""
    kept, counted = _kept(), counted_from_cases()
    return {key: (kept.get(key, 0), counted.get(key, 0)) for key in kept.keys() | counted.keys()
            if kept.get(key, 0) != counted.get(key, 0)}


def fold() -> int:
    """Sum each key's rows into one row (none for a sum of zero); returns how many rows were folded.

    PostgreSQL: one statement deletes the rows it sees and inserts their sums, so a row a concurrent transaction
    appends meanwhile is neither summed nor deleted, and two folds at once fold each row once. SQLite: the delete
    takes the database's write lock first, so no row can come between reading and deleting."""
    using = router.db_for_write(OpenCaseCount)
    connection = connections[using]
    with transaction.atomic(using=using), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"WITH folded AS (DELETE FROM casework_opencasecount RETURNING {_COLUMNS}, n), "  # noqa: S608
                f"summed AS (INSERT INTO casework_opencasecount ({_COLUMNS}, n) "
                f"SELECT {_COLUMNS}, sum(n) FROM folded GROUP BY {_COLUMNS} HAVING sum(n) <> 0) "
                f"SELECT count(*) FROM folded")
            return int(cursor.fetchone()[0])
        cursor.execute(f"DELETE FROM casework_opencasecount RETURNING {_COLUMNS}, n")  # noqa: S608
        deleted = cursor.fetchall()
        sums: dict[tuple[Any, str, str], int] = defaultdict(int)
        for controller_id, case_type, status, n in deleted:
            sums[controller_id, case_type, status] += n
        cursor.executemany(f"INSERT INTO casework_opencasecount ({_COLUMNS}, n) VALUES (%s, %s, %s, %s)",  # noqa: S608
                           [(*key, n) for key, n in sums.items() if n])
        return len(deleted)


def recount() -> None:
    """Write the numbers anew from the cases (`counted_from_cases`): for a database whose triggers were turned off for a
    while (a restore with `session_replication_role = replica`). PostgreSQL: the case table is locked against writes
    meanwhile."""
    using = router.db_for_write(OpenCaseCount)
    connection = connections[using]
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("LOCK TABLE casework_case IN SHARE MODE")
        OpenCaseCount.objects.using(using).all().delete()
        OpenCaseCount.objects.using(using).bulk_create(
            OpenCaseCount(controller_id=controller_id, case_type=case_type, status=status, n=n)
            for (controller_id, case_type, status), n in counted_from_cases().items())


__all__ = ["counted_from_cases", "drift", "fold", "open_case_counts", "recount"]
