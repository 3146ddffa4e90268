"""Read-side selectors: the case list, search, and deadlines, over every registered case type.

Every query starts from `access.visible_cases(user)`, so a list, a search and a count can never
show a case the user may not read. Per-row decisions (may this user see the person's name?) use
`access.case_access_many`, and data keys are preloaded in one key-store query, so a page costs
the same number of queries for 3 rows as for 30. What is specific to a case type (its next
deadline, its overdue rule, its terms) comes from the registry (casework/registry.py).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import router
from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.roles import KETENPARTNER
from casework import access, paging, presence, registry
from casework.categories import PERSONALIA
from casework.contributions import Deadline
from casework.deadlines import Calendar
from casework.models import Case, Person
from casework.paging import RowsByPage
from casework.workflow import WORKFLOWS
from config.compiled_rows import CompiledRows
from encryption.blind_index import blind_lookup
from encryption.preload import preload_keys

SORTS = {"reference": "reference", "opened": "opened_on", "status": "status"}
DEFAULT_SORT = "-opened"
PAGE_SIZE = 25
EVERY_TERM = timedelta(days=366 * 50)  # "until" that covers every term a case has

__all__ = ["CaseFilters", "CaseRow", "Deadline", "case_list", "case_rows", "case_with_parties", "deadlines_due",
           "my_open_cases", "own_or_team", "status_label", "types_of"]


@dataclass(frozen=True)
class CaseFilters:
    status: str = ""
    team_id: Any = None
    overdue: bool = False
    case_type: str = ""
    sort: str = DEFAULT_SORT
    owner_id: Any = None  # cases owned by this user
    due_within: int | None = None  # a term past, or due within this many days


@dataclass(frozen=True)
class CaseRow:
    """One row of a case list, with what this user may see of it."""

    case: Case
    case_access: access.CaseAccess
    person_name: str | None
    status_label: str
    next_deadline: date | None
    overdue: bool


def status_label(case_type: str, status: str) -> str:
    workflow = WORKFLOWS.get(case_type)
    return workflow.label(status) if workflow else status


def status_choices(case_type: str = "") -> list[tuple[str, str]]:
    """(code, label) of the states of one case type, or of every registered case type."""
    seen: dict[str, str] = {}
    for code, workflow in WORKFLOWS.items():
        if case_type and code != case_type:
            continue
        for state in workflow.states:
            seen.setdefault(state, workflow.label(state))
    return list(seen.items())


def calendar_around(today: date) -> Calendar:
    """One calendar (one query for equated days) for every deadline a page computes."""
    return Calendar.for_years(today.year - 1, today.year + 1)


def overdue_condition(today: date, calendar: Calendar, *, partner: bool = False) -> Q:
    """Open cases with a term past, by each case type's own rule (registry `overdue_condition`).

    `partner=True` for users who reach cases only through sharing decisions: a type then leaves
    out terms of categories they may not have been given (a yes/no filter would reveal them).
    """
    condition = Q(pk__in=[])
    for spec in registry.types():
        if spec.overdue_condition is not None:
            part = spec.provider("overdue_condition")(today=today, calendar=calendar, partner=partner)
            condition |= Q(case_type=spec.code) & part
    return Q(closed_on__isnull=True) & condition


def overdue_for(user, today: date, calendar: Calendar | None = None) -> Q:
    """The overdue condition as `user` may apply it (partners: deadlines of shared data only)."""
    return overdue_condition(today, calendar or calendar_around(today), partner=user.role == KETENPARTNER)


def _ordering(sort: str) -> list[str]:
    descending = sort.startswith("-")
    field = SORTS.get(sort.lstrip("-"), "opened_on")
    return [f"-{field}" if descending else field, "reference"]


def case_list(*, user, filters: CaseFilters, today: date | None = None,
              calendar: Calendar | None = None) -> RowsByPage:
    """The filtered, sorted cases `user` may read, with what one row needs joined in (per page)."""
    today = today or timezone.localdate()
    cases = access.visible_cases(user)
    if filters.case_type:
        cases = cases.filter(case_type=filters.case_type)
    if filters.status:
        cases = cases.filter(status=filters.status)
    if filters.team_id:
        cases = cases.filter(team_id=filters.team_id)
    if filters.owner_id:
        cases = cases.filter(owner_id=filters.owner_id)
    if filters.overdue:
        cases = cases.filter(overdue_for(user, today, calendar))
    elif filters.due_within is not None:
        # "overdue as of the window's last day" = a term past now or falling due within the window
        horizon = today + timedelta(days=filters.due_within + 1)
        cases = cases.filter(overdue_condition(horizon, calendar or calendar_around(today),
                                               partner=user.role == KETENPARTNER))
    return RowsByPage(cases.order_by(*_ordering(filters.sort)),
                      functools.partial(_case_rows_of, case_type=filters.case_type),
                      functools.partial(_page_rows, case_type=filters.case_type), count_cap=paging.LIST_COUNT_CAP)


_PERSON_DETAILS = ("bsn", "date_of_birth", "address", "phone", "contact_notes", "bsn_index", "name_dob_index")


def unlisted_person_fields(*, shown: tuple[str, ...] = ()) -> tuple[str, ...]:
    """`defer()` arguments for the person joined to a list of cases (`person__...`): what a row does not show
    of its person (its name, and `shown`) is not read, so neither decrypted nor held in memory for 25 to 100
    rows a page."""
    return tuple(f"person__{name}" for name in _PERSON_DETAILS if name not in shown)


def _case_rows_of(ids: Any, case_type: str = "") -> QuerySet[Case]:
    return with_next_due(Case.objects.filter(pk__in=ids), case_type=case_type) \
        .select_related("person", "owner", "team").defer(*unlisted_person_fields())


# The page's rows, built and compiled once per list shape (config/compiled_rows.py, ADR 0049); the types'
# annotations are part of the SQL, so a type registered anew (tests) drops what was compiled
_PAGE_ROWS = CompiledRows(lambda ids, case_type, ordering: _case_rows_of(ids, case_type).order_by(*ordering))
registry.on_register(lambda spec: _PAGE_ROWS.clear())


def _page_rows(ids: list[Any], ordering: tuple[str, ...], *, case_type: str) -> list[Case]:
    return _PAGE_ROWS.rows(ids, using=router.db_for_read(Case), case_type=case_type, ordering=ordering)


def first_rows(cases: QuerySet[Case], size: int, *, counted: bool = True, case_type: str = "",
               ) -> tuple[list[Case], int | None]:
    """The first `size` of `cases` (sorted) with what a list row needs, as the case list reads a page: the ids
    first, by access path where the visibility filter has them (casework/paging.py), then those rows; and, when
    `counted`, how many `cases` holds, in the same query (a dashboard's "12 open cases"). `case_type`: all of
    `cases` are of that type (only its next-term annotations)."""
    rows = RowsByPage(cases, functools.partial(_case_rows_of, case_type=case_type),
                      functools.partial(_page_rows, case_type=case_type))
    if not counted:
        return list(rows[0:size]), None
    page = paging.CountedPaginator(rows, size).page(1)
    return list(page.object_list), page.paginator.count


_ONE_CASE = CompiledRows(lambda ids: Case.objects.filter(pk__in=ids).select_related(
    "person", "owner", "team", "controller", "referring_organisation"))


def case_with_parties(case_id: Any) -> Case | None:
    """The case with its person, owner, team, controller and referring organisation joined, or None: what the
    case page and the API's case views read first, with SQL compiled once (ADR 0049)."""
    found = _ONE_CASE.rows([case_id], using=router.db_for_read(Case))
    return found[0] if found else None


def with_next_due(cases: QuerySet[Case], *, case_type: str = "") -> QuerySet[Case]:
    """What each case type needs for a row's next deadline, annotated (registry `list_annotations`); of
    `case_type` only when the cases are all of that type (a list filtered on it)."""
    for spec in registry.types():
        if spec.list_annotations is not None and case_type in ("", spec.code):
            cases = spec.provider("list_annotations")(cases)
    return cases


def _next_deadline(case: Case, case_access: access.CaseAccess, calendar: Calendar,
                   derived: dict[Any, date]) -> date | None:
    spec = registry.get(case.case_type)
    if spec.next_deadline is None:
        return derived.get(case.pk)
    return spec.provider("next_deadline")(case=case, case_access=case_access, calendar=calendar)


def _sees_everything(spec: registry.CaseTypeSpec, case_access: access.CaseAccess) -> bool:
    """Does the viewer see every category of the type and its components (a shielded one aside:
    no term is derived from who reported)?"""
    parts = registry.components_of(spec)
    categories = [*spec.categories, *(category for part in parts for category in part.categories)]
    return all(case_access.sees(category.code) for category in categories if not category.shielded)


def derived_next_deadlines(cases: list[Case], accesses: dict[Any, access.CaseAccess],
                           today: date) -> dict[Any, date]:
    """The next term of each open case whose type gives no `next_deadline` of its own: the earliest
    of the type's `deadlines` (the terms its deadline overview lists), one call per type for the
    whole page (so a page costs the same for 3 rows as for 25); through its `page_deadlines`, given the
    page's cases as read, when the type has one (ADR 0019, amendment). Only for rows whose viewer sees
    every (not shielded) category of the type: a partner with part of the data gets no date (it
    would reveal a term of data not shared)."""
    cases_of_type: dict[str, list[Case]] = {}
    for case in cases:
        spec = registry.get(case.case_type)
        if spec.next_deadline is None and not case.is_closed and _sees_everything(spec, accesses[case.pk]):
            cases_of_type.setdefault(spec.code, []).append(case)
    found: dict[Any, date] = {}
    # One query tells which of the types' tables hold rows of any of these cases; the providers skip the rest.
    with presence.page_probed([case for asked in cases_of_type.values() for case in asked]):
        for code, asked in cases_of_type.items():
            spec = registry.get(code)
            if spec.page_deadlines is not None:  # the type reads what it needs of the rows in hand
                terms = spec.provider("page_deadlines")(cases=asked, until=today + EVERY_TERM, today=today)
            else:
                terms = spec.provider("deadlines")(cases=Case.objects.filter(pk__in=[case.pk for case in asked]),
                                                   until=today + EVERY_TERM, today=today)
            for term in terms:
                if term.case.pk not in found or term.due_on < found[term.case.pk]:
                    found[term.case.pk] = term.due_on
    return found


def person_name(person: Person | None) -> str:
    if person is None:
        return ""
    return " ".join(part for part in (person.first_names, person.surname) if part)


def case_rows(*, user, cases: list[Case], today: date | None = None,
              calendar: Calendar | None = None) -> list[CaseRow]:
    """Rows for a page of cases: per-row access in bulk, all person keys loaded in one query."""
    today = today or timezone.localdate()
    calendar = calendar or calendar_around(today)
    accesses = access.case_access_many(user, cases)
    preload_keys([case.person for case in cases if case.person is not None])
    derived = derived_next_deadlines(cases, accesses, today)
    rows = []
    for case in cases:
        case_access = accesses[case.pk]
        deadline = None if case.is_closed else _next_deadline(case, case_access, calendar, derived)
        rows.append(CaseRow(
            case=case, case_access=case_access,
            person_name=person_name(case.person) if case_access.sees(PERSONALIA) else None,
            status_label=status_label(case.case_type, case.status),
            next_deadline=deadline, overdue=deadline is not None and deadline < today,
        ))
    return rows


# --- search ----------------------------------------------------------------------------------

def _searchable_persons(user, visible: QuerySet[Case]) -> QuerySet[Person]:
    """Person records a search may match: the user's organisation's own records (as controller)
    and the persons of cases the user may read (`visible`); nothing of other controllers."""
    return Person.objects.filter(Q(controller_id=user.organisation_id) | Q(pk__in=visible.values("person_id")))


def _cases_of_persons(user, persons: list[Person], visible: QuerySet[Case]) -> list[Case]:
    """Visible cases of these persons, limited to those whose personal details the user may see
    (a hit on a BSN or name would otherwise disclose them)."""
    if not persons:
        return []
    cases = list(
        visible.filter(person__in=[person.pk for person in persons])
        .select_related("person", "owner", "team").order_by("-opened_on", "reference")
    )
    accesses = access.case_access_many(user, cases)
    return [case for case in cases if accesses[case.pk].sees(PERSONALIA)]


def search_by_reference(*, user, reference: str) -> list[Case]:
    reference = reference.strip().upper()
    if not reference:
        return []
    return list(access.visible_cases(user).filter(reference=reference).select_related("person", "owner", "team"))


def _search_persons(user, index_field: str, *values: Any) -> list[Case]:
    """Visible cases of the persons whose blind index `index_field` matches `values`; the visibility
    filter is built once for both queries (about 1 ms of query building)."""
    if user.organisation_id is None:
        return []
    visible = access.visible_cases(user)
    return _cases_of_persons(user, blind_lookup(_searchable_persons(user, visible), index_field, *values), visible)


def search_by_bsn(*, user, bsn: str) -> list[Case]:
    return _search_persons(user, "bsn_index", bsn)


def search_by_name_and_birth(*, user, surname: str, date_of_birth: date) -> list[Case]:
    return _search_persons(user, "name_dob_index", surname, date_of_birth)


# --- deadlines -------------------------------------------------------------------------------

def own_or_team(user) -> Q:
    """The cases `user` owns or shares a team on (the dashboards' and "Mijn werk"'s rule)."""
    return Q(owner=user) | (Q(team_id=user.team_id) if user.team_id else Q(pk__in=[]))


def my_open_cases(user) -> QuerySet[Case]:
    """Open cases the user may read and owns or shares a team on."""
    return access.visible_cases(user).filter(own_or_team(user), closed_on__isnull=True)


def deadlines_due(*, user, until: date, today: date | None = None, limit: int = 10) -> list[Deadline]:
    """Deadlines up to `until` (and every overdue one) on open cases the user owns or shares a team on,
    of every case type (registry `deadlines`)."""
    today = today or timezone.localdate()
    own = my_open_cases(user)
    found: list[Deadline] = []
    present = types_of(own)
    for spec in registry.types():
        if spec.code not in present:
            continue
        cases = own.filter(case_type=spec.code)
        # a type lists its terms kind by kind (PGA: agreements, interventions, triage contact): its soonest `limit`
        found += sorted(spec.provider("deadlines")(cases=cases, until=until, today=today, limit=limit),
                        key=_due_on)[:limit]
    return sorted(found, key=_due_on)[:limit]


def types_of(cases: QuerySet[Case]) -> set[str]:
    """The case types among `cases` (one query). A type's `deadlines` provider finds terms of the cases it is given
    only, so a caller skips the types absent here: a provider costs 4-25 ms of query building and SQL even for no
    cases, and most caseworkers work with one or two of the types (issue 15)."""
    return set(cases.order_by().values_list("case_type", flat=True).distinct())


def _due_on(deadline: Deadline) -> tuple[date, str]:
    """Soonest first; on one day by reference (the same order at every reload)."""
    return deadline.due_on, deadline.case.reference
