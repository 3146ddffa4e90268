"""The project's URLs plus test-only views (use with @pytest.mark.urls("tests.testapps.auditing.urls"))."""

from django.urls import path

from config.urls import handler403, handler404, handler500  # noqa: F401
from config.urls import urlpatterns as project_urlpatterns

from . import views

urlpatterns = [
    *project_urlpatterns,
    path("test-audit/people/", views.person_list, name="test_person_list"),
    path("test-audit/people/<uuid:person_id>/", views.person_detail, name="test_person_detail"),
    path("test-audit/people/<uuid:person_id>/rollback/", views.person_detail_rolled_back,
         name="test_person_rollback"),
    path("test-audit/notes/<uuid:note_id>/", views.note_edit, name="test_note_edit"),
]
