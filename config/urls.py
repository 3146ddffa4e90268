"""URL configuration. Every URL except login and static files needs a two-factor login
(accounts.middleware.RequireTwoFactorMiddleware)."""

from django.conf import settings
from django.urls import include, path

from accounts import accessibility
from casework.web.views import dashboard as dashboard_views

urlpatterns = [
    path("", dashboard_views.dashboard, name="dashboard"),
    path("accounts/", include("accounts.urls")),
    path("toegankelijkheid/", accessibility.statement, name="accessibility_statement"),
    path("privacy/audit/", include("audit.urls")),
    path("api/v1/", include("casework.api.urls")),
    path("", include("casework.urls")),
]

if settings.BENCH_BASELINE:  # `manage.py bench` only; `check --deploy` refuses it (casework/bench/)
    from casework.bench.baseline import baseline
    from casework.bench.pages import BASELINE_PATH

    urlpatterns.append(path(BASELINE_PATH.lstrip("/"), baseline, name="bench_baseline"))

handler400 = "config.errors.bad_request"
handler403 = "config.errors.permission_denied"
handler404 = "config.errors.page_not_found"
handler500 = "config.errors.server_error"
