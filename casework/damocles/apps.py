from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DamoclesConfig(AppConfig):
    """Damocles procedures (art. 13b Opiumwet): its own app so migrations live in casework/damocles/."""

    name = "casework.damocles"
    label = "damocles"
    verbose_name = _("Damocles procedures")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from casework.damocles import reasons
        reasons.register()  # the reasons it records, in words on the audit screens
        from casework import registry
        from casework.damocles import workflow  # noqa: F401 - registers the workflow with the transition engine
        from casework.damocles.casetype import SPEC

        registry.register(SPEC)
        from casework.figures import stored

        # The figures page reads its numbers as last computed (ADR 0058); the nightly job computes them anew.
        stored.register(SPEC.code, "casework.damocles.selectors.figures.refresh_stored")
        _register_bench_page()


def _register_bench_page() -> None:
    """The figures page joins the pages `manage.py bench` drives (casework/bench/pages.py): a team lead's
    organisation may hold every procedure (seed_scale: a fifth of N; ADR 0052)."""
    from django.urls import reverse

    from casework.bench.pages import BenchPage, register

    register(BenchPage("damocles figures team lead", "teamleider",
                       lambda sample: sample.get(reverse("casework:damocles_figures"))))
