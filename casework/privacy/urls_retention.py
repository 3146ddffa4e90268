"""Privacy URLs: retention (names start with privacy_retention)."""

from django.urls import path

from casework.privacy import views_retention as views

urlpatterns: list = [
    path("privacy/retention/", views.retention_overview, name="privacy_retention"),
    path("privacy/retention/periods/new/", views.retention_policy_create, name="privacy_retention_policy_create"),
    path("privacy/retention/holds/", views.retention_hold_create, name="privacy_retention_hold_create"),
    path("privacy/retention/holds/<uuid:hold_id>/lift/", views.retention_hold_lift, name="privacy_retention_hold_lift"),
    path("privacy/retention/batches/propose/", views.retention_batch_propose, name="privacy_retention_batch_propose"),
    path("privacy/retention/batches/<uuid:batch_id>/", views.retention_batch_detail, name="privacy_retention_batch"),
    path("privacy/retention/batches/<uuid:batch_id>/decide/", views.retention_batch_decide,
         name="privacy_retention_batch_decide"),
    path("privacy/retention/batches/<uuid:batch_id>/statement.pdf", views.retention_statement,
         name="privacy_retention_statement"),
    path("privacy/retention/batches/<uuid:batch_id>/draft.<str:fmt>", views.retention_batch_draft,
         name="privacy_retention_batch_draft"),
    path("privacy/retention/transfer.csv", views.retention_transfer_csv, name="privacy_retention_transfer_csv"),
]
