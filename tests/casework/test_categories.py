"""Every concrete field of every casework model maps to exactly one sharing category.

Iterates over every installed app whose name starts with "casework" and every registered case
type's app (the test-only example type included), so a new model or field without a category
fails here instead of silently being shown to — or hidden from — a partner.
"""

from __future__ import annotations

from django.apps import apps

from casework import registry
from casework.categories import FIELD_CATEGORIES, INTERNAL, category_of, shareable


def casework_models():
    type_apps = {spec.app_label for spec in registry.types()}
    for config in apps.get_app_configs():
        if not config.name.startswith("casework") and config.label not in type_apps:
            continue
        for model in config.get_models():
            if model.__name__.startswith("Historical"):
                continue  # simple-history copies: same fields as their model
            yield model


def concrete_field_names(model) -> list[str]:
    return [field.name for field in (*model._meta.local_fields, *model._meta.local_many_to_many)]


def test_the_casework_apps_are_found():
    labels = {model._meta.label for model in casework_models()}
    assert {"casework.Case", "casework.Person", "pga.PgaCase", "pga.Agreement"} <= labels


def test_every_field_of_every_casework_model_has_exactly_one_known_category():
    missing, unknown = [], []
    for model in casework_models():
        mapping = FIELD_CATEGORIES.get(model._meta.label, {})
        for name in concrete_field_names(model):
            if name not in mapping:
                missing.append(f"{model._meta.label}.{name}")
            elif mapping[name] not in (*shareable(), INTERNAL):
                unknown.append(f"{model._meta.label}.{name} -> {mapping[name]}")
            else:
                assert category_of(model._meta.label, name) == mapping[name]
    assert not missing, f"fields without a category: {missing}"
    assert not unknown, f"fields with an unknown category: {unknown}"


def test_the_mapping_names_no_model_or_field_that_does_not_exist():
    models = {model._meta.label: model for model in casework_models()}
    stale = []
    for label, mapping in FIELD_CATEGORIES.items():
        if label not in models:
            stale.append(label)
            continue
        names = set(concrete_field_names(models[label]))
        stale.extend(f"{label}.{name}" for name in mapping if name not in names)
    assert not stale, f"categories for fields that no longer exist: {stale}"
