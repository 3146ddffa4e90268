"""Read-side selectors: the case list, search, and deadlines.

Every query starts from `access.visible_cases(user)`, so a list, a search and a count can never
show a case the user may not read. Per-row decisions (may this user see the person's name?) use
`access.case_access_many`, and data keys are preloaded in one key-store query, so a page costs
the same number of queries for 3 rows as for 30.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from accounts.models import Organisation, User
from accounts.roles import KETENPARTNER, PROCESREGISSEUR
from casework import access
from casework.categories import PERSONALIA, PGA_CONFERENCES
from casework.deadlines import Calendar, working_days_after
from casework.models import Case, CaseType, Person
from casework.pga import workflow as pga_workflow
from casework.pga.models import Agreement
from casework.workflow import WORKFLOWS
from encryption.blind_index import blind_lookup
from encryption.preload import preload_keys

# PGA triage (domain.md §1): contact with the person within 5 working days after the referral.
TRIAGE_CONTACT_WORKING_DAYS = 5
TRIAGE_STATES = (pga_workflow.AANGEMELD, pga_workflow.TRIAGE)
# Agreements still to be monitored: everything that is not done.
OPEN_AGREEMENT_STATUSES = (Agreement.Status.OPEN, Agreement.Status.LATE, Agreement.Status.CHANGED)
SORTS = {"reference": "reference", "opened": "opened_on", "status": "status"}
DEFAULT_SORT = "-opened"
PAGE_SIZE = 25


@dataclass(frozen=True)
class CaseFilters:
    status: str = ""
    team_id: Any = None
    overdue: bool = False
    case_type: str = ""
    sort: str = DEFAULT_SORT


@dataclass(frozen=True)
class CaseRow:
    """One row of a case list, with what this user may see of it."""

    case: Case
    case_access: access.CaseAccess
    person_name: str | None
    status_label: str
    next_deadline: date | None
    overdue: bool


@dataclass(frozen=True)
class Deadline:
    case: Case
    due_on: date
    kind: str  # "agreement" | "triage_contact" | "damocles_<kind>" | "park_<kind>" (the case types' own selectors)
    agreement: Agreement | None
    overdue: bool
    label: str = ""  # set for kinds that carry their own text and legal basis (Damocles)
    legal_basis: str = ""


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


def triage_contact_deadline(opened_on: date, *, calendar: Calendar | None = None) -> date:
    return working_days_after(opened_on, TRIAGE_CONTACT_WORKING_DAYS, calendar=calendar)


def _triage_overdue_cutoff(today: date, calendar: Calendar) -> date:
    """The latest opening date whose triage contact deadline lies before today (monotonic)."""
    day = today - timedelta(days=1)
    while triage_contact_deadline(day, calendar=calendar) >= today:
        day -= timedelta(days=1)
    return day


def overdue_condition(today: date, calendar: Calendar, *, include_agreements: bool = True) -> Q:
    """Open cases with an open agreement past its due date, or a triage contact deadline past.

    `include_agreements=False` for users who reach cases only through sharing decisions: the
    agreements belong to a category they may not have been given, and a yes/no filter on them
    would reveal what the list itself hides (see `overdue_for`).
    """
    late_triage = Q(case_type=CaseType.PGA, status__in=TRIAGE_STATES,
                    opened_on__lte=_triage_overdue_cutoff(today, calendar))
    if not include_agreements:
        return Q(closed_on__isnull=True) & late_triage
    late_agreement = Exists(Agreement.objects.filter(
        case=OuterRef("pk"), status__in=OPEN_AGREEMENT_STATUSES, due_on__lt=today,
    ))
    return Q(closed_on__isnull=True) & (Q(late_agreement) | late_triage)


def overdue_for(user, today: date, calendar: Calendar | None = None) -> Q:
    """The overdue condition as `user` may apply it (partners: deadlines of shared data only)."""
    return overdue_condition(today, calendar or calendar_around(today),
                             include_agreements=user.role != KETENPARTNER)


def _ordering(sort: str) -> list[str]:
    descending = sort.startswith("-")
    field = SORTS.get(sort.lstrip("-"), "opened_on")
    return [f"-{field}" if descending else field, "reference"]


def case_list(*, user, filters: CaseFilters, today: date | None = None,
              calendar: Calendar | None = None) -> QuerySet[Case]:
    """The filtered, sorted cases `user` may read, with what one row needs joined in."""
    today = today or timezone.localdate()
    cases = access.visible_cases(user)
    if filters.case_type:
        cases = cases.filter(case_type=filters.case_type)
    if filters.status:
        cases = cases.filter(status=filters.status)
    if filters.team_id:
        cases = cases.filter(team_id=filters.team_id)
    if filters.overdue:
        cases = cases.filter(overdue_for(user, today, calendar))
    return with_next_due(cases).select_related("person", "owner", "team").order_by(*_ordering(filters.sort))


def with_next_due(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Annotate `next_agreement_due`: the earliest due date of the case's open agreements."""
    next_due = Agreement.objects.filter(case=OuterRef("pk"), status__in=OPEN_AGREEMENT_STATUSES).order_by("due_on")
    return cases.annotate(next_agreement_due=Subquery(next_due.values("due_on")[:1]))


def _next_deadline(case: Case, calendar: Calendar, *, sees_agreements: bool = True) -> date | None:
    # An agreement's due date belongs to the conferences category: not for partners without it.
    candidates = [getattr(case, "next_agreement_due", None) if sees_agreements else None]
    if case.case_type == CaseType.PGA and case.status in TRIAGE_STATES:
        candidates.append(triage_contact_deadline(case.opened_on, calendar=calendar))
    found = [day for day in candidates if day is not None]
    return min(found) if found else None


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
    rows = []
    for case in cases:
        case_access = accesses[case.pk]
        deadline = None if case.is_closed else _next_deadline(
            case, calendar, sees_agreements=case_access.sees(PGA_CONFERENCES),
        )
        rows.append(CaseRow(
            case=case, case_access=case_access,
            person_name=person_name(case.person) if case_access.sees(PERSONALIA) else None,
            status_label=status_label(case.case_type, case.status),
            next_deadline=deadline, overdue=deadline is not None and deadline < today,
        ))
    return rows


def referral_owner_for(controller: Organisation) -> User | None:
    """The process director who receives a partner's referral: the active one of the
    municipality with the fewest open cases (ties: by name), so referrals spread over the team."""
    return (
        User.objects.filter(organisation=controller, is_active=True, groups__name=PROCESREGISSEUR)
        .annotate(open_cases=Count("owned_cases", filter=Q(owned_cases__closed_on__isnull=True)))
        .order_by("open_cases", "last_name", "first_name", "username")
        .first()
    )


# --- search ----------------------------------------------------------------------------------

def _searchable_persons(user) -> QuerySet[Person]:
    """Person records a search may match: the user's organisation's own records (as controller)
    and the persons of cases the user may read; nothing of other controllers."""
    return Person.objects.filter(
        Q(controller_id=user.organisation_id) | Q(pk__in=access.visible_cases(user).values("person_id"))
    )


def _cases_of_persons(user, persons: list[Person]) -> list[Case]:
    """Visible cases of these persons, limited to those whose personal details the user may see
    (a hit on a BSN or name would otherwise disclose them)."""
    if not persons:
        return []
    cases = list(
        access.visible_cases(user).filter(person__in=[person.pk for person in persons])
        .select_related("person", "owner", "team").order_by("-opened_on", "reference")
    )
    accesses = access.case_access_many(user, cases)
    return [case for case in cases if accesses[case.pk].sees(PERSONALIA)]


def search_by_reference(*, user, reference: str) -> list[Case]:
    reference = reference.strip().upper()
    if not reference:
        return []
    return list(access.visible_cases(user).filter(reference=reference).select_related("person", "owner", "team"))


def search_by_bsn(*, user, bsn: str) -> list[Case]:
    if user.organisation_id is None:
        return []
    return _cases_of_persons(user, blind_lookup(_searchable_persons(user), "bsn_index", bsn))


def search_by_name_and_birth(*, user, surname: str, date_of_birth: date) -> list[Case]:
    if user.organisation_id is None:
        return []
    persons = blind_lookup(_searchable_persons(user), "name_dob_index", surname, date_of_birth)
    return _cases_of_persons(user, persons)


# --- deadlines -------------------------------------------------------------------------------

def case_deadlines(*, case: Case, agreements: list[Agreement], today: date | None = None,
                   calendar: Calendar | None = None) -> list[Deadline]:
    """Upcoming and overdue deadlines of one case: open agreements and the triage contact term."""
    if case.is_closed:
        return []
    today = today or timezone.localdate()
    found = [
        Deadline(case=case, due_on=agreement.due_on, kind="agreement", agreement=agreement,
                 overdue=agreement.due_on < today)
        for agreement in agreements if agreement.status in OPEN_AGREEMENT_STATUSES
    ]
    if case.case_type == CaseType.PGA and case.status in TRIAGE_STATES:
        due = triage_contact_deadline(case.opened_on, calendar=calendar or calendar_around(today))
        found.append(Deadline(case=case, due_on=due, kind="triage_contact", agreement=None, overdue=due < today))
    return sorted(found, key=lambda deadline: deadline.due_on)


def deadlines_due(*, user, until: date, today: date | None = None, limit: int = 10) -> list[Deadline]:
    """Deadlines up to `until` (and every overdue one) on open cases the user owns or shares a team on."""
    today = today or timezone.localdate()
    calendar = calendar_around(today)
    own = access.visible_cases(user).filter(closed_on__isnull=True).filter(
        Q(owner=user) | (Q(team_id=user.team_id) if user.team_id else Q(pk__in=[]))
    )
    agreements = (
        Agreement.objects.filter(case__in=own, status__in=OPEN_AGREEMENT_STATUSES, due_on__lte=until)
        .select_related("case", "owner_organisation").order_by("due_on")[:limit]
    )
    found = [Deadline(case=agreement.case, due_on=agreement.due_on, kind="agreement", agreement=agreement,
                      overdue=agreement.due_on < today) for agreement in agreements]
    for case in own.filter(case_type=CaseType.PGA, status__in=TRIAGE_STATES).order_by("opened_on")[:limit]:
        due = triage_contact_deadline(case.opened_on, calendar=calendar)
        if due <= until:
            found.append(Deadline(case=case, due_on=due, kind="triage_contact", agreement=None, overdue=due < today))
    found += _damocles_deadlines(own, until=until, today=today, limit=limit)
    found += _park_deadlines(own, until=until, today=today, limit=limit)
    return sorted(found, key=lambda deadline: deadline.due_on)[:limit]


def _damocles_deadlines(cases: QuerySet[Case], *, until: date, today: date, limit: int) -> list[Deadline]:
    """Damocles terms (view, objection, Wkpb, closure end, ...), in the same shape, with their legal basis."""
    from casework.damocles.deadline_overview import damocles_deadlines  # the case type's own selector

    return [Deadline(case=d.case, due_on=d.due_on, kind=f"damocles_{d.kind}", agreement=None, overdue=d.overdue,
                     label=d.label, legal_basis=d.legal_basis)
            for d in damocles_deadlines(cases=cases, until=until, today=today)[:limit]]


def _park_deadlines(cases: QuerySet[Case], *, until: date, today: date, limit: int) -> list[Deadline]:
    """Park terms (view, compliance, objection, payment, collection, limitation), with their legal basis."""
    from casework.park.overview import park_deadlines  # the case type's own selector

    return [Deadline(case=d.case, due_on=d.due_on, kind=f"park_{d.kind}", agreement=None, overdue=d.overdue,
                     label=d.label, legal_basis=d.legal_basis)
            for d in park_deadlines(cases=cases, until=until, today=today)[:limit]]
