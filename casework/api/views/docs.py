"""The OpenAPI document and Swagger UI (docs/adr/0010-api-rules.md).

- `/api/v1/openapi.json` and `/api/v1/openapi.yaml`: the published document, readable without
  authentication (Logius /core/publish-openapi) and from any origin
  (`Access-Control-Allow-Origin: *` on these two resources only). It is a file generated at build
  time (`make openapi`, casework/api/openapi.py) and served as is, so what is published does not
  depend on the database or on who asks; tests/casework/api/test_openapi.py asserts it equals the
  live schema.
- `/api/v1/schema` (the live schema) and `/api/v1/docs` (Swagger UI): logged-in users only
  (pitfall 7: drf-spectacular serves the schema publicly by default), under the strict CSP.
  drf-spectacular's plain Swagger view renders its init script inline, and its template carries
  an inline <style>; the split view serves the init script as a separate file, and our template
  (templates/casework/api/swagger_ui.html) drops the inline style. Assets come from
  drf-spectacular-sidecar (no CDN).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.views import View
from drf_spectacular.utils import extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import IsAuthenticated

from casework.api.auth import API_AUTHENTICATION
from casework.api.openapi import MEDIA_TYPES, published_path


class PublishedSchema(View):
    """The generated document, for anyone (GET and HEAD only; other methods answer 405)."""

    kind = "json"
    http_method_names = ["get", "head", "options"]

    def get(self, request: HttpRequest) -> HttpResponse:
        response = HttpResponse(published_path(self.kind).read_bytes(), content_type=MEDIA_TYPES[self.kind])
        response["Access-Control-Allow-Origin"] = "*"
        response["Cache-Control"] = "public, max-age=300"  # the same for everyone: no personal data
        return response

    def options(self, request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        response = super().options(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response


@extend_schema_view(get=extend_schema(exclude=True))
class SchemaView(SpectacularAPIView):
    authentication_classes = API_AUTHENTICATION
    permission_classes = (IsAuthenticated,)


class SwaggerView(SpectacularSwaggerSplitView):
    authentication_classes = API_AUTHENTICATION
    permission_classes = (IsAuthenticated,)
    template_name = "casework/api/swagger_ui.html"
    url_name = "api:schema"
