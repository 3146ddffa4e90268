from django.apps import AppConfig


class TestApp(AppConfig):
    """Small models and views used only by the test suite (installed when DJANGO_ENV=test)."""

    name = "tests.testapps.crypto"
    label = "testapp_crypto"
    default_auto_field = "django.db.models.BigAutoField"
