from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParkConfig(AppConfig):
    """Holiday-park enforcement files (Rhederlaagse Meren): its own app so migrations live in casework/park/."""

    name = "casework.park"
    label = "park"
    verbose_name = _("Holiday-park enforcement")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from casework.park import reasons
        reasons.register()  # the reasons it records, in words on the audit screens
        from casework import registry
        from casework.park import workflow  # noqa: F401 - registers the workflow with the transition engine
        from casework.park.casetype import SPEC

        registry.register(SPEC)
