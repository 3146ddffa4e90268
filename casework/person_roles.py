"""Which cases link a person, and in which role: the main person of a case, and every row a case
type or a shared component of the core declares as a person role (registry `person_roles`:
addressee, party, occupant, melder, ...).

A selector over the registry, consumed by the inzage report (AVG 15: every person linked to any
row of any case type is found) and by whoever lists a person's cases. One query for the main
persons and one per declared role, whatever the number of persons. A role's `case_path` leads
from its row to the case ("case", "order__case", or backwards from a dossier of its own, e.g.
"procedures__case" from premises); a role without a path links to no case.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from casework import categories, registry
from casework.models import Case

SUBJECT = "subject"
SUBJECT_LABEL = _("person the case is about")


@dataclass(frozen=True)
class CaseRole:
    case_id: Any
    person_id: Any
    role: str
    label: str
    shielded: bool = False
    data_category: str = ""  # the category of the field that links the person (who may see this link)


def _data_category(model: str, field: str) -> str:
    """The category of a linking field (casework/categories.py); personal details when none is declared."""
    return categories.FIELD_CATEGORIES.get(model, {}).get(field, categories.PERSONALIA)


def case_roles(person_ids: Iterable[Any]) -> list[CaseRole]:
    """Every (case, person, role) for these persons, the main person of a case first."""
    ids = [pk for pk in person_ids if pk]
    if not ids:
        return []
    subject = _data_category("casework.Case", "person")
    found = [CaseRole(case_id, person_id, SUBJECT, str(SUBJECT_LABEL), data_category=subject)
             for case_id, person_id in Case.objects.filter(person_id__in=ids).values_list("pk", "person_id")]
    for role in registry.person_roles():
        if not role.case_path:
            continue
        rows = apps.get_model(role.model)._default_manager.filter(**{f"{role.field}__in": ids})
        category = _data_category(role.model, role.field)
        found += [CaseRole(case_id, person_id, role.role, str(role.label), role.shielded, category)
                  for case_id, person_id in rows.values_list(role.case_path, role.field).distinct()
                  if case_id is not None]
    return found


def evidence_roles(persons: Sequence[Any]) -> list[CaseRole]:
    """(case, person, role) links that no foreign key declares, from each case type's `inzage_links` provider
    (evidence naming a person by BSN, e.g. a BRP answer stored on a case type's dossier). The inzage report's
    only: a provider may have to decrypt evidence to find them."""
    if not persons:
        return []
    found: list[CaseRole] = []
    for spec in registry.types():
        if spec.inzage_links is not None:
            found += spec.provider("inzage_links")(persons=list(persons))
    return found


def cases_by_person(person_ids: Iterable[Any], *, include_shielded: bool = True) -> dict[Any, set[Any]]:
    """person id -> the ids of the cases that link them (in any role; shielded roles optionally left out)."""
    linked: dict[Any, set[Any]] = {}
    for row in case_roles(person_ids):
        if include_shielded or not row.shielded:
            linked.setdefault(row.person_id, set()).add(row.case_id)
    return linked


def shielded_subjects(cases: Sequence[Case]) -> dict[Any, set[str]]:
    """case id -> the categories a viewer must hold to see the case's main person, for the cases
    whose main person is also linked to that case in a shielded role (a melder, a source).

    Core channels that show a case's person (the API's case list) leave the person out unless the
    viewer holds every one of those categories. One query per shielded role, whatever the number
    of cases.
    """
    subjects = {case.pk: case.person_id for case in cases if case.person_id}
    found: dict[Any, set[str]] = {}
    if not subjects:
        return found
    for spec in registry.types():
        for role in spec.shielded_roles:
            if not role.case_path:
                continue
            rows = apps.get_model(role.model)._default_manager.filter(**{
                f"{role.case_path}__in": list(subjects), f"{role.field}__in": set(subjects.values()),
            }).values_list(role.case_path, role.field)
            for case_id, person_id in rows:
                if subjects.get(case_id) == person_id:
                    found.setdefault(case_id, set()).add(role.category)
    return found
