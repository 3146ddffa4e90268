"""OpenAPI schema and Swagger UI, for logged-in users only (pitfall 7: drf-spectacular serves the
schema publicly by default), working under the strict CSP.

drf-spectacular's plain Swagger view renders its init script inline, and its template carries an
inline <style>; the split view serves the init script as a separate file, and our template
(templates/casework/api/swagger_ui.html) drops the inline style. Assets come from
drf-spectacular-sidecar (no CDN).
"""

from __future__ import annotations

from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import IsAuthenticated

from casework.api.auth import API_AUTHENTICATION


class SchemaView(SpectacularAPIView):
    authentication_classes = API_AUTHENTICATION
    permission_classes = (IsAuthenticated,)


class SwaggerView(SpectacularSwaggerSplitView):
    authentication_classes = API_AUTHENTICATION
    permission_classes = (IsAuthenticated,)
    template_name = "casework/api/swagger_ui.html"
    url_name = "api:schema"
