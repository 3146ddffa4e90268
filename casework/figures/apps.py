from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FiguresConfig(AppConfig):
    """The annual figures: its own app so its tables and migrations live in casework/figures/. It knows
    no case type: every type's indicators come from the registry's `figures` provider."""

    name = "casework.figures"
    label = "figures"
    verbose_name = _("Annual figures")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from casework.figures import reasons
        reasons.register()  # the reasons it records, in words on the audit screens
        from accounts import navigation, roles
        from audit import activities
        from casework import categories
        from casework.bench.pages import BenchPage, register
        from casework.figures.access import CAPABILITIES, FIELD_CATEGORIES, PROCESSING_ACTIVITY, VIEW

        activities.register(PROCESSING_ACTIVITY)
        categories.register_fields(FIELD_CATEGORIES)
        roles.register_capabilities(CAPABILITIES)
        navigation.register(navigation.Entry("casework:figures", _("Annual figures"), VIEW.code, 44))
        register(BenchPage("annual figures", "privacy", lambda sample: sample.get("/jaarcijfers/")))
