import functools
from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "casework"
    verbose_name = _("Casework")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from casework import reasons
        reasons.register()  # the reasons it records, in words on the audit screens
        from accounts import navigation
        from casework import checks  # noqa: F401 - registers the case-type registry checks
        from casework.bench import checks as bench_checks  # noqa: F401 - the bench baseline deploy check

        navigation.register(navigation.Entry("casework:equated_days", _("Holidays and equated days"),
                                             "manage_calendar", 71))
        _register_audit_labels()


def _code_names() -> dict[str, object]:
    """The codes recorded reasons name that mean one thing everywhere: every snake_case choice of a model field
    of the application (a kind, a ground), the link kinds, the sharing categories and the anomaly rules
    (audit/labels.py names them on the privacy officer's screens; a status depends on the case's type)."""
    from django.apps import apps as django_apps

    names: dict[str, object] = {}
    for model in django_apps.get_models():
        if model._meta.app_label in ("auth", "contenttypes", "sessions", "admin"):
            continue
        for model_field in model._meta.concrete_fields:
            for value, label in model_field.flatchoices or ():
                if isinstance(value, str) and "_" in value:
                    names[value] = label
    by_key = _key_values()
    for key in ("link", "categories", "rule"):  # these mean one thing outside their key too
        names.update(by_key[key])
    return names


def _statuses_of_cases(ids: set[str]) -> dict[str, dict[str, str]]:
    """Per case id, its type's statuses by name (one query): a status code means something per type."""
    from audit import labels
    from casework import registry
    from casework.models import Case

    rows = Case.objects.filter(pk__in=[value for value in ids if labels.is_uuid(value)]).values_list("pk", "case_type")
    tables: dict[str, dict[str, str]] = {}
    found: dict[str, dict[str, str]] = {}
    for pk, case_type in rows:
        if case_type not in tables:
            spec = registry.find(case_type)
            workflow = spec.workflow_table if spec is not None else None
            tables[case_type] = {state: workflow.label(state) for state in workflow.states} if workflow else {}
        found[str(pk)] = tables[case_type]
    return found


def _key_values_of(key: str) -> dict[str, Any]:
    return _key_values()[key]


def _key_values() -> dict[str, dict[str, Any]]:
    """The values after a key of a recorded reason, per key."""
    from casework import access, registry
    from casework.categories import CATEGORY_LABELS
    from casework.privacy.anomalies import RULE_LABELS

    return {
        "via": access.VIA_LABELS, "action": access.ACTION_LABELS, "categories": CATEGORY_LABELS,
        "category": CATEGORY_LABELS, "rule": RULE_LABELS,
        "link": {kind.code: kind.label for spec in registry.types() for kind in spec.link_kinds},
    }


def _register_audit_labels() -> None:
    """The audit trail's screens show a case's reference instead of its id (audit/labels.py)."""
    from django.utils.translation import gettext_lazy

    from audit import exports, labels
    from casework.bag import client as bag_client
    from casework.brp import access as brp_access
    from casework.brp import transport as brp_transport
    from casework.models import Case
    from casework.privacy.reviews import FINDING_TYPE

    def references(ids: set[str]) -> dict[str, str]:
        valid = [value for value in ids if labels.is_uuid(value)]
        rows = Case.objects.filter(pk__in=valid).values_list("pk", "reference")
        return {str(pk): reference for pk, reference in rows}

    labels.register_labeller(labels.CASE_TYPE, references)
    labels.register_code_names(_code_names)
    labels.register_case_codes(_statuses_of_cases)
    for key in ("via", "action", "categories", "category", "rule", "link"):
        labels.register_key_values(key, functools.partial(_key_values_of, key))
    labels.register_type_name(bag_client.OBJECT_TYPE, gettext_lazy("BAG address"))
    labels.register_type_name(brp_access.OBJECT_TYPE, gettext_lazy("BRP person"))
    labels.register_type_name(FINDING_TYPE, gettext_lazy("anomaly finding"))
    # The Logboek export links an outgoing call to the operation at the source (audit/exports.py).
    exports.register_outgoing_call(bag_client.OBJECT_TYPE, bag_client.source_uri)
    exports.register_outgoing_call(brp_access.OBJECT_TYPE, brp_transport.source_uri)
