"""REST API v1 (`/api/v1/`, namespace `api`): the same services and permissions as the web UI.

Views about one case take it as `case_id` (audit.middleware reads that name for 403 events).
"""

from django.urls import path

from casework.api.auth import TokenCreateView, TokenLogoutView
from casework.api.damocles_urls import damocles_urlpatterns
from casework.api.park_urls import park_urlpatterns
from casework.api.views import cases, conferences, docs, persons, plan, shares

app_name = "api"

urlpatterns = [
    path("auth/token/", TokenCreateView.as_view(), name="token"),
    path("auth/logout/", TokenLogoutView.as_view(), name="logout"),
    path("cases/", cases.CaseList.as_view(), name="case_list"),
    path("cases/<uuid:case_id>/", cases.CaseDetail.as_view(), name="case_detail"),
    path("cases/<uuid:case_id>/transitions/", cases.Transitions.as_view(), name="transitions"),
    path("cases/<uuid:case_id>/conferences/", conferences.ConferenceList.as_view(), name="conference_list"),
    path("cases/<uuid:case_id>/conferences/<uuid:conference_id>/", conferences.ConferenceDetail.as_view(),
         name="conference_detail"),
    path("cases/<uuid:case_id>/agreements/", conferences.AgreementList.as_view(), name="agreement_list"),
    path("cases/<uuid:case_id>/agreements/<uuid:agreement_id>/", conferences.AgreementDetail.as_view(),
         name="agreement_detail"),
    path("cases/<uuid:case_id>/plan/", plan.Plan.as_view(), name="plan"),
    path("cases/<uuid:case_id>/shares/", shares.ShareList.as_view(), name="share_list"),
    path("cases/<uuid:case_id>/shares/<uuid:share_id>/revoke/", shares.ShareRevoke.as_view(), name="share_revoke"),
    path("persons/<uuid:person_id>/", persons.PersonDetail.as_view(), name="person_detail"),
    *damocles_urlpatterns,
    *park_urlpatterns,
    path("schema/", docs.SchemaView.as_view(), name="schema"),
    path("docs/", docs.SwaggerView.as_view(), name="docs"),
]
