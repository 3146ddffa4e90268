"""The project's URLs plus a view that fails with personal data in its locals and its message."""

from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from config.urls import handler403, handler404, handler500  # noqa: F401
from config.urls import urlpatterns as project_urlpatterns

PLANTED_BSN = "111222333"
PLANTED_NAME = "Jansen-Vertrouwelijk"


@csrf_exempt
def failing_view(request: HttpRequest) -> HttpResponse:
    person_name = PLANTED_NAME  # a local variable a naive error report would send along
    raise ValueError(f"could not store {person_name} with BSN {PLANTED_BSN}")


def dossier_then_fail(request: HttpRequest) -> HttpResponse:
    """Creates a dossier with its own data key, then fails before the transaction commits."""
    from django.db import transaction

    from encryption.keystore import datakey_create
    from tests.testapps.crypto.models import Dossier

    with transaction.atomic():
        Dossier(data_key_id=datakey_create().id, name="Nooit vastgelegd").save()
        raise RuntimeError("the dossier could not be completed")


urlpatterns = [
    *project_urlpatterns,
    path("test-ops/fail/", failing_view, name="test_ops_fail"),
    path("test-ops/dossier-then-fail/", dossier_then_fail, name="test_ops_dossier_then_fail"),
]
