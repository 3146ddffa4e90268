from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    name = "ops"
    verbose_name = _("Operations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from config.prepared import keep_prepared
        from ops import theme  # noqa: F401 - registers the theme file check

        connection_created.connect(keep_prepared, dispatch_uid="config.prepared.keep_prepared")
