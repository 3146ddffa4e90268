"""URLs of the signals API, mounted under `/api/v1/signals` through the registry (no trailing slashes:
docs/adr/0010-api-rules.md). Views about one signal take it as `case_id`."""

from django.urls import path

from casework.signals.api import views

ONE = "cases/<uuid:case_id>"

urlpatterns = [
    path("cases", views.SignalList.as_view(), name="signals_list_api"),
    path(ONE, views.SignalDetail.as_view(), name="signals_detail"),
    path(f"{ONE}/triage", views.Triage.as_view(), name="signals_triage_api"),
]
