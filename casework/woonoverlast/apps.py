from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WoonoverlastConfig(AppConfig):
    """Woonoverlast files (Wet aanpak woonoverlast, art. 151d and 174a Gemeentewet; domain.md §5).

    Built through the core's registry alone: nothing outside this package names it except
    `INSTALLED_APPS` (tests/casework/test_only_installed_apps.py proves it).
    """

    name = "casework.woonoverlast"
    label = "woonoverlast"
    verbose_name = _("Woonoverlast")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from casework.woonoverlast import reasons
        reasons.register()  # the reasons it records, in words on the audit screens
        from casework import registry
        from casework.woonoverlast import workflow  # noqa: F401 - registers the workflow with the transition engine
        from casework.woonoverlast.casetype import SPEC

        registry.register(SPEC)
        _register_bench_page()


def _register_bench_page() -> None:
    """The overview list joins the pages `manage.py bench` drives (casework/bench/pages.py)."""
    from django.urls import reverse

    from casework.bench.pages import BenchPage, register

    register(BenchPage("woonoverlast overview", "handhaver",
                       lambda sample: sample.get(reverse("casework:woonoverlast_overview"))))
    # a team lead's organisation may hold every file (seed_scale: all N); counted to 10,000 (ADR 0050)
    register(BenchPage("woonoverlast overview team lead", "teamleider",
                       lambda sample: sample.get(reverse("casework:woonoverlast_overview"))))
    register(BenchPage("woonoverlast overview csv", "handhaver",
                       lambda sample: sample.get(reverse("casework:woonoverlast_overview_csv"))))
