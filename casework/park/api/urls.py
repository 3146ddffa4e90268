"""URLs of the park enforcement API, mounted under `/api/v1/park` through the registry by casework/api/urls.py
(no trailing slashes: docs/adr/0010-api-rules.md).

Views about one file take it as `case_id` (audit.middleware reads that name for 403 events).
"""

from django.urls import path

from casework.park.api.views import files, remedies, tracks

ONE = "cases/<uuid:case_id>"
INSPECTION = f"{ONE}/inspections/<uuid:inspection_id>"

urlpatterns = [
    path("cases", files.FileList.as_view(), name="park_list"),
    path("objects", files.ObjectList.as_view(), name="park_objects"),
    path(ONE, files.FileDetail.as_view(), name="park_detail"),
    path(f"{ONE}/transitions", files.FileTransitions.as_view(), name="park_transitions"),
    path(f"{ONE}/inspections", tracks.Inspections.as_view(), name="park_inspections"),
    path(f"{INSPECTION}/referral", tracks.Referral.as_view(), name="park_referral"),
    path(f"{INSPECTION}/damocles", tracks.DamoclesFromFinding.as_view(), name="park_damocles"),
    path(f"{ONE}/orders", tracks.Orders.as_view(), name="park_orders"),
    path(f"{ONE}/orders/<uuid:order_id>/approval", tracks.OrderApprovalDecision.as_view(),
         name="park_order_approval"),
    path(f"{ONE}/objections", remedies.Objections.as_view(), name="park_objections"),
    path(f"{ONE}/objections/<uuid:objection_id>", remedies.ObjectionDetail.as_view(), name="park_objection"),
    path(f"{ONE}/forfeitures", tracks.Forfeitures.as_view(), name="park_forfeitures"),
    path(f"{ONE}/forfeitures/<uuid:forfeiture_id>/expired", tracks.ForfeitureExpired.as_view(),
         name="park_forfeiture_expired"),
]
