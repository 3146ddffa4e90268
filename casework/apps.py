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


def _register_audit_labels() -> None:
    """The audit trail's screens show a case's reference instead of its id (audit/labels.py)."""
    from django.utils.translation import gettext_lazy

    from audit import exports, labels
    from casework.bag import client as bag_client
    from casework.brp import access as brp_access
    from casework.brp import transport as brp_transport
    from casework.models import Case

    def references(ids: set[str]) -> dict[str, str]:
        valid = [value for value in ids if labels.is_uuid(value)]
        rows = Case.objects.filter(pk__in=valid).values_list("pk", "reference")
        return {str(pk): reference for pk, reference in rows}

    labels.register_labeller(labels.CASE_TYPE, references)
    labels.register_type_name(bag_client.OBJECT_TYPE, gettext_lazy("BAG address"))
    labels.register_type_name(brp_access.OBJECT_TYPE, gettext_lazy("BRP person"))
    # The Logboek export links an outgoing call to the operation at the source (audit/exports.py).
    exports.register_outgoing_call(bag_client.OBJECT_TYPE, bag_client.source_uri)
    exports.register_outgoing_call(brp_access.OBJECT_TYPE, brp_transport.source_uri)
