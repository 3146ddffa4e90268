"""casework/access.py against the documented access rules, on random access graphs (hypothesis).

`expected_paths` below states the rules of the module docstring of casework/access.py in plain
Python, without the SQL: caseworkers (procesregisseur, handhaver) reach a case as owner, as a
member of its team, or by a guardian `view_case`/`change_case` grant; a team lead reaches the cases
their organisation controls; everyone but the privacy officer reaches a case through an active
sharing decision with their organisation (from its start date through its end date, in local
calendar days, not revoked); everyone reaches a case through an active break-the-glass grant
(granted_at <= at < expires_at); inactive users and users without an organisation reach nothing;
no path reaches a case whose person is restricted (AVG art. 18).

For every user and case of a random graph (several organisations, teams, roles, owners, grants,
shares with start/end/revocation, break-the-glass windows, restricted persons, a moment `at` that
crosses local midnight and the DST change), `visible_cases` must return exactly the reachable
cases, and `case_access` and `case_access_many` must agree with each other and name the strongest
expected path. Runs on SQLite here and on PostgreSQL with `-m postgres`; the `fixed` hypothesis
profile (tests/sweeps.py) draws the same seeded examples every run, `TEST_FULL=1` 25 times as many.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.roles import HANDHAVER, KETENPARTNER, PRIVACY_OFFICER, PROCESREGISSEUR, TEAMLEIDER
from casework import access
from casework.categories import METADATA, PERSONALIA
from casework.models import Case
from casework.paging import RowsByPage
from encryption.keystore import datakey_create
from tests.casework.access_graph import (
    CaseSpec,
    GlassSpec,
    GrantSpec,
    PersonSpec,
    ShareSpec,
    UserSpec,
    build_graph,
)
from tests.sweeps import examples

ORGANISATIONS = 3
TEAMS_PER_ORGANISATION = 2
TEAMS = ORGANISATIONS * TEAMS_PER_ORGANISATION
# 23:30 in Amsterdam on the night before the change to summer time: `at` within a day of it
# crosses local midnight (the share dates) and the DST change.
BASE = datetime(2026, 3, 28, 22, 30, tzinfo=UTC)
CASEWORKERS = {PROCESREGISSEUR, HANDHAVER}
# The strongest path first (case_access reports the strongest one).
PRECEDENCE = ("owner", "team", "grant", "supervision", "break_glass", "share")


@dataclass(frozen=True)
class World:
    users: list[UserSpec]
    persons: list[PersonSpec]
    cases: list[CaseSpec]
    grants: list[GrantSpec]
    shares: list[ShareSpec]
    glass: list[GlassSpec]
    at: datetime
    persons_loaded: bool  # load cases with select_related("person"), or let access query persons


@st.composite
def worlds(draw) -> World:
    """A random access graph; organisations, teams and partners lean towards those of the users
    drawn, so that most examples reach some cases by several paths at once."""
    orgs = st.integers(0, ORGANISATIONS - 1)
    users = draw(st.lists(st.builds(
        UserSpec,
        role=st.sampled_from([PROCESREGISSEUR, HANDHAVER, TEAMLEIDER, KETENPARTNER, PRIVACY_OFFICER, None]),
        organisation=st.sampled_from([*range(ORGANISATIONS)] * 2 + [None]),
        team=st.one_of(st.none(), st.integers(0, TEAMS - 1)),
        active=st.sampled_from([True, True, True, False]),
    ), min_size=2, max_size=6))
    users_orgs = orgs | st.sampled_from([u.organisation for u in users if u.organisation is not None] or [0])
    users_teams = st.none() | st.integers(0, TEAMS - 1) | st.sampled_from([u.team for u in users])
    persons = draw(st.lists(st.builds(PersonSpec, controller=orgs, restricted=st.sampled_from([False, False, True])),
                            max_size=4))
    cases = draw(st.lists(st.builds(
        CaseSpec,
        controller=users_orgs,
        owner=st.integers(0, len(users) - 1),
        team=users_teams,
        person=st.none() if not persons else st.one_of(st.none(), st.integers(0, len(persons) - 1)),
    ), min_size=2, max_size=8))
    user_ids, case_ids = st.integers(0, len(users) - 1), st.integers(0, len(cases) - 1)
    at = BASE + timedelta(hours=draw(st.integers(-30, 30)))
    today = timezone.localdate(at)
    grants = draw(st.lists(st.builds(
        GrantSpec, user=user_ids, case=case_ids, codename=st.sampled_from(["view_case", "change_case", "delete_case"]),
    ), max_size=6))
    shares = draw(st.lists(_shares(case_ids, users_orgs, today), min_size=1, max_size=8))
    glass = draw(st.lists(_glass(user_ids, case_ids, at), min_size=1, max_size=5))
    return World(users, persons, cases, grants, shares, glass, at, draw(st.booleans()))


def _shares(case_ids, partners, today):
    @st.composite
    def share(draw) -> ShareSpec:
        starts_on = today + timedelta(days=draw(st.integers(-3, 1)))
        return ShareSpec(
            case=draw(case_ids), partner=draw(partners), starts_on=starts_on,
            ends_on=starts_on + timedelta(days=draw(st.integers(0, 3))),
            revoked=draw(st.sampled_from([False, False, False, True])),
            categories=tuple(draw(st.sets(st.sampled_from([METADATA, PERSONALIA]), min_size=1))),
        )
    return share()


def _glass(user_ids, case_ids, at):
    @st.composite
    def grant(draw) -> GlassSpec:
        granted_at = at + timedelta(hours=draw(st.integers(-4, 1)))  # often exactly at a boundary
        return GlassSpec(user=draw(user_ids), case=draw(case_ids), granted_at=granted_at,
                         expires_at=granted_at + timedelta(hours=draw(st.integers(0, 5))))
    return grant()


# --- the rules, in plain Python -------------------------------------------------------------------

def expected_paths(world: World, u: int, c: int) -> set[str]:
    """Every path by which user `u` reaches case `c` at `world.at` (empty: no access)."""
    user, case = world.users[u], world.cases[c]
    if not user.active or user.organisation is None:
        return set()
    if case.person is not None and world.persons[case.person].restricted:
        return set()
    at, today = world.at, timezone.localdate(world.at)
    paths = set()
    if any(g.user == u and g.case == c and g.granted_at <= at < g.expires_at for g in world.glass):
        paths.add("break_glass")
    if user.role == PRIVACY_OFFICER:
        return paths
    if any(s.case == c and s.partner == user.organisation and s.starts_on <= today <= s.ends_on and not s.revoked
           for s in world.shares):
        paths.add("share")
    if user.role in CASEWORKERS:
        paths |= caseworker_paths(world, u, c)
    if user.role == TEAMLEIDER and case.controller == user.organisation:
        paths.add("supervision")
    return paths


def caseworker_paths(world: World, u: int, c: int) -> set[str]:
    user, case = world.users[u], world.cases[c]
    grants = {g.codename for g in world.grants if g.user == u and g.case == c}
    return {path for path, holds in (
        ("owner", case.owner == u),
        ("team", user.team is not None and case.team == user.team),
        ("grant", bool(grants & {"view_case", "change_case"})),
    ) if holds}


def shared_categories(world: World, u: int, c: int) -> set[str]:
    """The categories of the active shares of case `c` with `u`'s organisation."""
    today, organisation = timezone.localdate(world.at), world.users[u].organisation
    return {category for s in world.shares if s.case == c and s.partner == organisation and not s.revoked
            and s.starts_on <= today <= s.ends_on for category in s.categories}


# --- the check ------------------------------------------------------------------------------------

def check_world(world: World, data_key_id) -> None:
    graph = build_graph(
        organisations=ORGANISATIONS, teams_per_organisation=TEAMS_PER_ORGANISATION, users=world.users,
        persons=world.persons, cases=world.cases, grants=world.grants, shares=world.shares, glass=world.glass,
        data_key_id=data_key_id,
    )
    index = {case.pk: i for i, case in enumerate(graph.cases)}
    loaded = Case.objects.filter(pk__in=index)
    loaded = list(loaded.select_related("person") if world.persons_loaded else loaded)
    for u, user in enumerate(graph.users):
        expected = {c: expected_paths(world, u, c) for c in range(len(graph.cases))}
        reachable = {graph.cases[c].pk for c, paths in expected.items() if paths}
        visible = access.visible_cases(user, at=world.at)
        assert set(visible.values_list("pk", flat=True)) == reachable, (u, world.users[u])
        assert visible.count() == len(reachable)
        paths = access.paths_of(visible)  # a case list reads the union of these (casework/paging.py)
        if paths is not None:
            assert set().union(*(path.values_list("pk", flat=True) for path in paths)) == reachable
        listed = visible.order_by("-opened_on", "reference")
        page = RowsByPage(listed, lambda ids: Case.objects.filter(pk__in=ids))
        assert page.read_page(0, 4) == len(reachable)
        assert [case.pk for case in page[0:4]] == list(listed.values_list("pk", flat=True)[:4])
        many = access.case_access_many(user, loaded, at=world.at)
        for case in loaded:
            c = index[case.pk]
            one = access.case_access(user, case, at=world.at)
            assert one == many[case.pk], (u, c)
            strongest = min(expected[c], key=PRECEDENCE.index) if expected[c] else ""
            assert one.via == strongest, (u, c, expected[c])
            if one.via == "share":
                assert one.categories == shared_categories(world, u, c)
            elif one:
                assert one.categories == access.all_categories()


def run_property(max_examples: int) -> None:
    data_key_id = datakey_create().pk  # one key seals every example's dossiers (built and rolled back)

    @settings(max_examples=examples(max_examples), deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(world=worlds())
    def check(world: World) -> None:
        with transaction.atomic():
            check_world(world, data_key_id)
            transaction.set_rollback(True)

    check()


@pytest.mark.django_db(databases="__all__")
def test_visible_cases_and_case_access_follow_the_documented_rules():
    run_property(max_examples=40)  # make test-full draws 25 times as many (tests/sweeps.py)


@pytest.mark.postgres
@pytest.mark.django_db(databases="__all__")
def test_visible_cases_and_case_access_follow_the_documented_rules_on_postgres():
    run_property(max_examples=60)
