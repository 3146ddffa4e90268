from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Audit trail")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from audit import reasons
        reasons.register()  # the reasons it records, in words on the audit screens
        # Subscribing to the signals of accounts, encryption and django.contrib.auth.
        from audit import checks, receivers  # noqa: F401
