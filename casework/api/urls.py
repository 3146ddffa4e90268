"""REST API v1 (`/api/v1/`, namespace `api`): the same services and permissions as the web UI.

Views about one case take it as `case_id` (audit.middleware reads that name for 403 events).
"""

from importlib import import_module

from django.urls import path

from casework import registry
from casework.api.auth import TokenCreateView, TokenLogoutView
from casework.api.views import docs, links, persons, shares

app_name = "api"

urlpatterns = [
    path("auth/token/", TokenCreateView.as_view(), name="token"),
    path("auth/logout/", TokenLogoutView.as_view(), name="logout"),
    path("cases/<uuid:case_id>/shares/", shares.ShareList.as_view(), name="share_list"),
    path("cases/<uuid:case_id>/shares/<uuid:share_id>/revoke/", shares.ShareRevoke.as_view(), name="share_revoke"),
    path("cases/<uuid:case_id>/links/", links.CaseLinks.as_view(), name="case_links"),
    path("persons/<uuid:person_id>/", persons.PersonDetail.as_view(), name="person_detail"),
    path("schema/", docs.SchemaView.as_view(), name="schema"),
    path("docs/", docs.SwaggerView.as_view(), name="docs"),
]
for _spec in registry.types():  # each case type's own resources (registry `api_urls`)
    if _spec.api_urls:
        urlpatterns += import_module(_spec.api_urls).urlpatterns
