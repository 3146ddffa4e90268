from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    """Meetings (triage, casusoverleg): its own app so its tables and migrations live in
    casework/meetings/. It knows no case type (ADR 0026)."""

    name = "casework.meetings"
    label = "meetings"
    verbose_name = _("Meetings")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from casework.meetings import reasons
        reasons.register()  # the reasons it records, in words on the audit screens
        from accounts import navigation, roles
        from casework import categories
        from casework.bench.pages import BenchPage, register
        from casework.meetings.categories import CAPABILITY, FIELD_CATEGORIES

        categories.register_fields(FIELD_CATEGORIES)
        roles.register_capabilities((CAPABILITY,))
        navigation.register(navigation.Entry("casework:meeting_list", _("Meetings"), CAPABILITY.code, 15))
        register(BenchPage("meetings list", "regisseur", lambda sample: sample.get("/overleggen/")))
