"""Documents of a case in the API (namespace `api`, included by casework/api/urls.py under `cases/<id>`)."""

from django.urls import path

from casework.documents.api import views

CASE = "cases/<uuid:case_id>"
DOCUMENT = f"{CASE}/documents/<uuid:document_id>"

urlpatterns = [
    path(f"{CASE}/documents", views.DocumentList.as_view(), name="documents"),
    path(DOCUMENT, views.DocumentDetail.as_view(), name="document"),
    path(f"{DOCUMENT}/versions", views.DocumentVersionCreate.as_view(), name="document_versions"),
    path(f"{DOCUMENT}/versions/<int:number>/content", views.DocumentContent.as_view(), name="document_content"),
    path(f"{DOCUMENT}/withdrawal", views.DocumentWithdrawal.as_view(), name="document_withdrawal"),
]
