"""Which tables hold rows of one case, asked once for the whole case page (issue 15: queries per page).

A case page reads a table per section of its type and of its components (remedies, penalties,
documents, meetings...): the page of one case type read about fifty, most of them empty for a given case.
`probe(case)` asks in one query which of the case-scoped tables hold a row of the case
(`SELECT n WHERE EXISTS (... WHERE case_id = %s)` per table, `UNION ALL`: each an index probe on the
table's `case_id`), and keeps the answer on that case instance; `has_rows(case, Model)` then tells a
section loader whether the query is worth running. `exists_each` is the query itself, also used for
the history tables of the timeline.

Only the case page probes, before it reads anything, and reads nothing else into the instance: a
case object that was not probed answers `has_rows` with True (query as before), so a service that
writes and then reads through the same object never sees a stale answer.

A list page asks the same for all cases of the page at once (`page_probed`), when a deadline provider first
asks (`checker(None)`): the providers, asked about some of those cases, skip the tables that hold no row of
any of them (a page of 25 cases of three types read some twenty tables for their next terms); a page whose
providers ask nothing (signals) runs no probe.

A case-scoped table is any model (not a history model) with a foreign key named `case` to `Case`.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator, Sequence
from contextvars import ContextVar
from functools import partial
from typing import Any

from django.apps import apps
from django.db import connections, models, router
from django.db.models import QuerySet

from casework import registry
from casework.models import Case
from config.prepared import Bound, any_of, prepared_cursor

ATTRIBUTE = "_tables_with_rows"
_PAGE: ContextVar[_PageProbe | None] = ContextVar("casework_presence_page", default=None)


@functools.cache
def case_tables() -> tuple[type[models.Model], ...]:
    """Every model with a foreign key `case` to Case, history models aside (their own probe: timeline)."""
    found = []
    for model in apps.get_models():
        if model._meta.proxy or any(f.name == "history_id" for f in model._meta.concrete_fields):
            continue
        try:
            field = model._meta.get_field("case")
        except Exception:  # noqa: BLE001, S112 - FieldDoesNotExist: not case-scoped
            continue
        if getattr(field, "many_to_one", False) and field.related_model is Case:
            found.append(model)
    return tuple(sorted(found, key=lambda model: model._meta.label))


def exists_each(wanted: Sequence[tuple[type[models.Model], dict[str, Any]]]) -> list[int]:
    """The indexes of `wanted` (model, {column field: value}) whose table holds a matching row, in one
    query. On PostgreSQL each list of values is one array parameter, so the statement's text depends only
    on the tables asked about, and it is prepared: planning its thirty-odd clauses took 1.2 of its 1.4 ms
    (config/prepared.py)."""
    if not wanted:
        return []
    connection = connections[router.db_for_read(wanted[0][0])]
    bound = Bound(connection)  # the page's ids sent once, however many tables ask about them
    parts: list[str] = []
    for index, (model, lookup) in enumerate(wanted):
        ((name, value),) = lookup.items()
        column: Any = model._meta.get_field(name)
        values = list(value) if isinstance(value, list | tuple | set | frozenset) else [value]
        parts.append(_exists_clause(connection, index, model, column, bound.any_of(column, values)))
    with prepared_cursor(connection) as cursor:
        cursor.execute(" UNION ALL ".join(parts), bound.params)
        return sorted(row[0] for row in cursor.fetchall())


def _exists_clause(connection: Any, index: int, model: type[models.Model], column: Any, condition: str) -> str:
    """`SELECT index` when `model`'s table holds a row whose `column` meets `condition` (names from the models)."""
    quote = connection.ops.quote_name
    return f"SELECT {index} WHERE EXISTS (SELECT 1 FROM {quote(model._meta.db_table)} " \
           f"WHERE {quote(column.column)} {condition})"  # noqa: S608


def exists_any(tables: Sequence[type[models.Model]], ids: Sequence[Any]) -> list[int]:
    """`exists_each` asking every table of `tables` about the same case ids (a list page's probe), with the
    statement's text built once per process for these tables (and, off PostgreSQL, this many ids): building
    its thirty-odd clauses cost 0.4 ms of every list page."""
    if not tables or not ids:
        return []
    connection = connections[router.db_for_read(tables[0])]
    condition, params = any_of(connection, tables[0]._meta.get_field("case"), ids)
    sql = _exists_any_sql(connection.alias, tuple(tables), condition)
    # PostgreSQL: the one array, named once (as `Bound` sends it); elsewhere the ids again for every table
    with prepared_cursor(connection) as cursor:
        cursor.execute(sql, {"ids": params[0]} if connection.vendor == "postgresql" else params * len(tables))
        return sorted(row[0] for row in cursor.fetchall())


@functools.lru_cache(maxsize=128)
def _exists_any_sql(alias: str, tables: tuple[type[models.Model], ...], condition: str) -> str:
    connection = connections[alias]
    if connection.vendor == "postgresql":
        condition = "= ANY(%(ids)s)"
    return " UNION ALL ".join(_exists_clause(connection, index, model, model._meta.get_field("case"), condition)
                              for index, model in enumerate(tables))


@functools.cache
def tables_of(case_type: str) -> tuple[type[models.Model], ...]:
    """The case-scoped tables a case of this type can have rows in: the core's, its own and its components'
    (never another case type's: a PGA page does not touch a Damocles table)."""
    spec = registry.get(case_type)
    others = {other.app_label for other in registry.types() if other.code != spec.code}
    others |= {part.app_label for part in registry.components()} - {
        part.app_label for part in registry.components_of(spec)}
    return tuple(model for model in case_tables() if model._meta.app_label not in others)


registry.on_register(lambda spec: tables_of.cache_clear())  # a type registered anew (tests): its tables again


def probe(case: Case) -> None:
    """Find (one query) and keep on `case` which case-scoped tables of its type hold a row of it."""
    tables = tables_of(case.case_type)
    present = exists_each([(model, {"case": case.pk}) for model in tables])
    setattr(case, ATTRIBUTE, (frozenset(tables), frozenset(tables[index] for index in present)))


def has_rows(case: Case, model: type[models.Model]) -> bool:
    """False only when the probe of this case instance found no row of it in `model`'s table."""
    probed = getattr(case, ATTRIBUTE, None)
    if probed is None:
        return True
    tables, present = probed
    return model not in tables or model in present


class _PageProbe:
    """The probe of a page's cases, run when a deadline provider first asks (the signals provider never does,
    and a page whose cases need no derived term asks nothing): one query, then answers from it."""

    def __init__(self, cases: Sequence[Case]) -> None:
        self.tables = tuple(dict.fromkeys(model for case_type in sorted({case.case_type for case in cases})
                                          for model in tables_of(case_type)))
        self.ids = sorted({case.pk for case in cases}, key=str)
        self.present: frozenset[type[models.Model]] | None = None

    def has(self, model: type[models.Model]) -> bool:
        if model not in self.tables:
            return True
        if self.present is None:
            found = exists_any(self.tables, self.ids)
            self.present = frozenset(self.tables[index] for index in found)
        return model in self.present


@contextlib.contextmanager
def page_probed(cases: Sequence[Case]) -> Iterator[None]:
    """Within the block `checker(None)` answers which tables of these cases' types hold rows of any of them,
    from one query run on the first question. Only for reads about (some of) these cases."""
    token = _PAGE.set(_PageProbe(cases))
    try:
        yield
    finally:
        _PAGE.reset(token)


def checker(case: Case | None) -> Callable[[type[models.Model]], bool]:
    """`has_rows` for one probed case; without one, the answer of the enclosing `page_probed` block, else
    "yes" for every table (query as before)."""
    if case is not None:
        return partial(has_rows, case)
    page = _PAGE.get()
    if page is None:
        return _always
    return page.has


def _always(model: type[models.Model]) -> bool:
    return True


def rows(case: Case, queryset: QuerySet[Any]) -> list[Any]:
    """The rows of `queryset` (of the case), without a query when the probe found none in its table."""
    return list(queryset) if has_rows(case, queryset.model) else []


__all__ = ["case_tables", "checker", "exists_any", "exists_each", "has_rows", "page_probed", "probe", "rows",
           "tables_of"]
