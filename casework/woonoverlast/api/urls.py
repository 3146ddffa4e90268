"""URLs of the woonoverlast API, mounted under `/api/v1/woonoverlast` through the registry (no
trailing slashes: docs/adr/0010-api-rules.md). Views about one file take it as `case_id`."""

from django.urls import path

from casework.woonoverlast.api import collection, views

ONE = "cases/<uuid:case_id>"

urlpatterns = [
    path("cases", views.FileList.as_view(), name="woonoverlast_list"),
    path(ONE, views.FileDetail.as_view(), name="woonoverlast_detail"),
    path(f"{ONE}/transitions", views.Transitions.as_view(), name="woonoverlast_transitions"),
    path(f"{ONE}/reports", views.Reports.as_view(), name="woonoverlast_reports"),
    path(f"{ONE}/interventions", views.Interventions.as_view(), name="woonoverlast_interventions"),
    path(f"{ONE}/decisions", views.Decisions.as_view(), name="woonoverlast_decisions"),
    path(f"{ONE}/orders", views.Orders.as_view(), name="woonoverlast_orders"),
    path(f"{ONE}/closures/<uuid:closure_id>/extensions", views.Extensions.as_view(),
         name="woonoverlast_extensions"),
    path(f"{ONE}/closures/<uuid:closure_id>/cost-recovery", views.CostRecovery.as_view(),
         name="woonoverlast_cost_recovery"),
    path(f"{ONE}/forfeitures", collection.Forfeitures.as_view(), name="woonoverlast_forfeitures"),
    path(f"{ONE}/forfeitures/<uuid:forfeiture_id>/payments", collection.Payments.as_view(),
         name="woonoverlast_payments"),
    path(f"{ONE}/collection-intentions", collection.CollectionIntentions.as_view(),
         name="woonoverlast_collection_intentions"),
    path(f"{ONE}/collection-requests", collection.CollectionRequests.as_view(),
         name="woonoverlast_collection_requests"),
    path(f"{ONE}/collection-decisions", collection.CollectionDecisions.as_view(),
         name="woonoverlast_collection_decisions"),
    path(f"{ONE}/extensions/<uuid:extension_id>/decision", views.ExtensionDecision.as_view(),
         name="woonoverlast_extension_decision"),
]
