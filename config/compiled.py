"""Subqueries the ORM builds and compiles once per database vendor and shape, run with each use's own values
(ADR 0044).

Building a queryset and compiling it to SQL is pure Python and costs the same on every request: the
visibility filter's subquery of case ids reached through other tables (break-the-glass grants, sharing
decisions, assignments: a UNION ALL of three querysets) cost about 1.5 ms of every list page and search at
1,000,000 cases, for SQL that PostgreSQL runs in 0.1 ms. Its text depends only on the user's role and the
database; only the values (the user, the organisation, the time) differ.

`CompiledSubquery(build, slots)` builds and compiles `build(samples)` the first time a shape is used on a
vendor, with a sample value per slot (a value no row has). A parameter of that compile equal to a slot's
sample, as the slot's field adapts it for the database, is that slot's place: a later use puts its own value
there, adapted by the same field (`get_db_prep_value`, as a lookup adapts it). Every other parameter is a
constant of the shape. The shape is compiled twice, with two sets of samples: a parameter that differs between
the two but is no slot's place (a value the builder changed, such as a day added to a date) would otherwise be
frozen as a constant, so it is refused. Tests compare the SQL and parameters with a compile of the built
queryset for the real values.

The subquery must not refer to the outer query (no `OuterRef`): its text is placed in any outer query as it
is, whatever aliases that query uses.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Field, QuerySet
from django.db.models.sql import Query

Build = Callable[[Mapping[str, Any]], QuerySet]


@dataclass(frozen=True)
class Slot:
    """A value of the subquery: the field that adapts it (as the lookup on it does) and two sample values of
    its type that no real use passes."""

    field: Field
    samples: tuple[Any, Any]


@dataclass(frozen=True)
class _Compiled:
    sql: str
    # per parameter: the slot whose value goes there, or None and the constant
    places: tuple[tuple[str | None, Any], ...]


class CompiledSubquery:
    def __init__(self, build: Build, slots: Mapping[str, Slot]) -> None:
        self._build = build
        self._slots = dict(slots)
        self._compiled: dict[tuple[str, Hashable], _Compiled] = {}

    def as_sql(self, connection: Any, shape: Hashable, values: Mapping[str, Any]) -> tuple[str, list[Any]]:
        """The parenthesised subquery for `values` (one per slot, and whatever else `build` reads). `shape` must
        tell apart every text `build` can give: it keys the compiled text, and only the slots are rebound."""
        compiled = self._compiled.get((connection.vendor, shape))
        if compiled is None:
            compiled = self._compiled[(connection.vendor, shape)] = self._compile(connection, values)
        params = [self._adapt(slot, values[slot], connection) if slot is not None else constant
                  for slot, constant in compiled.places]
        return compiled.sql, params

    def compile_built(self, connection: Any, values: Mapping[str, Any]) -> tuple[str, list[Any]]:
        """`build(values)` compiled by the ORM as a subquery: what `as_sql` must equal (the tests compare)."""
        # as a Subquery resolves it in an outer query: its tables aliased U0, U1, ... (any outer query will do)
        query = self._build(values).query.resolve_expression(Query(None))
        sql, params = query.as_sql(query.get_compiler(connection=connection), connection)
        return sql, list(params)

    def _adapt(self, slot: str, value: Any, connection: Any) -> Any:
        return self._slots[slot].field.get_db_prep_value(value, connection, prepared=False)

    def _compile(self, connection: Any, values: Mapping[str, Any]) -> _Compiled:
        # the shape comes from the caller's own values (the role, say); only the slots' values are replaced
        first = {**values, **{name: slot.samples[0] for name, slot in self._slots.items()}}
        second = {**values, **{name: slot.samples[1] for name, slot in self._slots.items()}}
        sql, params = self.compile_built(connection, first)
        sql_again, params_again = self.compile_built(connection, second)
        if sql != sql_again or len(params) != len(params_again):
            raise ValueError("the subquery's text depends on a slot's value")
        adapted = {name: self._adapt(name, first[name], connection) for name in self._slots}
        adapted_again = {name: self._adapt(name, second[name], connection) for name in self._slots}
        if len({repr(value) for value in adapted.values()}) != len(adapted):
            raise ValueError("two slots adapt their samples to the same parameter")
        places: list[tuple[str | None, Any]] = []
        for param, param_again in zip(params, params_again, strict=True):
            slot = next((name for name, value in adapted.items() if type(value) is type(param) and value == param),
                        None)
            if slot is None and param != param_again or slot is not None and param_again != adapted_again[slot]:
                raise ValueError(f"a parameter derived from a slot's value cannot be rebound: {param!r}")
            places.append((slot, None if slot else param))
        return _Compiled(sql, tuple(places))
