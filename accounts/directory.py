"""An organisation's teams and active users, for the choices of a filter (the case list's team and owner), in
one prepared statement of fixed text.

Read by the ORM these were two queries whose building cost about 1 ms a list page (issue 15): the statement
here is prepared once per connection (config/prepared.py) and orders its rows as those queries did, teams by
name and users by last name, first names and username, in the database's collation.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from django.db import connections, router

from accounts.models import Team, User
from config.prepared import prepared_cursor


@dataclass(frozen=True)
class Directory:
    teams: list[tuple[Any, str]]  # (id, name)
    users: list[tuple[Any, str, str, str]]  # (id, first name, last name, username), active users only


def directory(organisation_id: Any) -> Directory:
    """The teams and the active users of an organisation, each in the order its filter lists them."""
    connection = connections[router.db_for_read(Team)]
    organisation = Team._meta.get_field("organisation").target_field  # type: ignore[union-attr]
    value = organisation.get_db_prep_value(organisation_id, connection)
    with prepared_cursor(connection) as cursor:
        cursor.execute(_sql(), [value, value])
        rows = cursor.fetchall()
    team_id, user_id = Team._meta.pk, User._meta.pk
    teams = [(team_id.to_python(pk), name) for kind, pk, name, _first, _user in rows if kind == 0]  # type: ignore[union-attr]
    users = [(user_id.to_python(pk), first, last, username)  # type: ignore[union-attr]
             for kind, pk, last, first, username in rows if kind == 1]
    return Directory(teams=teams, users=users)


@functools.cache
def _sql() -> str:
    """Table and column names from the models' meta; the organisation as a parameter."""
    team, user = Team._meta, User._meta

    def column(meta: Any, name: str) -> str:
        return f'"{meta.get_field(name).column}"'

    teams = (f'SELECT 0 AS kind, {column(team, "id")}, {column(team, "name")}, \'\', \'\' '  # noqa: S608
             f'FROM "{team.db_table}" WHERE {column(team, "organisation")} = %s')
    users = (f'SELECT 1, {column(user, "id")}, {column(user, "last_name")}, {column(user, "first_name")}, '  # noqa: S608
             f'{column(user, "username")} FROM "{user.db_table}" '
             f'WHERE {column(user, "organisation")} = %s AND {column(user, "is_active")}')
    return f"{teams} UNION ALL {users} ORDER BY 1, 3, 4, 5"
