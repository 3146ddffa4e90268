"""URLs of the park enforcement API (`/api/v1/park/...`), included by casework/api/urls.py.

Views about one file take it as `case_id` (audit.middleware reads that name for 403 events).
"""

from django.urls import path

from casework.api import park_track_views as tracks
from casework.api import park_views as files

ONE = "park/<uuid:case_id>/"
INSPECTION = f"{ONE}inspections/<uuid:inspection_id>/"

urlpatterns = [
    path("park/", files.FileList.as_view(), name="park_list"),
    path("park/objects/", files.ObjectList.as_view(), name="park_objects"),
    path(ONE, files.FileDetail.as_view(), name="park_detail"),
    path(f"{ONE}transitions/", files.FileTransitions.as_view(), name="park_transitions"),
    path(f"{ONE}inspections/", tracks.Inspections.as_view(), name="park_inspections"),
    path(f"{INSPECTION}referral/", tracks.Referral.as_view(), name="park_referral"),
    path(f"{INSPECTION}damocles/", tracks.DamoclesFromFinding.as_view(), name="park_damocles"),
    path(f"{ONE}orders/", tracks.Orders.as_view(), name="park_orders"),
    path(f"{ONE}orders/<uuid:order_id>/approval/", tracks.OrderApprovalDecision.as_view(),
         name="park_order_approval"),
    path(f"{ONE}forfeitures/", tracks.Forfeitures.as_view(), name="park_forfeitures"),
    path(f"{ONE}forfeitures/<uuid:forfeiture_id>/expired/", tracks.ForfeitureExpired.as_view(),
         name="park_forfeiture_expired"),
]
