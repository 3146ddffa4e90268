from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParkConfig(AppConfig):
    """Holiday-park enforcement files (Rhederlaagse Meren): its own app so migrations live in casework/park/."""

    name = "casework.park"
    label = "park"
    verbose_name = _("Holiday-park enforcement")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        try:
            import_module("casework.park.workflow")  # registers the park workflow
        except ModuleNotFoundError as exc:  # pragma: no cover - only while the package is being built
            if exc.name != "casework.park.workflow":
                raise
