from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """Notifications (in the application, by e-mail, in the daily e-mail): a core app of its own that
    knows no case type (ADR 0032). Services of the core and of the case types call `services.notify`."""

    name = "casework.notifications"
    label = "notifications"
    verbose_name = _("Notifications")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from casework.notifications import reasons
        reasons.register()  # the reasons it records, in words on the audit screens
        from accounts import navigation, roles
        from casework import categories
        from casework.bench.pages import BenchPage, register
        from casework.notifications.categories import CAPABILITY, FIELD_CATEGORIES

        categories.register_fields(FIELD_CATEGORIES)
        roles.register_capabilities((CAPABILITY,))
        navigation.register(navigation.Entry("casework:notification_list", _("Notifications"), CAPABILITY.code, 6))
        register(BenchPage("notification list", "regisseur", lambda sample: sample.get("/meldingen/")))
