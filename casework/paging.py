"""A page of a sorted list is chosen before its rows are joined (issue 15, docs/performance.md).

PostgreSQL joins before it limits: a case list sorted and filtered by visibility, with the owner, team
and person joined in (`select_related`), read the joined rows of every visible case (1,500 person
lookups, 9 ms at 2,000 visible cases; 20 ms for the API list, which joins more) to keep 25. `RowsByPage`
takes the page's ids first (sorted and limited over the filter's index scans only) and then reads just
those rows with what a row needs, in one query (`pk IN (SELECT ... LIMIT 25)`), in the same order.

`RowsByPage` is a sliceable, countable sequence: Django's Paginator (web lists, the API's pagination)
and a CSV export take it where they take a queryset.

`CountedPaginator` asks a `RowsByPage` for the requested page's ids and the whole list's count in one
query (`COUNT(*) OVER ()` next to the page's ids) instead of a COUNT and then the page: the filter,
for a case list the visibility union, is planned and run once instead of twice (at 2,000 visible of
1,000,000 cases 2 ms of SQL and about 1 ms of query building less per page). Past the last page, or
for ids with DISTINCT (the window would count before DISTINCT), it counts as Django does.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator, Sequence
from typing import Any, cast

from django.apps import apps
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db import connections, router
from django.db.models import Count, IntegerField, Model, QuerySet, Subquery, Window
from django.db.models.expressions import RawSQL

from casework import access
from config.compiled_rows import CompiledRows

# The most rows a web list counts and pages through: past it the list says "more than 10,000" and asks for a
# narrower filter (a team lead's organisation may reach every case: counting them all cost 365 ms a page at
# 1,000,000 cases; ADR 0050). A caseworker's own list stays far below it. Read at each call (`paging.LIST_COUNT_CAP`).
LIST_COUNT_CAP = 10_000


class RowsByPage:
    """`rows[a:b]`: the rows whose ids are `ids[a:b]`, read by `rows(ids subquery)`, in `ids`' order;
    `count()` counts `ids`."""

    def __init__(self, ids: QuerySet[Any], rows: Callable[[Any], QuerySet[Any]],
                 page_rows: Callable[[list[Any], tuple[Any, ...]], list[Any]] | None = None,
                 count_cap: int | None = None) -> None:
        """`page_rows(ids, ordering)`, when given, reads the rows of a page whose ids are known, sorted (a list's
        rows compiled once: config/compiled_rows.py); as `rows(ids).order_by(*ordering)` would.

        `count_cap`, when given, is the most the list counts: past it, `count()` is the cap and `capped` True
        (the rows past the cap are not paged to; ADR 0050)."""
        self.ids, self.rows, self.page_rows, self.count_cap = ids, rows, page_rows, count_cap
        self.capped = False  # more rows than `count_cap`
        self.ordered = True  # Django's Paginator warns about unordered lists
        self._read: tuple[int, int, list[Any]] | None = None  # (start, stop, ids) read by `read_page`

    def count(self) -> int:
        if self.count_cap is None:
            return self.ids.count()
        return self._capped(self.ids.order_by()[: self.count_cap + 1].count())

    def _capped(self, count: int) -> int:
        if self.count_cap is not None and count > self.count_cap:
            self.capped = True
            return self.count_cap
        return count

    def read_page(self, start: int, stop: int) -> int | None:
        """Read the ids of `[start:stop]` and count the whole list, in one query; the count, or None when
        it cannot tell (no row at `start` > 0, or ids with DISTINCT) and `count()` must count."""
        if self.ids.query.distinct:
            return None
        found = _by_paths(self.ids, start, stop)
        if found is None:
            try:
                counted = Window(Count("pk")) if self.count_cap is None else _count_to(self.ids, self.count_cap + 1)
            except EmptyResultSet:  # a filter on nothing
                return 0 if start == 0 else None
            found = list(self.ids.annotate(_list_count=counted).values_list("pk", "_list_count")[start:stop])
        if not found:
            return 0 if start == 0 else None
        self._read = (start, stop, [pk for pk, _count in found])
        return self._capped(int(found[0][1]))

    def first_within(self, limit: int) -> list[Any] | None:
        """The first `limit` rows, or None when the list holds more (an export's limit): read as a page is, the
        ids and the count in one query, so a list over the limit reads no row. Needs `count_cap` None or above
        `limit` (a capped count cannot tell more from the cap)."""
        if self.count_cap is not None and self.count_cap <= limit:
            raise ValueError("the count stops at or below the limit")
        counted = self.read_page(0, limit)
        if (self.count() if counted is None else counted) > limit:
            return None
        return list(self[0:limit])

    def __getitem__(self, page: slice) -> QuerySet[Any] | list[Any]:
        if not isinstance(page, slice):
            raise TypeError("RowsByPage takes slices only")
        ordering = self.ids.query.order_by or self.ids.model._meta.ordering
        if self._read is not None:
            start, stop, ids = self._read
            if page.start == start and page.stop is not None and page.stop <= stop and page.step is None:
                ids = ids[:page.stop - start]  # a last page cut short by a capped count
                if self.page_rows is not None and all(isinstance(term, str) for term in ordering):
                    return self.page_rows(ids, tuple(ordering))
                return self.rows(ids).order_by(*ordering)
        return self.rows(Subquery(self.ids.values("pk")[page])).order_by(*ordering)

    def __iter__(self) -> Iterator[Any]:
        """Every row (no page): for a short list."""
        return iter(self[:])


def _by_paths(ids: QuerySet[Any], start: int, stop: int) -> list[tuple[Any, int]] | None:
    """`ids[start:stop]` with the count of `ids`, as `(pk, count)` rows, read as the UNION of one query per
    access path of the visibility filter (`access.paths_of`) instead of their OR; None when `ids` has no such
    paths, or more than plain columns in its select or sort.

    Each path selects the sort columns next to the id, so the owner's and the team's cases come from their
    covering indexes without a visit to the table (docs/adr/0048); UNION drops a case two paths reach.
    """
    query = ids.query
    if query.annotations or query.group_by or query.combinator or query.is_sliced or query.extra:
        return None
    paths = access.paths_of(ids)
    if paths is None:
        return None
    ordering = list(query.order_by or ids.model._meta.ordering)
    names: list[str] = []
    for term in ordering:
        name = term.removeprefix("-") if isinstance(term, str) else None
        if name is None or "__" in name or name == "?":
            return None
        if name not in names:
            names.append(name)
    if not set(names) <= {field.name for field in ids.model._meta.concrete_fields}:
        return None
    first, *rest = [path.values_list("pk", *names).order_by() for path in paths]
    union = first.union(*rest)
    connection = connections[ids.db]
    try:
        sql, params = union.query.get_compiler(connection=connection).as_sql()
    except EmptyResultSet:  # every path is empty (a filter on nothing)
        return []
    quote = connection.ops.quote_name
    columns = [quote(f"c{index}") for index in range(len(names) + 1)]
    order = ", ".join(f"{columns[1 + names.index(term.removeprefix('-'))]} {'DESC' if term.startswith('-') else 'ASC'}"
                      for term in ordering)
    page = (f"WITH {quote('visible')} ({', '.join(columns)}) AS ({sql}) "  # noqa: S608 (names quoted, values bound)
            f"SELECT {columns[0]}, COUNT(*) OVER () FROM {quote('visible')} ORDER BY {order} LIMIT %s OFFSET %s")
    with connection.cursor() as cursor:
        cursor.execute(page, (*params, stop - start, start))
        key = ids.model._meta.pk
        return [(key.to_python(pk), int(count)) for pk, count in cursor.fetchall()]


def _count_to(ids: QuerySet[Any], limit: int) -> RawSQL:
    """The count of `ids`, stopped at `limit`, as a scalar subquery next to a page's ids: PostgreSQL reads
    `limit` rows of the filter at most, where a window count reads every row it passes (a team lead's
    organisation: 1,000,000 cases, 365 ms; up to 10,001 of them, 2.6 ms; ADR 0050)."""
    sql, params = ids.order_by().values("pk")[:limit].query.get_compiler(using=ids.db).as_sql()
    counted = f"SELECT COUNT(*) FROM ({sql}) AS {connections[ids.db].ops.quote_name('counted')}"  # noqa: S608 (ORM-compiled, values bound)
    return RawSQL(counted, params, output_field=IntegerField())  # noqa: S611 (as above)


# A page whose first row lies this far down holds no row of any list; an OFFSET past 2**63 - 1 is refused by
# SQLite (OverflowError) and PostgreSQL (bigint out of range): such a number is answered as Django answers it.
_BEYOND_ANY_LIST = 2**62


class CountedPaginator(Paginator):
    """Django's Paginator; for a `RowsByPage`, the page asked for and the count come from one query."""

    def __init__(self, object_list: RowsByPage | Sequence[Any] | QuerySet[Any], per_page: int | str,
                 **options: Any) -> None:
        # a RowsByPage is sliced and counted as Django's Paginator asks, not indexed by one number (the stubs' type)
        super().__init__(cast(Any, object_list), per_page, **options)

    def _read_first(self, number: Any) -> None:
        if not isinstance(self.object_list, RowsByPage) or "count" in self.__dict__:
            return
        try:
            wanted = int(number)
        except (TypeError, ValueError):
            wanted = 1  # get_page shows the first page for a page that is no number
        start = (wanted - 1) * self.per_page
        if not 0 <= start < _BEYOND_ANY_LIST:  # below 1, or an OFFSET no database takes: Django's way
            return
        counted = self.object_list.read_page(start, start + self.per_page)
        if counted is not None:
            self.__dict__["count"] = counted  # Paginator.count is a cached_property

    def get_page(self, number: Any) -> Page:
        self._read_first(number)
        return super().get_page(number)

    def page(self, number: Any) -> Page:
        self._read_first(number)
        return super().page(number)


def late_joined(queryset: QuerySet[Any]) -> QuerySet[Any] | RowsByPage:
    """`queryset` paged as ids first, its joins (`select_related`, `prefetch_related`, and what it defers)
    only for the page's rows; a queryset without joins, with annotations (a row's count must be computed over
    its own rows, the same either way, but kept as written) or with `distinct` is returned as it is."""
    query = queryset.query
    if not query.select_related or query.annotations or query.distinct:
        return queryset
    model: type[Model] = queryset.model
    related = copy.deepcopy(query.select_related)
    deferred = query.deferred_loading  # `defer()` / `only()`: the rows read what the queryset reads
    lookups = queryset._prefetch_related_lookups  # type: ignore[attr-defined]

    def rows(ids: Any) -> QuerySet[Any]:
        return _rows_of(ids, model, related, deferred, lookups)

    if not all(isinstance(lookup, str) for lookup in lookups):
        return RowsByPage(queryset, rows)
    shape = {"model": model._meta.label, "related": _frozen(related), "deferred": (frozenset(deferred[0]),
                                                                                     deferred[1]),
             "lookups": tuple(lookups)}

    def page_rows(ids: list[Any], ordering: tuple[Any, ...]) -> list[Any]:
        return _LATE_ROWS.rows(ids, using=router.db_for_read(model), ordering=ordering, **shape)

    return RowsByPage(queryset, rows, page_rows)


def _rows_of(ids: Any, model: type[Model], related: Any, deferred: Any, lookups: Any) -> QuerySet[Any]:
    found = model._default_manager.filter(pk__in=ids).prefetch_related(*lookups)
    found.query.select_related = copy.deepcopy(related)
    found.query.deferred_loading = (set(deferred[0]), deferred[1])
    return found


def _frozen(related: Any) -> Any:
    """`Query.select_related` (True, or nested dicts of relation names) as a hashable shape, and back."""
    return related if isinstance(related, bool) else tuple(sorted((name, _frozen(inner))
                                                                  for name, inner in related.items()))


def _thawed(related: Any) -> Any:
    return related if isinstance(related, bool) else {name: _thawed(inner) for name, inner in related}


# The page's rows of a late-joined list, built and compiled once per shape (config/compiled_rows.py, ADR 0049)
_LATE_ROWS = CompiledRows(lambda ids, model, related, deferred, lookups, ordering: _rows_of(
    ids, apps.get_model(model), _thawed(related), deferred, lookups).order_by(*ordering))


__all__ = ["CountedPaginator", "RowsByPage", "late_joined"]
