from django.apps import AppConfig


class TestApp(AppConfig):
    """Small models and views used only by the test suite (installed when DJANGO_ENV=test)."""

    name = "tests.testapps.auditing"
    label = "testapp_auditing"
    default_auto_field = "django.db.models.BigAutoField"
