"""URL patterns of the write actions; see casework/urls.py for the names other modules rely on."""

from django.urls import path

from casework.web import action_views, action_views_sharing

CASE = "cases/<uuid:case_id>/"

urlpatterns: list = [
    path(f"{CASE}transition/<str:target>/", action_views.case_transition, name="case_transition"),
    path(f"{CASE}handover/", action_views.handover, name="handover"),
    path(f"{CASE}shares/new/", action_views_sharing.share_create_view, name="share_create"),
    path(f"{CASE}shares/<uuid:share_id>/revoke/", action_views_sharing.share_revoke_view, name="share_revoke"),
    path(f"{CASE}break-glass/", action_views.break_glass, name="break_glass"),
]
