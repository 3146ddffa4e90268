from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemediesConfig(AppConfig):
    """Legal remedies of the shared core (announcements per addressee, objections, interim relief,
    appeals), used by every case type that takes appealable decisions: its own app so its tables
    and migrations live in casework/remedies/. It knows no case type (ADR 0011)."""

    name = "casework.remedies"
    label = "remedies"
    verbose_name = _("Legal remedies")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from casework.remedies import reasons
        reasons.register()  # the reasons it records, in words on the audit screens
        from casework import registry
        from casework.remedies.component import COMPONENT

        registry.register_component(COMPONENT)
