"""Privacy URLs: the inzage report and the data-subject requests (names start with privacy_)."""

from django.urls import path

from casework.privacy import views_requests as views

urlpatterns: list = [
    path("privacy/inzage/", views.inzage_view, name="privacy_inzage"),
    path("privacy/inzage/review/", views.inzage_review_view, name="privacy_inzage_review"),
    path("privacy/inzage/pdf/", views.inzage_pdf_view, name="privacy_inzage_pdf"),
    path("privacy/requests/", views.request_list, name="privacy_requests"),
    path("privacy/requests/new/", views.request_create, name="privacy_request_create"),
    path("privacy/requests/<uuid:request_id>/", views.request_detail, name="privacy_request_detail"),
    path("privacy/requests/<uuid:request_id>/edit/", views.request_update, name="privacy_request_update"),
    path("privacy/requests/<uuid:request_id>/extend/", views.request_extend, name="privacy_request_extend"),
    path("privacy/requests/<uuid:request_id>/decide/", views.request_decide, name="privacy_request_decide"),
    path("privacy/requests/<uuid:request_id>/lift/", views.request_lift, name="privacy_request_lift"),
    path("privacy/requests/<uuid:request_id>/status/", views.request_status, name="privacy_request_status"),
]
