from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "casework"
    verbose_name = _("Casework")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from accounts import navigation
        from casework import checks  # noqa: F401 - registers the case-type registry checks
        from casework.bench import checks as bench_checks  # noqa: F401 - the bench baseline deploy check

        navigation.register(navigation.Entry("casework:equated_days", _("Holidays and equated days"),
                                             "manage_calendar", 71))
        _register_audit_labels()


def _code_names() -> dict[str, object]:
    """The codes recorded reasons name, with their names: every choice of a model field of the application (a
    status, a kind, a ground), then every case type's statuses, link kinds and sharing categories, the access
    paths and the anomaly rules (audit/labels.py replaces them on the privacy officer's screens)."""
    from django.apps import apps as django_apps

    from casework import registry
    from casework.access import VIA_LABELS
    from casework.categories import CATEGORY_LABELS
    from casework.privacy.anomalies import RULE_LABELS

    names: dict[str, object] = {}
    for model in django_apps.get_models():
        if model._meta.app_label in ("auth", "contenttypes", "sessions", "admin"):
            continue
        for field in model._meta.concrete_fields:
            for value, label in field.flatchoices or ():
                if isinstance(value, str) and "_" in value:
                    names[value] = label
    for spec in registry.types():
        names.update({state: spec.workflow_table.label(state) for state in spec.workflow_table.states})
        names.update({kind.code: kind.label for kind in spec.link_kinds})
    names.update(CATEGORY_LABELS)
    names.update(RULE_LABELS)
    names.update(VIA_LABELS)
    return names


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
    labels.register_type_name(bag_client.OBJECT_TYPE, gettext_lazy("BAG address"))
    labels.register_type_name(brp_access.OBJECT_TYPE, gettext_lazy("BRP person"))
    labels.register_type_name(FINDING_TYPE, gettext_lazy("anomaly finding"))
    # The Logboek export links an outgoing call to the operation at the source (audit/exports.py).
    exports.register_outgoing_call(bag_client.OBJECT_TYPE, bag_client.source_uri)
    exports.register_outgoing_call(brp_access.OBJECT_TYPE, brp_transport.source_uri)
