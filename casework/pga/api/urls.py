"""PGA API URLs (namespace `api`), mounted under `/api/v1/pga` through the registry by casework/api/urls.py
(no trailing slashes: docs/adr/0010-api-rules.md).

Views about one case take it as `case_id` (audit.middleware reads that name for 403 events).
"""

from django.urls import path

from casework.pga.api.views import cases, conferences, monitoring, partners, plan

CASE = "cases/<uuid:case_id>"

urlpatterns = [
    path("cases", cases.CaseList.as_view(), name="pga_case_list"),
    path(CASE, cases.CaseDetail.as_view(), name="pga_case_detail"),
    path(f"{CASE}/transitions", cases.Transitions.as_view(), name="transitions"),
    path(f"{CASE}/conferences", conferences.ConferenceList.as_view(), name="conference_list"),
    path(f"{CASE}/conferences/<uuid:conference_id>", conferences.ConferenceDetail.as_view(),
         name="conference_detail"),
    path(f"{CASE}/agreements", conferences.AgreementList.as_view(), name="agreement_list"),
    path(f"{CASE}/agreements/<uuid:agreement_id>", conferences.AgreementDetail.as_view(),
         name="agreement_detail"),
    path(f"{CASE}/partner-contributions", partners.PartnerContributionList.as_view(),
         name="partner_contribution_list"),
    path(f"{CASE}/partner-contributions/<uuid:contribution_id>", partners.PartnerContributionDetail.as_view(),
         name="partner_contribution_detail"),
    path(f"{CASE}/agreements/<uuid:agreement_id>/notes", monitoring.AgreementNotes.as_view(), name="agreement_notes"),
    path(f"{CASE}/self-reliance", monitoring.Measurements.as_view(), name="self_reliance"),
    path(f"{CASE}/plan", plan.Plan.as_view(), name="plan"),
]
