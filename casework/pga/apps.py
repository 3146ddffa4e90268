from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PgaConfig(AppConfig):
    """PGA case type: its own app so its migrations and models live in casework/pga/."""

    name = "casework.pga"
    label = "pga"
    verbose_name = _("PGA cases")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from casework.pga import reasons
        reasons.register()  # the reasons it records, in words on the audit screens
        from casework import registry
        from casework.pga import workflow  # noqa: F401 - registers the workflow with the transition engine
        from casework.pga.casetype import SPEC

        registry.register(SPEC)
