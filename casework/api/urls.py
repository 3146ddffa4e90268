"""REST API v1 (`/api/v1`, namespace `api`): the same services and permissions as the web UI.

The rules every path follows are decided in docs/adr/0010-api-rules.md: no trailing slash (the
slash form answers 404, never a redirect), kebab-case segments, the core's resources here and
each case type's own resources under `/api/v1/<code>` from its own `api/urls.py` (registry
`api_urls`), mounted by this module so no type names its own prefix. Views about one case take
it as `case_id` (audit.middleware reads that name for 403 events).
"""

from importlib import import_module

from django.urls import include, path

from casework import registry
from casework.api.auth import TokenCreateView, TokenLogoutView
from casework.api.views import brp, cases, docs, links, persons, shares
from casework.documents.api.urls import urlpatterns as document_urls

app_name = "api"

CASE = "cases/<uuid:case_id>"

urlpatterns = [
    path("openapi.json", docs.PublishedSchema.as_view(kind="json"), name="openapi_json"),
    path("openapi.yaml", docs.PublishedSchema.as_view(kind="yaml"), name="openapi_yaml"),
    path("docs", docs.SwaggerView.as_view(), name="docs"),
    path("schema", docs.SchemaView.as_view(), name="schema"),  # the live schema, for Swagger UI (login)
    path("auth/token", TokenCreateView.as_view(), name="token"),
    path("auth/logout", TokenLogoutView.as_view(), name="logout"),
    path("cases", cases.CaseList.as_view(), name="cases"),
    path(CASE, cases.CaseDetail.as_view(), name="case"),
    path(f"{CASE}/shares", shares.ShareList.as_view(), name="share_list"),
    path(f"{CASE}/shares/<uuid:share_id>/revocation", shares.ShareRevoke.as_view(), name="share_revoke"),
    path(f"{CASE}/links", links.CaseLinks.as_view(), name="case_links"),
    path("persons/<uuid:person_id>", persons.PersonDetail.as_view(), name="person_detail"),
    path("brp/person-lookup", brp.BrpPersonLookup.as_view(), name="brp_person_lookup"),
    *document_urls,
]
for _spec in registry.types():  # each case type's own resources (registry `api_urls`)
    if _spec.api_urls:
        urlpatterns.append(path(f"{_spec.code}/", include(import_module(_spec.api_urls).urlpatterns)))
