"""Park enforcement web URLs (namespace `casework`, included through the registry by casework/urls.py).

Read pages (views/read.py): park_overview (/park/), park_overview_csv, park_deadlines,
park_object_detail, park_photo_download (an audited export).
Object dossier actions (views/objects.py): park_object_create, park_occupant_create,
park_occupant_leave, park_tolerance_create, park_tolerance_end.
BRP residence check (views/residence.py): park_residence_check_create.
File actions (views/actions.py): park_file_open, park_step (imposing the approved order is the
last_onder_dwangsom step), park_order_approval_decide, and the child rows of ACTIONS:
park_inspection_create, park_order_create (draft + four-eyes request), park_announcement_create,
park_objection_create, park_objection_update, park_appeal_create, park_appeal_update,
park_forfeiture_create, park_forfeiture_expire, park_limitation_event_create,
park_collection_intention_create, park_collection_request_create,
park_collection_decision_create, park_payment_create.
Views that concern one case take it as `case_id` (the audit middleware reads it).
"""

from django.urls import path

from casework.park.web.views import actions, objects, read, residence

CASE = "cases/<uuid:case_id>/park/"
OBJECT = "park/objects/<uuid:object_id>/"

urlpatterns: list = [
    path("park/", read.overview_page, name="park_overview"),
    path("park/export.csv", read.overview_csv, name="park_overview_csv"),
    path("park/deadlines/", read.deadlines, name="park_deadlines"),
    path("park/files/new/", actions.file_open, name="park_file_open"),
    path("park/objects/new/", objects.object_create, name="park_object_create"),
    path(OBJECT, read.object_detail, name="park_object_detail"),
    path(f"{OBJECT}occupants/new/", objects.occupant_create, name="park_occupant_create"),
    path(f"{OBJECT}occupants/<uuid:occupant_id>/leave/", objects.occupant_leave, name="park_occupant_leave"),
    path(f"{OBJECT}residence/new/", residence.residence_check_create, name="park_residence_check_create"),
    path(f"{OBJECT}tolerance/new/", objects.tolerance_create, name="park_tolerance_create"),
    path(f"{OBJECT}tolerance/<uuid:decision_id>/end/", objects.tolerance_end, name="park_tolerance_end"),
    path(f"{CASE}transition/<str:target>/", actions.step, name="park_step"),
    path(f"{CASE}photos/<uuid:photo_id>/", read.photo_download, name="park_photo_download"),
    path(f"{CASE}approval/<uuid:approval_id>/", actions.approval_decide, name="park_order_approval_decide"),
    *[path(f"{CASE}{route}", actions.child_view(kind), name=f"park_{kind}")
      for kind, route in actions.ROUTES.items()],
]
