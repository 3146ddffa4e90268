from django.apps import AppConfig


class ExampleTypeConfig(AppConfig):
    """A minimal case type that exists only in the test suite (installed when DJANGO_ENV=test).

    It proves that a case type plugs into the core through the registry alone: nothing in the
    core names it, yet its cases appear in the lists, timeline, inzage report, legal holds and
    retention (tests/casework/test_example_case_type.py). docs/adding-a-case-type.md walks through it.
    """

    name = "tests.testapps.exampletype"
    label = "exampletype"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from casework import registry
        from tests.testapps.exampletype import workflow  # noqa: F401 - registers the workflow
        from tests.testapps.exampletype.casetype import SPEC

        registry.register(SPEC)
