from django.urls import path

from audit import views

app_name = "audit"

urlpatterns = [
    path("", views.search, name="search"),
    path("subjects/", views.user_subjects, name="user_subjects"),
    path("events/<int:sequence>/", views.event_detail, name="event_detail"),
    path("status/", views.chain_status, name="status"),
    path("export/<slug:fmt>/", views.export, name="export"),
]
