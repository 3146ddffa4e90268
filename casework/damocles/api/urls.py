"""URLs of the Damocles API, mounted under `/api/v1/damocles` by casework/api/urls.py through the
registry's `api_urls` (no trailing slashes: docs/adr/0010-api-rules.md).

Views about one procedure take it as `case_id` (audit.middleware reads that name for 403 events).
"""

from django.urls import path

from casework.damocles.api.views import procedures, tracks

ONE = "cases/<uuid:case_id>"

urlpatterns = [
    path("cases", procedures.ProcedureList.as_view(), name="damocles_list"),
    path(ONE, procedures.ProcedureDetail.as_view(), name="damocles_detail"),
    path(f"{ONE}/transitions", procedures.ProcedureTransitions.as_view(), name="damocles_transitions"),
    path(f"{ONE}/assessment", tracks.Assessment.as_view(), name="damocles_assessment"),
    path(f"{ONE}/approvals", tracks.Approvals.as_view(), name="damocles_approvals"),
    path(f"{ONE}/approvals/<uuid:approval_id>/decision", tracks.ApprovalDecision.as_view(),
         name="damocles_approval_decision"),
    path(f"{ONE}/closure-registration", tracks.ClosureRegistration.as_view(), name="damocles_closure_registration"),
    path(f"{ONE}/announcements", tracks.Announcements.as_view(), name="damocles_announcements"),
    path(f"{ONE}/objections", tracks.Objections.as_view(), name="damocles_objections"),
    path(f"{ONE}/objections/<uuid:objection_id>", tracks.ObjectionDetail.as_view(), name="damocles_objection"),
    path(f"{ONE}/interim-reliefs", tracks.InterimReliefs.as_view(), name="damocles_interim_reliefs"),
    path(f"{ONE}/interim-reliefs/<uuid:relief_id>", tracks.InterimReliefDetail.as_view(),
         name="damocles_interim_relief"),
]
