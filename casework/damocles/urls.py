"""Damocles web URLs, included in casework/urls.py (namespace `casework`).

Names: damocles_register, damocles_deadlines, damocles_report_download, damocles_step,
damocles_assessment, damocles_approval_request, damocles_approval_decide, damocles_sealing,
damocles_announcement_create, damocles_objection_create, damocles_objection_update,
damocles_interim_relief_create, damocles_interim_relief_update, damocles_appeal_create,
damocles_appeal_update, damocles_policy_list, damocles_policy_detail, damocles_policy_create.
Views that concern one case take it as `case_id` (the audit middleware reads it). The letters and
figures pages have their own modules (views_letters, views_figures).
"""

from django.urls import path

from casework.damocles import views_actions, views_policy, views_read, views_register, views_tracks
from casework.damocles.urls_letters import urlpatterns as letter_urls

CASE = "cases/<uuid:case_id>/damocles/"

urlpatterns: list = [
    path("damocles/new/", views_register.procedure_create, name="damocles_register"),
    path("damocles/deadlines/", views_read.deadlines, name="damocles_deadlines"),
    path("damocles/policy/", views_policy.policy_list, name="damocles_policy_list"),
    path("damocles/policy/new/", views_policy.policy_create, name="damocles_policy_create"),
    path("damocles/policy/<int:version_id>/", views_policy.policy_detail, name="damocles_policy_detail"),
    path(f"{CASE}reports/<uuid:report_id>/document/", views_read.report_download, name="damocles_report_download"),
    path(f"{CASE}transition/<str:target>/", views_actions.step, name="damocles_step"),
    path(f"{CASE}assessment/", views_actions.assessment, name="damocles_assessment"),
    path(f"{CASE}approval/", views_actions.approval_request, name="damocles_approval_request"),
    path(f"{CASE}approval/<uuid:approval_id>/", views_actions.approval_decide_view, name="damocles_approval_decide"),
    path(f"{CASE}sealing/", views_actions.sealing, name="damocles_sealing"),
    path(f"{CASE}announcements/new/", views_tracks.announcement_create, name="damocles_announcement_create"),
    path(f"{CASE}objections/new/", views_tracks.objection_create, name="damocles_objection_create"),
    path(f"{CASE}objections/<uuid:objection_id>/", views_tracks.objection_update, name="damocles_objection_update"),
    path(f"{CASE}interim-relief/new/", views_tracks.interim_relief_create, name="damocles_interim_relief_create"),
    path(f"{CASE}interim-relief/<uuid:relief_id>/", views_tracks.interim_relief_update,
         name="damocles_interim_relief_update"),
    path(f"{CASE}appeals/new/", views_tracks.appeal_create, name="damocles_appeal_create"),
    path(f"{CASE}appeals/<uuid:appeal_id>/", views_tracks.appeal_update, name="damocles_appeal_update"),
    *letter_urls,
]
