"""The person overview: every case a user may see that links one person, with the person's role in it.

Built on the registry's person-role provider (`person_roles.case_roles`: the main person of a case
and every role a case type or component declares) and the core's access rules:

- a case is listed only when it is in `access.visible_cases(user)` (restricted persons, AVG 18,
  are reached by no path) and the user sees the category of at least one role that links the
  person to it (`case_access_many`: a partner sees a link only through a shared category);
- a shielded role (a melder, the source of a signal: `PersonRole.shielded`, a shielded category)
  is never shown here, and a case whose main person is also shielded in it lists that person only
  to a viewer who holds those categories (as `person_roles.shielded_subjects` rules for the core);
- nothing hints at what the user may not see: no count of hidden cases. When the user sees no case
  of the person, the answer is `None`, the same as for a person without cases or an unknown id.

Queries do not grow with the number of cases: one for the person, one per declared role, one for
the visible cases (with owner and team), at most three for the access paths, one per shielded role.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from casework import access, categories, person_roles, registry, selectors
from casework.models import Case, Person


@dataclass(frozen=True)
class PersonCase:
    """One row of the overview: a case and the person's (visible) roles in it."""

    case: Case
    roles: tuple[str, ...]  # Dutch labels, in the order the registry declares them
    type_label: str
    status_label: str
    owner_name: str
    team_name: str


@dataclass(frozen=True)
class PersonOverview:
    person: Person
    rows: list[PersonCase]
    processing_activity: str  # the processing the page serves: that of the newest case (as the API's person view)


def _seen_roles(rows: Sequence[person_roles.CaseRole], seen: access.CaseAccess, hidden: set[str]) -> tuple[str, ...]:
    """The labels of the roles the viewer may see: never a shielded one, only in a category they see."""
    labels: list[str] = []
    for row in rows:
        if row.shielded or categories.is_shielded(row.data_category) or not seen.sees(row.data_category):
            continue
        if row.role == person_roles.SUBJECT and not hidden <= seen.categories:
            continue  # the main person is also a shielded party of this case
        if row.label not in labels:
            labels.append(row.label)
    return tuple(labels)


def _row(case: Case, roles: tuple[str, ...]) -> PersonCase:
    return PersonCase(
        case=case, roles=roles, type_label=registry.label(case.case_type),
        status_label=selectors.status_label(case.case_type, case.status),
        owner_name=case.owner.display_name if case.owner_id else "",
        team_name=case.team.name if case.team_id and case.team is not None else "",
    )


def person_cases(*, user: Any, person: Person) -> list[PersonCase]:
    """The cases of `person` that `user` may see, newest first, with the roles the user may see."""
    by_case: dict[Any, list[person_roles.CaseRole]] = {}
    for row in person_roles.case_roles([person.pk]):
        by_case.setdefault(row.case_id, []).append(row)
    if not by_case:
        return []
    cases = list(access.visible_cases(user).filter(pk__in=list(by_case)).select_related("owner", "team")
                 .order_by("-opened_on", "reference"))
    accesses = access.case_access_many(user, cases)
    shielded = person_roles.shielded_subjects(cases)
    found = []
    for case in cases:
        roles = _seen_roles(by_case[case.pk], accesses[case.pk], shielded.get(case.pk, set()))
        if roles:
            found.append(_row(case, roles))
    return found


def person_overview(*, user: Any, person_id: Any, case_type: str = "") -> PersonOverview | None:
    """The overview of one person for `user` (its rows of one case type, when given), or None when
    the user sees no case of theirs at all (or no such person exists): the caller answers both the
    same way. A filter that leaves no row is an empty overview, not None."""
    person = Person.objects.filter(pk=person_id, restricted=False).first()
    if person is None:
        return None
    rows = person_cases(user=user, person=person)
    if not rows:
        return None
    first_activity = registry.get(rows[0].case.case_type).processing_activity
    chosen = [row for row in rows if not case_type or row.case.case_type == case_type]
    return PersonOverview(person=person, rows=chosen, processing_activity=first_activity)
