"""URL patterns; see casework/urls.py for the names other modules rely on."""

from django.urls import path

from casework.privacy import views

urlpatterns: list = [
    path("privacy/subjects/", views.subject_search_view, name="privacy_subject_search"),
]
