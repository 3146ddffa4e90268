"""URL patterns of the write actions; see casework/urls.py for the names other modules rely on."""

from django.urls import path

from casework.web import action_views, action_views_pga, action_views_sharing

CASE = "cases/<uuid:case_id>/"

urlpatterns: list = [
    path(f"{CASE}transition/<str:target>/", action_views.case_transition, name="case_transition"),
    path(f"{CASE}conferences/new/", action_views_pga.conference_create, name="conference_create"),
    path(f"{CASE}conferences/<uuid:conference_id>/", action_views_pga.conference_edit, name="conference_edit"),
    path(f"{CASE}agreements/new/", action_views_pga.agreement_create, name="agreement_create"),
    path(f"{CASE}agreements/<uuid:agreement_id>/", action_views_pga.agreement_update_view, name="agreement_update"),
    path(f"{CASE}plan/", action_views_pga.plan_update_view, name="plan_update"),
    path(f"{CASE}escalation/", action_views.escalation, name="escalation"),
    path(f"{CASE}handover/", action_views.handover, name="handover"),
    path(f"{CASE}shares/new/", action_views_sharing.share_create_view, name="share_create"),
    path(f"{CASE}shares/<uuid:share_id>/revoke/", action_views_sharing.share_revoke_view, name="share_revoke"),
    path(f"{CASE}break-glass/", action_views.break_glass, name="break_glass"),
]
