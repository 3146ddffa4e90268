"""Documents pages (namespace `casework`, included by casework/urls.py): document_list (with the upload
form), document_detail (versions, a new version, withdrawal), document_download and document_preview."""

from django.urls import path

from casework.documents.web import views

CASE = "cases/<uuid:case_id>/documenten/"
DOCUMENT = f"{CASE}<uuid:document_id>/"

urlpatterns: list = [
    path(CASE, views.document_list, name="document_list"),
    path(DOCUMENT, views.document_detail, name="document_detail"),
    path(f"{DOCUMENT}versie/", views.version_add, name="document_version_add"),
    path(f"{DOCUMENT}intrekken/", views.withdraw, name="document_withdraw"),
    path(f"{DOCUMENT}versies/<int:number>/download/", views.download, name="document_download"),
    path(f"{DOCUMENT}versies/<int:number>/bekijken/", views.preview, name="document_preview"),
]
