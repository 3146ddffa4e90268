"""Session rules: two factors for every page, idle timeout and absolute lifetime.

Idle timeout: a session lives SESSION_IDLE_TIMEOUT seconds after it was last saved. A request of a
signed-in user renews it when the last renewal is SESSION_RENEW_SECONDS or more ago (not on every
request: that would write the session row on every page), so between 14 and 15 idle minutes end it,
never more. Absolute lifetime: the login time is kept in the session and a session older than
SESSION_ABSOLUTE_LIFETIME is ended here.
A deactivated user is logged out by Django itself: ModelBackend.get_user refuses inactive users.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

LOGIN_TIME_KEY = "accounts_login_time"
RENEWED_KEY = "accounts_renewed_at"

# Paths reachable without a verified login. Everything else needs both factors.
# The published OpenAPI document is public by rule (docs/adr/0010-api-rules.md).
PUBLIC_PREFIXES = ("/accounts/login/", "/static/", "/i18n/setlang/", "/api/v1/openapi.json", "/api/v1/openapi.yaml",
                   "/toegankelijkheid/")


def is_public_path(path: str) -> bool:
    return path.startswith(PUBLIC_PREFIXES)


def has_api_token(request: HttpRequest) -> bool:
    """The request names an API token (`Authorization: Token ...`)."""
    return request.META.get("HTTP_AUTHORIZATION", "").split(" ", 1)[0].lower() == "token"


class SessionLifetimeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            started = request.session.get(LOGIN_TIME_KEY)
            now = time.time()
            if started is None or now - float(started) > settings.SESSION_ABSOLUTE_LIFETIME:
                logout(request)
            elif now - float(request.session.get(RENEWED_KEY, 0)) >= settings.SESSION_RENEW_SECONDS:
                request.session[RENEWED_KEY] = now  # modified: saved with a new expiry after the response
        return self.get_response(request)


class RequireTwoFactorMiddleware:
    """Every page but the login page needs a user who passed password and TOTP in this session."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if is_public_path(request.path_info):
            return self.get_response(request)
        user = request.user
        if not user.is_authenticated or not user.is_verified():
            if user.is_authenticated:
                logout(request)
            if request.path_info.startswith("/api/"):
                if has_api_token(request):
                    # DRF's knox TokenAuthentication judges it (tokens are only issued to
                    # two-factor sessions: casework/api/auth.py); a bad token answers 401 there.
                    return self.get_response(request)
                return HttpResponse(status=401)
            return redirect_to_login(request.get_full_path())
        return self.get_response(request)
