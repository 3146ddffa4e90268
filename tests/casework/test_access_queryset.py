"""`visible_cases` as a queryset: what its callers do with it, and queries that do not grow.

It is one indexed condition per access path (docs/adr/0009); callers still filter, order, slice,
count, page, select_related, combine it with `&` (the API filter) and use it in `__in`
subqueries. A case reached by several paths appears once. The case list page and
the count take the same number of queries (on every alias) at 10 and at 200 visible cases.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.db import connections
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import KETENPARTNER, PROCESREGISSEUR
from casework import access
from casework.categories import METADATA, PERSONALIA
from casework.models import Case, Person
from tests.casework.access_graph import (
    CaseSpec,
    GlassSpec,
    GrantSpec,
    PersonSpec,
    ShareSpec,
    UserSpec,
    build_graph,
)
from tests.conftest import count_queries

pytestmark = pytest.mark.django_db(databases="__all__")

HOME, OTHER = 0, 1
REGISSEUR, COLLEAGUE, STRANGER, PARTNER = 0, 1, 2, 3
PATHS = ("owner", "team", "grant", "share", "glass")


def graph_with(per_path: int, *, restricted: int = 1, unreachable: int = 5, key_per_case: bool = False):
    """A process director who reaches `per_path` cases by each path, plus restricted and unreachable
    cases; cases alternate between having a person and not."""
    now, today = timezone.now(), timezone.localdate()
    users = [UserSpec(PROCESREGISSEUR, HOME, 0), UserSpec(PROCESREGISSEUR, HOME, 0),
             UserSpec(PROCESREGISSEUR, OTHER, 2), UserSpec(KETENPARTNER, OTHER, None)]
    cases, persons, grants, shares, glass = [], [], [], [], []

    def add(spec: CaseSpec, *, restricted_person: bool = False) -> int:
        persons.append(PersonSpec(spec.controller, restricted=restricted_person))
        with_person = restricted_person or len(cases) % 2 == 0
        cases.append(CaseSpec(spec.controller, spec.owner, spec.team, len(persons) - 1 if with_person else None))
        return len(cases) - 1

    for _ in range(per_path):
        add(CaseSpec(HOME, REGISSEUR, 1))  # owner (another team)
        add(CaseSpec(HOME, COLLEAGUE, 0))  # team
        grants.append(GrantSpec(REGISSEUR, add(CaseSpec(OTHER, STRANGER, 2)), "view_case"))
        shares.append(ShareSpec(add(CaseSpec(OTHER, STRANGER, 2)), HOME, today - timedelta(days=1), today,
                                categories=(METADATA, PERSONALIA)))
        glass.append(GlassSpec(REGISSEUR, add(CaseSpec(HOME, COLLEAGUE, 1)), now - timedelta(hours=1),
                               now + timedelta(hours=3)))
    for _ in range(restricted):
        add(CaseSpec(HOME, REGISSEUR, 0), restricted_person=True)
    for _ in range(unreachable):
        add(CaseSpec(OTHER, STRANGER, 2))
        glass.append(GlassSpec(REGISSEUR, add(CaseSpec(HOME, COLLEAGUE, 1)), now - timedelta(hours=5),
                               now - timedelta(hours=1)))
    return build_graph(organisations=2, teams_per_organisation=2, users=users, persons=persons, cases=cases,
                       grants=grants, shares=shares, glass=glass, key_per_case=key_per_case)


def fresh(user: User) -> User:
    return User.objects.get(pk=user.pk)  # no cached role: the count includes the role lookup


def pks(queryset) -> set:
    return set(queryset.values_list("pk", flat=True))


def test_each_path_reaches_its_cases_and_nothing_else():
    graph = graph_with(2)
    visible = pks(access.visible_cases(graph.users[REGISSEUR]))
    assert len(visible) == 2 * len(PATHS)
    restricted = {case.pk for case in graph.cases if case.person_id and case.person.restricted}
    assert restricted and not visible & restricted


def test_a_case_reached_by_every_path_at_once_is_listed_and_counted_once():
    now, today = timezone.now(), timezone.localdate()
    graph = build_graph(
        organisations=2, teams_per_organisation=1,
        users=[UserSpec(PROCESREGISSEUR, HOME, 0), UserSpec(PROCESREGISSEUR, OTHER, 1)],
        cases=[CaseSpec(OTHER, 0, 0), CaseSpec(OTHER, 1, 1)],
        grants=[GrantSpec(0, 0, "view_case"), GrantSpec(0, 0, "change_case")],
        shares=[ShareSpec(0, HOME, today, today), ShareSpec(0, HOME, today, today + timedelta(days=3))],
        glass=[GlassSpec(0, 0, now - timedelta(hours=1), now + timedelta(hours=1))] * 2,
    )
    visible = access.visible_cases(graph.users[0])
    assert list(visible.values_list("pk", flat=True)) == [graph.cases[0].pk]
    assert visible.count() == 1 and len(visible) == 1
    assert Paginator(visible, 25).count == 1


def test_callers_filter_order_slice_and_select_related_the_visible_cases():
    graph = graph_with(3)
    user = graph.users[REGISSEUR]
    everything = sorted(access.visible_cases(user), key=lambda case: case.reference)
    assert len(everything) == 15
    ordered = access.visible_cases(user).order_by("reference").select_related("person", "owner", "team")
    assert [case.pk for case in ordered[2:7]] == [case.pk for case in everything[2:7]]
    assert access.visible_cases(user).filter(owner=user).count() == 3
    assert access.visible_cases(user).exclude(controller=graph.organisations[HOME]).count() == 6
    assert access.visible_cases(user).filter(reference=everything[0].reference).exists()
    assert access.visible_cases(user).order_by("-opened_on", "reference").first() is not None


def test_visible_cases_serve_as_a_subquery_and_combine_with_another_queryset():
    graph = graph_with(2)
    user = graph.users[REGISSEUR]
    expected = pks(access.visible_cases(user))
    assert pks(Case.objects.filter(pk__in=access.visible_cases(user).values("pk"))) == expected
    assert pks(Case.objects.all() & access.visible_cases(user)) == expected  # the API's VisibleCasesFilter
    persons = Person.objects.filter(pk__in=access.visible_cases(user).values("person_id"))
    assert set(persons.values_list("pk", flat=True)) == {
        case.person_id for case in graph.cases if case.pk in expected and case.person_id
    }


def test_no_organisation_inactive_or_anonymous_users_get_an_empty_queryset():
    graph = graph_with(1)
    assert pks(access.visible_cases(graph.users[REGISSEUR]))
    without_organisation = fresh(graph.users[REGISSEUR])
    without_organisation.organisation = None
    inactive = fresh(graph.users[REGISSEUR])
    inactive.is_active = False
    for user in (without_organisation, inactive, AnonymousUser()):
        assert pks(access.visible_cases(user)) == set()


@pytest.mark.parametrize("caller", ["count", "page"])
def test_visible_cases_take_the_same_queries_at_10_and_200_cases(caller):
    counts = []
    for per_path in (2, 40):
        graph = graph_with(per_path, key_per_case=True)
        user = fresh(graph.users[REGISSEUR])
        with count_queries() as queries:
            visible = access.visible_cases(user)
            result = visible.count() if caller == "count" else list(visible.order_by("reference")[:25])
        assert (result if caller == "count" else len(result)) == min(5 * per_path, 200 if caller == "count" else 25)
        counts.append(len(queries))
    assert counts[0] == counts[1] == 2  # the role (groups) and the query


def test_the_case_list_page_takes_the_same_queries_at_10_and_200_visible_cases(client, login):
    counts = []
    for per_path in (2, 40):
        graph = graph_with(per_path, key_per_case=True)
        user = graph.users[REGISSEUR]
        user.device = user.totpdevice_set.create(name="test", confirmed=True)
        login(client, user)
        client.get(reverse("casework:case_list"))  # warm per-process caches outside the comparison
        with count_queries() as queries:
            response = client.get(reverse("casework:case_list"))
        assert response.status_code == 200
        assert response.context["page"].paginator.count == 5 * per_path
        assert len(response.context["rows"]) == min(5 * per_path, 25)
        counts.append(len(queries))
        client.logout()
        # data minimisation: the rows name their person; BSN, birth date, address, phone and notes are not read
        person_reads = [query["sql"] for query in queries if '"casework_person"."surname"' in query["sql"]]
        assert person_reads and not any('"casework_person"."bsn"' in sql or '"casework_person"."address"' in sql
                                         for sql in person_reads)
    assert counts[0] == counts[1]


@pytest.mark.postgres
def test_postgresql_connections_run_without_jit_or_parallel_workers():
    """docs/adr/0009, 0045: JIT compilation and starting parallel workers cost more than these short queries;
    every alias has both off."""
    for alias in connections:
        if connections[alias].vendor == "postgresql":
            with connections[alias].cursor() as cursor:
                cursor.execute("SELECT current_setting('jit'), current_setting('max_parallel_workers_per_gather')")
                assert cursor.fetchone() == ("off", "0"), alias


def _visibility_subquery_binds_like_the_orm(make_user, organisation, other_organisation) -> None:
    """Each role's shape of the visibility subquery (access._ID_SETS), compiled once, equals the ORM's compile
    of `_id_sets` for every user and moment it is used for (config/compiled.py)."""
    from accounts.roles import HANDHAVER, PRIVACY_OFFICER, TEAMLEIDER
    from tests.factories.accounts import TeamFactory

    connection = connections["default"]
    users = [make_user(role=PROCESREGISSEUR, team=TeamFactory(organisation=organisation)),
             make_user(role=PROCESREGISSEUR), make_user(role=HANDHAVER), make_user(role=TEAMLEIDER),
             make_user(role=KETENPARTNER, organisation=other_organisation), make_user(role=PRIVACY_OFFICER)]
    for moment in (timezone.now(), timezone.now() - timedelta(days=40, minutes=7)):
        for user in users:
            condition = access._reachable(user, moment).children[-1]
            assert isinstance(condition, access._InIdSet)
            found = access._ID_SETS.as_sql(connection, condition.shape, condition.values)
            assert found == access._ID_SETS.compile_built(connection, condition.values)


def test_the_compiled_visibility_subquery_binds_each_users_values(make_user, organisation, other_organisation):
    _visibility_subquery_binds_like_the_orm(make_user, organisation, other_organisation)


@pytest.mark.postgres
def test_the_compiled_visibility_subquery_binds_each_users_values_on_postgres(make_user, organisation,
                                                                              other_organisation):
    assert connections["default"].vendor == "postgresql"
    _visibility_subquery_binds_like_the_orm(make_user, organisation, other_organisation)
