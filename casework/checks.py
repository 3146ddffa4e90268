"""System checks of the case-type registry: start-up (and `check --deploy`) fails with an Error when
a registered case type is incomplete, so a forgotten provider can never fail silently.

- casework.E001: a required provider is missing (casework/registry.py `CaseTypeSpec.REQUIRED`);
- casework.E002: a provider given as "module:attribute" does not resolve;
- casework.E003: an encrypted field or a file field of the type's models has no sharing category;
- casework.E004: a foreign key or many-to-many to Person is not declared as a person role;
- casework.E005: a model with personal data (encrypted field, file field, link to a person) is not
  reached by the destruction walk: no chain of owning foreign keys leads from it to a case, a
  person or a dossier of its own the type declared (`dossier_roots`);
- casework.E006: a shielded person role (a melder, a source) whose rows are not entirely in a
  shielded category of the type: its data would reach channels that only check categories.
- casework.E007: a model of a case that no `row_kinds` classifies as editable, created or outside the
  case (casework/versions.py): an editable row without the version rule could lose an update unseen.

The models of the core's shared components (legal remedies, penalties: `registry.ComponentSpec`)
are checked the same way against what the component declares once for every type that uses it.

History models (django-simple-history) are checked through their live model: their columns copy
the live model's, and the destruction walk removes them with their live rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.core import checks
from django.db import models

from casework import registry
from casework.categories import FIELD_CATEGORIES
from encryption.fields import DataKeyReference

ENCRYPTED_PREFIX = "Encrypted"


def _is_history(model: type[models.Model]) -> bool:
    return hasattr(model, "instance_type")


def _is_encrypted(field: models.Field) -> bool:
    return any(cls.__name__.startswith(ENCRYPTED_PREFIX) for cls in type(field).__mro__) \
        and not isinstance(field, DataKeyReference)


def _is_file(field: models.Field) -> bool:
    return isinstance(field, models.FileField)


def _person_links(model: type[models.Model]) -> list[models.Field]:
    from casework.models import Person

    fields = [*model._meta.concrete_fields, *model._meta.local_many_to_many]
    return [f for f in fields if f.is_relation and f.related_model is Person]


def _app_models(app_label: str) -> list[type[models.Model]]:
    try:
        config = apps.get_app_config(app_label)
    except LookupError:
        return []
    return [m for m in config.get_models() if not _is_history(m) and m._meta.managed]


def _missing_providers(spec: registry.CaseTypeSpec) -> Iterable[checks.CheckMessage]:
    for name in spec.missing():
        yield checks.Error(f"Case type {spec.code!r} lacks the provider {name!r}.",
                           hint="See docs/adding-a-case-type.md for what each provider does.",
                           obj=spec.code, id="casework.E001")
    for name in (*spec.REQUIRED, "list_annotations", "next_deadline", "page_deadlines", "overdue_condition",
                 "work_queue", "figures", "create_linked", "informing", "demo_case"):
        value = getattr(spec, name, None)
        if isinstance(value, str) and ":" in value:
            try:
                registry.resolve(value)
            except (ImportError, AttributeError) as exc:
                yield checks.Error(f"Case type {spec.code!r}: provider {name!r} = {value!r} does not resolve ({exc}).",
                                   obj=spec.code, id="casework.E002")


def _reachable(roots: set[type[models.Model]]) -> set[type[models.Model]]:
    """Models whose rows the destruction walk reaches from these roots (owning foreign keys only)."""
    from casework.privacy.dossier_rows import _foreign_keys, _owning_fk, models_on_default

    candidates = [m for m in models_on_default() if not _is_history(m)]
    reached = set(roots)
    changed = True
    while changed:
        changed = False
        for model in candidates:
            if model in reached:
                continue
            if any(isinstance(fk.related_model, type) and fk.related_model in reached and _owning_fk(model, fk)
                   for fk in _foreign_keys(model)):
                reached.add(model)
                changed = True
    return reached


def _coverage(owner: registry.CaseTypeSpec | registry.ComponentSpec,
              reached: set[type[models.Model]]) -> Iterable[checks.CheckMessage]:
    """A case type's models, or a shared component's (declared once in the core), fully covered."""
    kind = "case type" if isinstance(owner, registry.CaseTypeSpec) else "component"
    roles = {(role.model, role.field) for role in owner.person_roles or ()}
    roots = {apps.get_model(label) for label in getattr(owner, "dossier_roots", ())}
    for model in _app_models(owner.app_label):
        label = model._meta.label
        categories = FIELD_CATEGORIES.get(label, {})
        personal = False
        for field in model._meta.concrete_fields:
            if _is_encrypted(field) or _is_file(field):
                personal = True
                if field.name not in categories:
                    yield checks.Error(f"{label}.{field.name} holds personal data but has no sharing category.",
                                       hint=f"Add it to the field categories of {kind} {owner.code!r}.",
                                       obj=model, id="casework.E003")
        for field in _person_links(model):
            personal = True
            if (label, field.name) not in roles:
                yield checks.Error(f"{label}.{field.name} links a person but is not a person role of {owner.code!r}.",
                                   hint=f"Declare it in the {kind}'s person_roles (registry PersonRole).",
                                   obj=model, id="casework.E004")
        if personal and model not in reached and model not in roots:
            yield checks.Error(f"{label} holds personal data that the destruction walk does not reach.",
                               hint="Give it an owning foreign key towards its case or person, or declare it a "
                                    "dossier of its own (dossier_roots).", obj=model, id="casework.E005")


def _shielding(spec: registry.CaseTypeSpec) -> Iterable[checks.CheckMessage]:
    shielded = {category.code for category in spec.categories if category.shielded}
    for role in spec.shielded_roles:
        fields = (spec.field_categories or {}).get(role.model, {})
        exposed = sorted(name for name, category in fields.items()
                         if category not in shielded and category != "internal" and name != role.case_path)
        if role.category not in shielded or exposed:
            yield checks.Error(
                f"Shielded role {role.role!r} on {role.model}.{role.field} is not covered by a shielded category"
                + (f" (fields outside it: {', '.join(exposed)})" if exposed else "") + ".",
                hint="Give the role a shielded category (Category(shielded=True)); put every field of the row in it.",
                obj=spec.code, id="casework.E006")


@checks.register()
def case_types_complete(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    from casework.models import Case, Person

    found: list[checks.CheckMessage] = []
    specs = registry.types()
    for spec in specs:
        found += list(_missing_providers(spec))
    roots = {Case, Person} | {apps.get_model(label) for spec in specs for label in spec.dossier_roots
                              if _resolves(label)}
    reached = _reachable(roots)
    for spec in specs:
        found += list(_coverage(spec, reached))
        found += list(_shielding(spec))
        found += list(_case_actions(spec))
    for part in registry.components():
        found += list(_coverage(part, reached))
    if not any(message.id in ("casework.E001", "casework.E002") for message in found):
        found += list(_row_kinds())  # needs every type's field_categories and row_kinds
    return found


def _case_actions(spec: registry.CaseTypeSpec) -> Iterable[checks.CheckMessage]:
    """Every link of the type's `case_actions` resolves with a case id (else every case page of the type fails)."""
    import uuid

    from django.urls import NoReverseMatch, reverse

    for action in spec.case_actions:
        try:
            reverse(action.url_name, kwargs={"case_id": uuid.uuid4()})
        except NoReverseMatch:
            yield checks.Error(
                f"Case type {spec.code!r}: the case action {action.url_name!r} is no URL name that takes a case_id.",
                hint="Name a URL of the type's web_urls (namespace casework) whose pattern has <uuid:case_id>.",
                obj=spec.code, id="casework.E008")


def _row_kinds() -> Iterable[checks.CheckMessage]:
    from casework import versions

    for label in versions.unclassified():
        yield checks.Error(
            f"{label} belongs to a case but no row_kinds classifies it.",
            hint="Name it in the type's or component's row_kinds as EDITABLE (updated by users: give it the version "
                 "rule and a conflict scenario in tests/casework/versions/), CREATED or OUTSIDE_CASE.",
            obj=label, id="casework.E007")


def _resolves(label: str) -> bool:
    try:
        apps.get_model(label)
    except (LookupError, ValueError):
        return False
    return True
