from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DamoclesConfig(AppConfig):
    """Damocles procedures (art. 13b Opiumwet): its own app so migrations live in casework/damocles/."""

    name = "casework.damocles"
    label = "damocles"
    verbose_name = _("Damocles procedures")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from casework.damocles import reasons
        reasons.register()  # the reasons it records, in words on the audit screens
        from casework import registry
        from casework.damocles import workflow  # noqa: F401 - registers the workflow with the transition engine
        from casework.damocles.casetype import SPEC

        registry.register(SPEC)
