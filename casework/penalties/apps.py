from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PenaltiesConfig(AppConfig):
    """Penalty components of the shared core (forfeitures, limitation, collection, payments), used
    by every case type that imposes an order under penalty: its own app so its tables and
    migrations live in casework/penalties/. It knows no case type (ADR 0011)."""

    name = "casework.penalties"
    label = "penalties"
    verbose_name = _("Penalties")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from casework.penalties import reasons
        reasons.register()  # the reasons it records, in words on the audit screens
        from casework import registry
        from casework.penalties.component import COMPONENT

        registry.register_component(COMPONENT)
