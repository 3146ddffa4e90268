"""Signal web URLs (namespace `casework`, included through the registry by casework/urls.py)."""

from django.urls import path

from casework.signals.web import views

urlpatterns: list = [
    path("signals/", views.signal_list, name="signals_list"),
    path("signals/new/", views.signal_create, name="signals_register"),
    path("cases/<uuid:case_id>/signals/triage/", views.signal_triage_page, name="signals_triage_page"),
    path("cases/<uuid:case_id>/signals/triage/<str:target>/", views.signal_triage_page, name="signals_triage"),
]
