"""Build an access graph fast: organisations, teams, users, persons, cases, guardian grants, sharing
decisions and break-the-glass grants as plain rows, for the tests of casework/access.py.

The services (referral_register, share_create, break_glass_open) write history and audit events and
are tested elsewhere; here a graph of hundreds of rows must be built per hypothesis example, so the
rows are bulk-inserted through the model layer. `bulk_create` seals encrypted fields exactly as a
save does (pre_save), so no plaintext reaches the database; it sends no signals, so no history rows.
All values are synthetic.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from accounts.models import Organisation, Team, User
from audit.activities import CHAIN_SHARING
from casework.models import BreakGlassGrant, Case, CaseUserObjectPermission, Person, SharingDecision
from casework.pga.casetype import CASE_TYPE as PGA
from encryption.keystore import datakey_create

_numbers = itertools.count(1)


@dataclass(frozen=True)
class UserSpec:
    role: str | None
    organisation: int | None
    team: int | None  # index into Graph.teams, any organisation's
    active: bool = True


@dataclass(frozen=True)
class PersonSpec:
    controller: int
    restricted: bool = False


@dataclass(frozen=True)
class CaseSpec:
    controller: int
    owner: int  # index into users
    team: int | None = None
    person: int | None = None


@dataclass(frozen=True)
class GrantSpec:
    """A django-guardian per-case permission (`view_case`, `change_case` or another codename)."""

    user: int
    case: int
    codename: str


@dataclass(frozen=True)
class ShareSpec:
    case: int
    partner: int  # index into organisations
    starts_on: date
    ends_on: date
    revoked: bool = False
    categories: tuple[str, ...] = ("metadata",)


@dataclass(frozen=True)
class GlassSpec:
    user: int
    case: int
    granted_at: datetime
    expires_at: datetime


@dataclass
class Graph:
    """The rows built for a spec, by index (users[i] is the User for the i-th UserSpec)."""

    organisations: list[Organisation] = field(default_factory=list)
    teams: list[Team] = field(default_factory=list)
    users: list[User] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)


def build_graph(*, organisations: int, teams_per_organisation: int, users: list[UserSpec],
                persons: list[PersonSpec] = (), cases: list[CaseSpec] = (), grants: list[GrantSpec] = (),
                shares: list[ShareSpec] = (), glass: list[GlassSpec] = (), opened_on: date | None = None,
                data_key_id=None, key_per_case: bool = False) -> Graph:
    """Insert the graph in about ten queries. `data_key_id` (default: one new key) seals every
    dossier; with `key_per_case` each case and its person get their own key, as in production."""
    run = next(_numbers)
    key_id = data_key_id or datakey_create().pk
    case_keys = [datakey_create().pk for _ in cases] if key_per_case else [key_id] * len(cases)
    person_keys = [key_id] * len(persons)
    for spec, case_key in zip(cases, case_keys, strict=True):
        if key_per_case and spec.person is not None:
            person_keys[spec.person] = case_key
    graph = Graph()
    graph.organisations = Organisation.objects.bulk_create(
        Organisation(name=f"Toegangstest {run}-{i}", kind=Organisation.Kind.GEMEENTE) for i in range(organisations)
    )
    graph.teams = Team.objects.bulk_create(
        Team(organisation=org, name=f"Team {j}") for org in graph.organisations for j in range(teams_per_organisation)
    )
    graph.users = User.objects.bulk_create(
        User(username=f"toegangstest-{run}-{i}", first_name="Test", last_name=f"Medewerker{i}",
             organisation=None if spec.organisation is None else graph.organisations[spec.organisation],
             team=None if spec.team is None else graph.teams[spec.team], is_active=spec.active)
        for i, spec in enumerate(users)
    )
    groups = {group.name: group for group in Group.objects.filter(name__in={s.role for s in users if s.role})}
    User.groups.through.objects.bulk_create(
        User.groups.through(user=user, group=groups[spec.role]) for user, spec in zip(graph.users, users, strict=True)
        if spec.role
    )
    graph.persons = Person.objects.bulk_create(
        Person(data_key_id=person_keys[i], controller=graph.organisations[spec.controller], first_names="Testine",
               surname=f"Toegangstest{i}", restricted=spec.restricted)
        for i, spec in enumerate(persons)
    )
    opened_on = opened_on or date(2026, 1, 5)
    graph.cases = Case.objects.bulk_create(
        Case(data_key_id=case_keys[i], case_type=PGA, reference=f"TT-{run}-{i:04d}", status="aangemeld",
             controller=graph.organisations[spec.controller], owner=graph.users[spec.owner],
             team=None if spec.team is None else graph.teams[spec.team],
             person=None if spec.person is None else graph.persons[spec.person],
             opened_on=opened_on - timedelta(days=i))
        for i, spec in enumerate(cases)
    )
    _add_links(graph, grants, shares, glass)
    return graph


def _add_links(graph: Graph, grants, shares, glass) -> None:
    permissions = {p.codename: p for p in Permission.objects.filter(content_type__app_label="casework",
                                                                     content_type__model="case")}
    CaseUserObjectPermission.objects.bulk_create(
        CaseUserObjectPermission(user=graph.users[g.user], content_object=graph.cases[g.case],
                                 permission=permissions[g.codename])
        for g in {(g.user, g.case, g.codename): g for g in grants}.values()
    )
    decider, now = graph.users[0], timezone.now()
    SharingDecision.objects.bulk_create(
        SharingDecision(case=graph.cases[s.case], data_key_id=graph.cases[s.case].data_key_id,
                        partner=graph.organisations[s.partner],
                        categories=list(s.categories), processing_activity=CHAIN_SHARING,
                        legal_basis="Convenant Zorg- en Veiligheidshuis (test)", purpose="Toegangstest",
                        weighing="Toegangstest: afweging", starts_on=s.starts_on, ends_on=s.ends_on,
                        decided_by=decider, decided_at=now, revoked_at=now if s.revoked else None,
                        revoked_by=decider if s.revoked else None)
        for s in shares
    )
    BreakGlassGrant.objects.bulk_create(
        BreakGlassGrant(case=graph.cases[b.case], user=graph.users[b.user],
                        data_key_id=graph.cases[b.case].data_key_id,
                        reason="Toegangstest: acute situatie", granted_at=b.granted_at, expires_at=b.expires_at)
        for b in glass
    )

