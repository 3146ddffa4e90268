from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "casework"
    verbose_name = _("Casework")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from accounts import navigation
        from casework import checks  # noqa: F401 - registers the case-type registry checks
        from casework.bench import checks as bench_checks  # noqa: F401 - the bench baseline deploy check

        navigation.register(navigation.Entry("casework:equated_days", _("Holidays and equated days"),
                                             "manage_calendar", 71))
