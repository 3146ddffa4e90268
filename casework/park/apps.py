from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParkConfig(AppConfig):
    """Holiday-park enforcement files (Rhederlaagse Meren): its own app so migrations live in casework/park/."""

    name = "casework.park"
    label = "park"
    verbose_name = _("Holiday-park enforcement")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from casework.park import reasons
        reasons.register()  # the reasons it records, in words on the audit screens
        from casework import registry
        from casework.park import workflow  # noqa: F401 - registers the workflow with the transition engine
        from casework.park.casetype import SPEC

        registry.register(SPEC)
        _register_bench_pages()


def _register_bench_pages() -> None:
    """The park overview and its CSV join the pages `manage.py bench` drives (casework/bench/pages.py); the deadline
    overview is there as every type's."""
    from django.urls import reverse

    from casework.bench.pages import BenchPage, register

    register(BenchPage("park overview", "handhaver", lambda sample: sample.get(reverse("casework:park_overview"))))
    # a team lead's organisation may hold every file (seed_scale: a fifth of N, over 40,000 objects)
    register(BenchPage("park overview team lead", "teamleider",
                       lambda sample: sample.get(reverse("casework:park_overview"))))
    register(BenchPage("park overview csv", "handhaver",
                       lambda sample: sample.get(reverse("casework:park_overview_csv"))))
