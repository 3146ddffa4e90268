"""The core's case pages (namespace `casework`, included by casework/urls.py).

Names: case_list, case_search, case_detail, case_transition, handover, share_create, share_revoke,
break_glass. Views that concern one case take it as `case_id` (the audit middleware reads it).
"""

from django.urls import path

from casework.web.views import actions, cases, sharing

CASE = "cases/<uuid:case_id>/"

urlpatterns: list = [
    path("cases/", cases.case_list, name="case_list"),
    path("cases/search/", cases.case_search, name="case_search"),
    path(f"{CASE}", cases.case_detail, name="case_detail"),
    path(f"{CASE}transition/<str:target>/", actions.case_transition, name="case_transition"),
    path(f"{CASE}handover/", actions.handover, name="handover"),
    path(f"{CASE}shares/new/", sharing.share_create_view, name="share_create"),
    path(f"{CASE}shares/<uuid:share_id>/revoke/", sharing.share_revoke_view, name="share_revoke"),
    path(f"{CASE}break-glass/", actions.break_glass, name="break_glass"),
]
