"""URL patterns; see casework/urls.py for the names other modules rely on."""

from django.urls import path

from casework.web import case_views, read_views

urlpatterns: list = [
    path("cases/", read_views.case_list, name="case_list"),
    path("cases/search/", read_views.case_search, name="case_search"),
    path("cases/<uuid:case_id>/", case_views.case_detail, name="case_detail"),
]
