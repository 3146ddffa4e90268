"""URL configuration. Every URL except login and static files needs a two-factor login
(accounts.middleware.RequireTwoFactorMiddleware)."""

from django.urls import include, path

from casework.web.views import dashboard as dashboard_views

urlpatterns = [
    path("", dashboard_views.dashboard, name="dashboard"),
    path("accounts/", include("accounts.urls")),
    path("privacy/audit/", include("audit.urls")),
    path("api/v1/", include("casework.api.urls")),
    path("", include("casework.urls")),
]

handler403 = "config.errors.permission_denied"
handler404 = "config.errors.page_not_found"
handler500 = "config.errors.server_error"
