"""Rows read by their ids with a query the ORM builds and compiles once per shape and database (ADR 0049).

A list page reads its page's rows by id (casework/paging.py) with everything a row shows: the related rows
joined (`select_related`), what is not shown deferred, and per case type the annotations of its next term
(subqueries). Building that queryset and compiling it cost 3.3 ms of Python on every case list page at
1,000,000 cases, for SQL PostgreSQL runs in 1.8 ms; its text depends only on the list's shape (the case type
filter, the sort, how many ids) and the database, never on the user or the ids' values.

`CompiledRows(build)` builds `build(ids, **shape)` with sample ids (random, so no row has them) the first time
a shape is used on a database alias, compiles it through the ORM, and keeps the SQL, the places of the ids in
its parameters and the compiler (which knows how to turn a result row into model instances, the joined ones
included). A later use puts its own ids in those places and runs the same SQL through a copy of that compiler:
the instances are the ORM's own, as `list(build(ids, **shape))` gives them.

The shape is compiled twice with two sets of sample ids: a text that depends on the ids, or a parameter that
differs between the two but is no id (a value derived from them), is refused. `build` must depend on nothing
but its arguments (no time, no user, no setting that changes while the process runs): its SQL is kept for the
process's life (a date is passed as part of the shape, with `max_shapes` bounding how many are kept). Tests
compare the rows with the ORM's for the same ids.
"""

from __future__ import annotations

import copy
import functools
import uuid
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models import Field, QuerySet


@dataclass(frozen=True)
class _Compiled:
    queryset: QuerySet[Any]  # the built queryset, evaluated for nothing but its compiler's state
    compiler: Any  # the ORM's compiler after compiling it: result rows -> instances
    sql: str
    places: tuple[int | None, ...]  # per parameter: the index of the id that goes there, or None (a constant)
    constants: tuple[Any, ...]


class CompiledRows:
    def __init__(self, build: Callable[..., QuerySet[Any]], ids_field: Field | None = None,
                 max_shapes: int | None = None) -> None:
        """`ids_field`: the field whose values the ids are (as a lookup on it adapts them), when they are not
        the primary keys of the queryset's model (a foreign key: its target's values). `max_shapes`: how many
        compiled shapes are kept, for a shape that holds a value which changes over time (a date): at that
        number, those kept are forgotten and compiled again as used."""
        self._build = build
        self._ids_field = ids_field
        self._max_shapes = max_shapes
        self._compiled: dict[tuple[str, str, int, Hashable], _Compiled] = {}

    def _adapted(self, queryset: QuerySet[Any], ids: Sequence[Any], connection: Any) -> list[Any]:
        field: Any = self._ids_field or queryset.model._meta.pk
        target = field.target_field if field.is_relation else field
        return [target.get_db_prep_value(value, connection, prepared=False) for value in ids]

    def rows(self, ids: Sequence[Any], *, using: str, **shape: Hashable) -> list[Any]:
        """`list(build(ids, **shape))`, run with the SQL compiled for this shape: model instances, or the tuples of
        a `values_list` queryset."""
        if not ids:
            return []
        connection = connections[using]
        key = (using, connection.vendor, len(ids), tuple(sorted(shape.items())))
        compiled = self._compiled.get(key)
        if compiled is None:
            if self._max_shapes is not None and len(self._compiled) >= self._max_shapes:
                self._compiled.clear()
            compiled = self._compiled[key] = self._compile(using, len(ids), shape)
        adapted = self._adapted(compiled.queryset, ids, connection)
        params = tuple(constant if place is None else adapted[place]
                       for place, constant in zip(compiled.places, compiled.constants, strict=True))
        found = compiled.queryset.all()  # a clone, its query with it
        # the query's own compile replaced by the kept SQL with these ids; evaluated here, so never chained
        found.query.get_compiler = functools.partial(_compiler, compiled, params)  # type: ignore[method-assign]
        return list(found)

    def clear(self) -> None:
        """Forget every compiled shape: `build` reads something that changed (the case type registry)."""
        self._compiled.clear()

    def built(self, ids: Sequence[Any], *, using: str, **shape: Hashable) -> QuerySet[Any]:
        """The queryset as `build` makes it, for the tests to compare."""
        return self._build(list(ids), **shape).using(using)

    def _compile(self, using: str, count: int, shape: dict[str, Hashable]) -> _Compiled:
        connection = connections[using]
        first, second = ([uuid.uuid4() for _ in range(count)] for _ in range(2))
        compiled = []
        for samples in (first, second):
            queryset = self.built(samples, using=using, **shape)
            compiler = queryset.query.get_compiler(using=using)
            sql, params = compiler.as_sql()
            adapted = self._adapted(queryset, samples, connection)
            compiled.append((queryset, compiler, sql, tuple(params), adapted))
        (queryset, compiler, sql, params, adapted), (_, _, sql_again, params_again, adapted_again) = compiled
        if sql != sql_again or len(params) != len(params_again):
            raise ValueError("the rows' SQL depends on the ids")
        places: list[int | None] = []
        for param, param_again in zip(params, params_again, strict=True):
            place = next((index for index, value in enumerate(adapted) if value == param), None)
            if place is None and param != param_again or place is not None and param_again != adapted_again[place]:
                raise ValueError(f"a parameter derived from the ids cannot be rebound: {param!r}")
            places.append(place)
        if set(places) - {None} != set(range(count)):
            raise ValueError("an id is not a parameter of the rows' SQL")
        return _Compiled(queryset, compiler, sql, tuple(places),
                         tuple(None if place is not None else param for place, param in zip(places, params,
                                                                                             strict=True)))


def _compiler(compiled: _Compiled, params: tuple[Any, ...], using: str | None = None, connection: Any = None,
              elide_empty: bool = True) -> Any:  # noqa: ARG001 - Query.get_compiler's signature
    """A copy of the kept compiler on the current connection, answering its SQL with `params`."""
    compiler = copy.copy(compiled.compiler)
    compiler.connection = connection or connections[using or compiled.compiler.using]
    compiler.as_sql = lambda *args, **kwargs: (compiled.sql, params)  # noqa: ARG005
    return compiler


__all__ = ["CompiledRows"]
