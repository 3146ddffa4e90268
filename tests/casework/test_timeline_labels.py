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


def test_every_model_of_the_application_has_a_translatable_name():
    """The audit screens name an event's object by its model's verbose name (audit/labels.py type_label)."""
    from django.apps import apps as django_apps

    exempt = {"accounts.UserSession",  # no audit event names it
              "casework.CaseUserObjectPermission", "casework.CaseGroupObjectPermission"}  # django-guardian's
    plain = sorted(model._meta.label for model in django_apps.get_models()
                   if model.__module__.split(".")[0] in ("casework", "accounts", "audit", "encryption")
                   and not model.__name__.startswith("Historical") and model._meta.label not in exempt
                   and not isinstance(model._meta.verbose_name, Promise))
    assert plain == []


def test_recorded_reasons_read_as_words_on_the_audit_screens():
    """Codes in a recorded reason become names (a status, a category, a link kind, an access path, a rule, a model);
    the stored reason, and the exports, keep the codes."""
    from django.utils import translation

    from audit.labels import _reason_label

    with translation.override("nl"):
        from audit.labels import Codes, code_names
        from casework import registry

        pga = registry.get("pga").workflow_table
        common = code_names()
        step = _reason_label("transition triage -> in_behandeling (step 3)", {},
                             Codes(common.common, common.by_key, {state: pga.label(state) for state in pga.states}))
        shared = _reason_label("partner:x categories:metadata,pga_conferences", {})
        via = _reason_label("via:break_glass", {})
        finding = _reason_label("privacy.Finding outside_assignment:12", {})
    assert "in_behandeling" not in step and "In behandeling" in step and "stap 3" in step
    assert "pga_conferences" not in shared and "metadata" not in shared
    assert "break_glass" not in via
    assert "privacy.Finding" not in finding and "outside_assignment" not in finding


def test_a_status_is_named_by_its_case_type_and_a_key_value_by_its_key(make_user):
    """A status code means something per case type, an action code per key ("view" is no "zienswijze" here)."""
    from django.utils import translation

    from audit.labels import Codes, _reason_label, code_names
    from casework import registry

    common = code_names()
    workflow = registry.get("park").workflow_table
    park = {state: workflow.label(state) for state in workflow.states}
    with translation.override("nl"):
        codes = Codes(common.common, common.by_key, park)
        step = _reason_label("transition constatering -> voornemen (step 3)", {}, codes)
        refused = _reason_label("action:view", {}, codes)
        shared = _reason_label("action:share", {}, codes)
    assert park["voornemen"] in step
    assert "view" not in refused and "zienswijze" not in refused.lower()
    assert "deelbesluit" not in shared.lower()
