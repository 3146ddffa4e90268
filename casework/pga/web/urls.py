"""PGA web URLs (namespace `casework`, included through the registry by casework/urls.py).

Names: referral_create, conference_create, conference_edit, agreement_create, agreement_update,
agreement_note_create, partner_agreement_done, partner_agreement_note, partner_contribution_review (a
chain partner's reports: casework/pga/web/partner_views.py), plan_update, measurement_create, escalation.
Views that concern one case take it as `case_id` (the audit middleware reads it).
"""

from django.urls import path

from casework.pga.web import partner_views, views

CASE = "cases/<uuid:case_id>/"

urlpatterns: list = [
    path("cases/pga/new/", views.referral_create, name="referral_create"),
    path(f"{CASE}conferences/new/", views.conference_create, name="conference_create"),
    path(f"{CASE}conferences/<uuid:conference_id>/", views.conference_edit, name="conference_edit"),
    path(f"{CASE}agreements/new/", views.agreement_create, name="agreement_create"),
    path(f"{CASE}agreements/<uuid:agreement_id>/", views.agreement_update_view, name="agreement_update"),
    path(f"{CASE}agreements/<uuid:agreement_id>/notes/new/", views.agreement_note_create, name="agreement_note_create"),
    path(f"{CASE}agreements/<uuid:agreement_id>/report-done/", partner_views.partner_agreement_done_view,
         name="partner_agreement_done"),
    path(f"{CASE}agreements/<uuid:agreement_id>/partner-notes/new/", partner_views.partner_agreement_note_view,
         name="partner_agreement_note"),
    path(f"{CASE}partner-reports/<uuid:contribution_id>/seen/", partner_views.partner_contribution_review_view,
         name="partner_contribution_review"),
    path(f"{CASE}plan/", views.plan_update_view, name="plan_update"),
    path(f"{CASE}self-reliance/new/", views.measurement_create, name="measurement_create"),
    path(f"{CASE}escalation/", views.escalation, name="escalation"),
]
