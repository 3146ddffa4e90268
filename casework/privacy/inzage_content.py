"""Case content for the inzage report (AVG 15): every row of a case that concerns the person.

The rows are found generically (`generic_items`, the `inzage` provider every case type registers
unless it needs its own): every model of the case type's app with a foreign key to `Case` (and
the rows one step further, e.g. the findings of a police report, and the dossiers of their own a
row points at, e.g. the premises of a procedure), without history models and bookkeeping. Fields
whose sharing category is INTERNAL are left out, and so is everything about someone else: a row
bound to another person (an announcement to another addressee and the letters and objections that
hang from it), and the fields of another person on a shared row (the owner of the premises when
that is not this person). Which rows and fields are bound to one person comes from the type's
person roles (registry `person_roles`: `row_bound`, `bound_fields`). Employees and other rows
behind foreign keys are not data about the person and are not shown; organisations are shown by
name. Documents are listed, not reproduced.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.apps import apps
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation
from casework import registry
from casework.categories import FIELD_CATEGORIES, INTERNAL
from casework.models import Case, Person
from encryption.fields import EncryptedTextField

PERSON_FIELDS = ("first_names", "surname", "bsn", "date_of_birth", "address", "phone", "contact_notes")
# Rows of case content that are not about the person (bookkeeping, or shown in a section of their own).
SKIPPED_MODELS = frozenset({
    "casework.Case", "casework.SharingDecision", "casework.BreakGlassGrant", "casework.Approval",
    "casework.CaseUserObjectPermission", "casework.CaseGroupObjectPermission", "casework.CaseLink",
    "casework.CaseStep", "casework.Handover",
    # Names several residents in one encrypted answer: park contributes the person's own part (casework/park/inzage.py).
    "park.ResidenceCheck",
})


def _document_fields() -> frozenset[str]:
    """Documents are listed, not reproduced in the report (a copy goes with the answer on request):
    file fields, and the fields a case type names as documents (registry `document_fields`)."""
    return registry.document_fields()


def _person_bound_fields() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Fields that belong to the person another field names: shown only when that is this person."""
    return {role.model: (role.field, role.bound_fields) for role in registry.person_roles() if role.bound_fields}


def _row_bound() -> dict[str, str]:
    """Rows about the person their field names: shown only when that is this person (and so are the
    rows that hang from them, e.g. a letter or objection of that addressee)."""
    return {role.model: role.field for role in registry.person_roles() if role.row_bound}


@dataclass(frozen=True)
class Item:
    """One row of case content as (label, value) pairs.

    `key` ("app.Model:pk") and `free_text` (value index -> field name of the free-text values, which
    the privacy officer reviews before release) are never rendered. `linked`: the row names this
    person (or hangs from a row that does) — all a person who is not the case's main person sees.
    """

    title: str
    values: list[tuple[str, str]]
    key: str = ""
    linked: bool = False
    free_text: tuple[tuple[int, str], ...] = ()


def _label(model: Any) -> str:
    """The label of a related model (typed loosely: Django also allows the string "self" there)."""
    return model._meta.label


def format_value(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%d-%m-%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, (list, tuple)):
        return ", ".join(format_value(item) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{key}: {format_value(item)}" for key, item in value.items())
    return str(value)


def _shown_fields(model: type[models.Model]) -> list[models.Field]:
    categories = FIELD_CATEGORIES.get(_label(model), {})
    return [f for f in model._meta.concrete_fields
            if categories.get(f.name) != INTERNAL and not f.primary_key and f.name != "data_key_id"]


def _field_value(obj: models.Model, f: models.Field, person: Person) -> str | None:
    """The value to show, or None to leave the field out."""
    if f.is_relation:
        target = f.related_model
        if target is Person:
            return _("this person") if getattr(obj, f.attname) == person.pk else None
        if target is Organisation:
            related = getattr(obj, f.name)
            return related.name if related is not None else ""
        return None  # users (employees), cases, other rows: not data about the person
    if f"{_label(type(obj))}.{f.name}" in _document_fields() or isinstance(f, models.FileField):
        return _("document held") if getattr(obj, f.attname) else ""
    if f.choices:
        return format_value(getattr(obj, f"get_{f.name}_display")())
    return format_value(getattr(obj, f.name))


def _about_someone_else(obj: models.Model, person: Person) -> bool:
    """A row bound to another person: its own person field, or the announcement it belongs to."""
    label = _label(type(obj))
    ROW_BOUND, PERSON_BOUND_FIELDS = _row_bound(), _person_bound_fields()  # noqa: N806
    if label in ROW_BOUND:
        return getattr(obj, f"{ROW_BOUND[label]}_id") != person.pk
    for f in type(obj)._meta.concrete_fields:
        target = f.related_model if f.is_relation else None
        if target is None:
            continue
        if target is Person and label not in PERSON_BOUND_FIELDS and getattr(obj, f.attname) not in (None, person.pk):
            return True
        if _label(target) in ROW_BOUND:
            related = getattr(obj, f.name)
            if related is not None and getattr(related, f"{ROW_BOUND[_label(target)]}_id") != person.pk:
                return True
    return False


def _item(obj: models.Model, person: Person) -> Item | None:
    if _about_someone_else(obj, person):
        return None
    label = _label(type(obj))
    hidden: tuple[str, ...] = ()
    bound = _person_bound_fields().get(label)
    if bound and getattr(obj, f"{bound[0]}_id") != person.pk:
        hidden = (bound[0], *bound[1])
    values: list[tuple[str, str]] = []
    free_text: list[tuple[int, str]] = []
    for f in _shown_fields(type(obj)):
        if f.name in hidden:
            continue
        value = _field_value(obj, f, person)
        if value:
            if isinstance(f, EncryptedTextField) and not f.choices:
                free_text.append((len(values), f.name))
            values.append((sentence_case(f.verbose_name), value))
    if not values:
        return None
    return Item(sentence_case(type(obj)._meta.verbose_name), values, key=f"{label}:{obj.pk}",
                linked=names_person(obj, person), free_text=tuple(free_text))


def sentence_case(text: Any) -> str:
    """First letter upper case, the rest as written ("PGA-casus", not "Pga-casus")."""
    text = str(text)
    return text[:1].upper() + text[1:]


def names_person(obj: models.Model, person: Person) -> bool:
    """The row names this person in a field (a foreign key or a many-to-many field to Person), or hangs
    from a row bound to them (an objection to their announcement)."""
    row_bound = _row_bound()
    for f in type(obj)._meta.get_fields():
        if not (f.is_relation and f.concrete):
            continue
        if f.related_model is Person:
            if f.many_to_many:
                if getattr(obj, f.name).filter(pk=person.pk).exists():
                    return True
            elif getattr(obj, f.attname) == person.pk:  # type: ignore[union-attr]
                return True
        elif f.many_to_one and _label(f.related_model) in row_bound:
            related = getattr(obj, f.name)
            if related is not None and getattr(related, f"{row_bound[_label(f.related_model)]}_id") == person.pk:
                return True
    return False


def _content_models(app_labels: tuple[str, ...]
                    ) -> tuple[list[tuple[type[models.Model], str]], list[tuple[type[models.Model], str, str]]]:
    """(models with a foreign key to Case, models one step further) of these apps, no history."""
    def concrete(model):
        return (model._meta.app_label in app_labels and not model._meta.auto_created
                and not model.__name__.startswith("Historical") and _label(model) not in SKIPPED_MODELS)

    first = [(m, f.name) for m in apps.get_models() if concrete(m)
             for f in m._meta.concrete_fields if f.is_relation and f.related_model is Case]
    parents = {m for m, _name in first}
    second = [(m, f.name, f.related_model) for m in apps.get_models() if concrete(m) and m not in parents
              for f in m._meta.concrete_fields if f.is_relation and f.related_model in parents]
    return first, second  # type: ignore[return-value]


def generic_items(*, case: Case, person: Person) -> list[Item]:
    """The registry's default `inzage` provider: the rows of the case type's app, the core's and those
    of the core's components the type uses (legal remedies, penalties)."""
    spec = registry.get(case.case_type)
    first, second = _content_models(("casework", spec.app_label,
                                     *(part.app_label for part in registry.components_of(spec))))
    roots = set(spec.dossier_roots)
    items: list[Item] = []
    for model, name in first:
        rows = list(model._default_manager.filter(**{name: case}))
        items.extend(filter(None, (_item(row, person) for row in rows)))
        for child, child_field, parent in second:
            if parent is model and rows:
                children = child._default_manager.filter(**{f"{child_field}__in": rows})
                items.extend(filter(None, (_item(row, person) for row in children)))
        # One step out: the dossiers of their own a row points at (the premises of a procedure).
        for f in model._meta.concrete_fields:
            if f.is_relation and _label(f.related_model) in roots:
                for row in rows:
                    premises = getattr(row, f.name)
                    if premises is not None:
                        items.extend(filter(None, [_item(premises, person)]))
    return items


def person_item(person: Person) -> Item:
    values = [(name, sentence_case(getattr(Person._meta.get_field(name), "verbose_name", name)),
               format_value(getattr(person, name))) for name in PERSON_FIELDS]
    values.append(("controller", _("Controller"), person.controller.name))
    shown = [(name, label, value) for name, label, value in values if value]
    free_text = tuple((index, name) for index, (name, _l, _v) in enumerate(shown) if name == "contact_notes")
    return Item(_("Person record"), [(label, value) for _name, label, value in shown],
                key=f"casework.Person:{person.pk}", linked=True, free_text=free_text)


WITHHELD_GROUND = _("Data about other persons who reported or gave information were not provided, to protect them "
                    "(AVG art. 15 lid 4 for the copy; UAVG art. 41 lid 1 sub i).")


def withheld_notes(case: Case, person: Person) -> list[str]:
    """Say *that* data was withheld, and on which ground: rows of a shielded party (a melder, a
    source) in this case that are not about `person` are never shown to them (registry `person_roles`)."""
    for role in registry.get(case.case_type).shielded_roles:
        model = apps.get_model(role.model)
        rows = model._default_manager.filter(**{f"{role.case_path}_id": case.pk} if role.case_path else {})
        if rows.exclude(**{f"{role.field}_id": person.pk}).exists():
            return [str(WITHHELD_GROUND)]
    return []
