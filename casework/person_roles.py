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
from django.db import connections, router
from django.utils.translation import gettext_lazy as _

from casework import categories, registry
from casework.models import Case
from config.prepared import Bound, prepared_cursor

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
    viewer holds every one of those categories. One query, whatever the number of cases, for the roles on a
    table with a foreign key to the case (`_direct_rows`), and one per other shielded role.
    """
    subjects = {case.pk: case.person_id for case in cases if case.person_id}
    found: dict[Any, set[str]] = {}
    if not subjects:
        return found
    roles = [role for spec in registry.types() for role in spec.shielded_roles if role.case_path]
    direct = [role for role in roles if "__" not in role.case_path]
    rows = list(_direct_rows(direct, subjects))
    for role in roles:
        if role not in direct:
            rows += _role_rows(role, subjects)
    for role, case_id, person_id in rows:
        if subjects.get(case_id) == person_id:
            found.setdefault(case_id, set()).add(role.category)
    return found


def _role_rows(role: registry.PersonRole, subjects: dict[Any, Any]) -> list[tuple[Any, Any, Any]]:
    """(role, case id, person id) of the rows of `role` that link one of these cases and one of these persons,
    by the ORM (any `case_path`)."""
    return [(role, case_id, person_id) for case_id, person_id in apps.get_model(role.model)._default_manager.filter(
        **{f"{role.case_path}__in": list(subjects), f"{role.field}__in": set(subjects.values())},
    ).values_list(role.case_path, role.field)]


def _direct_rows(roles: list[registry.PersonRole], subjects: dict[Any, Any]) -> Iterable[tuple[Any, Any, Any]]:
    """(role, case id, person id) of the rows of `roles` (each on a table with a foreign key to the case) that
    link one of these cases and one of these persons: one statement of fixed text per set of roles (on
    PostgreSQL each list of ids is one array parameter), prepared once per connection (config/prepared.py).
    The same rows as `_role_rows` gives per role, which took a query and about 1 ms of Python each."""
    if not roles:
        return
    models = [apps.get_model(role.model) for role in roles]
    connection = connections[router.db_for_read(models[0])]
    quote = connection.ops.quote_name
    bound = Bound(connection)  # the cases' and the persons' ids each sent once for all roles
    case_ids, person_ids = list(subjects), list(dict.fromkeys(subjects.values()))
    parts: list[str] = []
    columns = []
    for index, (role, model) in enumerate(zip(roles, models, strict=True)):
        case_field: Any = model._meta.get_field(role.case_path)
        person_field: Any = model._meta.get_field(role.field)
        case_column, person_column = quote(case_field.column), quote(person_field.column)
        parts.append(f"SELECT {index}, {case_column}, {person_column} "  # noqa: S608 - names from the models
                     f"FROM {quote(model._meta.db_table)} WHERE {case_column} {bound.any_of(case_field, case_ids)} "
                     f"AND {person_column} {bound.any_of(person_field, person_ids)}")
        columns.append((case_field.target_field, person_field.target_field))
    with prepared_cursor(connection) as cursor:
        cursor.execute(" UNION ALL ".join(parts), bound.params)
        rows = cursor.fetchall()
    for index, case_value, person_value in rows:
        case_target, person_target = columns[index]
        yield roles[index], case_target.to_python(case_value), person_target.to_python(person_value)
