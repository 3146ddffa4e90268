"""`accounts.directory`: an organisation's teams and active users in one statement, in the order and with the
rows the ORM's two queries gave (the case filter's team and owner choices), on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from accounts.directory import directory
from accounts.models import Team, User
from accounts.roles import PROCESREGISSEUR
from tests.factories.accounts import TeamFactory


@pytest.mark.both_databases
@pytest.mark.django_db(databases="__all__")
def test_the_directory_reads_as_the_orm(make_user, organisation, other_organisation):
    for name in ("Zuid", "Noord", "Midden"):
        TeamFactory(organisation=organisation, name=f"Testteam {name}")
    TeamFactory(organisation=other_organisation, name="Testteam Elders")
    for first, last, username in (("Bea", "Testmans", "bea"), ("Adam", "Testmans", "adam"), ("", "", "zonder"),
                                  ("Cor", "Aaltest", "cor")):
        user = make_user(role=PROCESREGISSEUR, username=username)
        User.objects.filter(pk=user.pk).update(first_name=first, last_name=last)
    gone = make_user(role=PROCESREGISSEUR)
    User.objects.filter(pk=gone.pk).update(is_active=False)
    make_user(role=PROCESREGISSEUR, organisation=other_organisation)

    with CaptureQueriesContext(connections["default"]) as captured:
        found = directory(organisation.pk)
    assert len(captured.captured_queries) == 1
    assert found.teams == list(Team.objects.filter(organisation=organisation).order_by("name").values_list(
        "pk", "name"))
    assert found.users == list(User.objects.filter(organisation=organisation, is_active=True).order_by(
        "last_name", "first_name", "username").values_list("pk", "first_name", "last_name", "username"))
    assert [name for _pk, name in found.teams][:3] == ["Testteam Midden", "Testteam Noord", "Testteam Zuid"]
    assert gone.pk not in {user[0] for user in found.users} and len(found.users) >= 4
    assert directory(other_organisation.pk).teams == [(Team.objects.get(name="Testteam Elders").pk,
                                                       "Testteam Elders")]

