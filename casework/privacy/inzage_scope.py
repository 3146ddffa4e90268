"""Which case content one linked person gets in their inzage report (AVG 15), as readable items.

A person is linked to a case as its main person or through a row a case type declares as a person
role (registry `person_roles`: addressee, party, occupant, tolerance holder, melder, ...;
casework/person_roles.py). What they get:

- the case's main person: every row of the case about them (the type's `inzage` provider, which
  already leaves out rows bound to someone else) and the status changes, with readable labels;
- anyone else (an addressee of a decision who is not the main person, a tenant, an occupant, a
  tolerance holder, a melder): only the rows that name them, and the rows that hang from those
  (the letter or objection of their own announcement) — never the case's content about the main
  person. Rows of a role that sit on a dossier of its own (an occupant of a recreation object, a
  party of the premises) are found through the role's `case_path`, so they are never missed.

No internal names, codes or ids: titles and labels are the models' translated verbose names, the
status is the workflow's label, and each item's key (model:id) stays internal (for the review of
free text, casework/privacy/inzage_review.py).
"""

from __future__ import annotations

from django.apps import apps
from django.utils.translation import gettext as _

from casework import registry
from casework.models import Case, Person
from casework.privacy.inzage_content import Item, _item, format_value


def status_label(case: Case, status: str) -> str:
    """The workflow's label of a status ("Besluit genomen"), never the code."""
    spec = registry.find(case.case_type)
    if spec is None or spec.workflow is None:
        return status
    return spec.workflow_table.label(status)


def _role_items(case: Case, person: Person, seen: set[str]) -> list[Item]:
    """The rows of every declared person role that link this person to this case."""
    items = []
    for role in registry.get(case.case_type).person_roles or ():
        if not role.case_path:
            continue
        model = apps.get_model(role.model)
        rows = model._default_manager.filter(**{role.case_path: case.pk, role.field: person.pk}).distinct()
        for row in rows:
            item = _item(row, person)
            if item is not None and item.key not in seen:
                seen.add(item.key)
                items.append(item)
    return items


def _step_items(case: Case) -> list[Item]:
    items = []
    for step in case.steps.all().order_by("sequence"):
        values = [(_("New status"), status_label(case, step.to_status)), (_("Date"), format_value(step.at))]
        free_text: tuple[tuple[int, str], ...] = ()
        if step.reason:
            free_text = ((len(values), "reason"),)
            values.append((_("Reason"), step.reason))
        items.append(Item(_("Status change"), values, key=f"casework.CaseStep:{step.pk}", linked=True,
                          free_text=free_text))
    return items


def items_for(case: Case, person: Person) -> list[Item]:
    """The case content `person` gets: everything about them if they are the main person, else only
    the rows that name them (see the module docstring)."""
    provided = list(registry.get(case.case_type).provider("inzage")(case=case, person=person))
    subject = case.person_id == person.pk
    items = provided if subject else [item for item in provided if item.linked]
    seen = {item.key for item in items if item.key}
    items += _role_items(case, person, seen)
    if subject:
        items += _step_items(case)
    return items
