"""`config.prepared.Bound`: the parameters of a statement with several `any_of` conditions. On PostgreSQL the same
values are bound once however many conditions ask for them (a page's ids, asked of twenty tables); the answer is
the ORM's on both databases."""

from __future__ import annotations

import pytest
from django.db import connections

from accounts.roles import PROCESREGISSEUR
from casework.models import Case
from config.prepared import Bound, prepared_cursor
from tests.factories.casework import make_pga_case


@pytest.mark.both_databases
@pytest.mark.django_db(databases="__all__")
def test_the_same_values_are_bound_once_and_read_as_the_orm(make_user):
    owner = make_user(role=PROCESREGISSEUR)
    cases = [make_pga_case(owner=owner) for _ in range(3)]
    make_pga_case(owner=make_user(role=PROCESREGISSEUR))  # not asked about
    ids, some = [case.pk for case in cases], [cases[0].pk]
    connection = connections["default"]
    bound = Bound(connection)
    id_field, owner_field = Case._meta.pk, Case._meta.get_field("owner")
    quote = connection.ops.quote_name
    table, id_column, owner_column = quote(Case._meta.db_table), quote(id_field.column), quote(owner_field.column)
    sql = (f"SELECT 0, {id_column} FROM {table} WHERE {id_column} {bound.any_of(id_field, ids)} "  # noqa: S608
           f"AND {owner_column} {bound.any_of(owner_field, [owner.pk])} "
           f"UNION ALL SELECT 1, {id_column} FROM {table} WHERE {id_column} {bound.any_of(id_field, some)} "
           f"UNION ALL SELECT 2, {id_column} FROM {table} WHERE {id_column} {bound.any_of(id_field, ids)}")
    with prepared_cursor(connection) as cursor:
        cursor.execute(sql, bound.params)
        found = sorted((source, id_field.to_python(pk)) for source, pk in cursor.fetchall())
    assert found == sorted([*((0, pk) for pk in ids), (1, some[0]), *((2, pk) for pk in ids)])
    if connection.vendor == "postgresql":  # the three ids once for both conditions, the one case's, the owner's
        assert bound.params == {"v0": ids, "v1": [owner.pk], "v2": some}
    else:  # every condition's values in order, as `any_of` gives them
        assert len(bound.params) == len(ids) + 1 + 1 + len(ids)
