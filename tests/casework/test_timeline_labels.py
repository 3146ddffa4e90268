"""Every row kind the case timeline (and a stale form's list of latest changes) names is named in Dutch: each
model of a registered type's history sources, its components' and the core's carries a translatable
verbose_name (a model without one shows Django's English class name, as "agreement gewijzigd" did)."""

from __future__ import annotations

from django.apps import apps
from django.utils.functional import Promise

from casework import registry


def _history_models() -> set[str]:
    labels = {"casework.Case", "casework.Person"}
    for spec in registry.types():
        if spec.example:
            continue  # the test-only example type has no Dutch of its own
        labels |= {label for label, _key, _category in spec.history_sources or ()}
        labels |= {label for part in registry.components_of(spec) for label, _key, _category in part.history_sources}
    return labels


def test_every_model_on_the_timeline_has_a_translatable_name():
    plain = sorted(label for label in _history_models()
                   if not isinstance(apps.get_model(label)._meta.verbose_name, Promise))
    assert plain == []
