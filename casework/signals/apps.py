from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignalsConfig(AppConfig):
    """Signals of undermining crime (ondermijningssignalen; issue 21 item 1; ADR 0027).

    Built through the core's registry alone: nothing outside this package names it except
    `INSTALLED_APPS` (tests/casework/test_only_installed_apps.py proves it).
    """

    name = "casework.signals"
    label = "signals"
    verbose_name = _("Undermining signals")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from casework.signals import reasons
        reasons.register()  # the reasons it records, in words on the audit screens
        from casework import registry
        from casework.signals import workflow  # noqa: F401 - registers the workflow with the transition engine
        from casework.signals.casetype import SPEC

        registry.register(SPEC)
        _register_bench_page()


def _register_bench_page() -> None:
    """The signal list joins the pages `manage.py bench` drives (casework/bench/pages.py)."""
    from django.urls import reverse

    from casework.bench.pages import BenchPage, register

    register(BenchPage("signals list", "handhaver", lambda sample: sample.get(reverse("casework:signals_list"))))
    # a team lead's organisation may hold every signal (seed_scale: all N); counted to 10,000 (ADR 0050)
    register(BenchPage("signals list team lead", "teamleider",
                       lambda sample: sample.get(reverse("casework:signals_list"))))
