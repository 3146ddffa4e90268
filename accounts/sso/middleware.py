"""The periodic re-check of single sign-on sessions, for pages, htmx and API requests alike.

Placed after the session-lifetime middleware and before the two-factor middleware. When the IdP
refuses, the session ends (audited), the user's API tokens are revoked (they were issued to such
a session), and the request is answered as an expired session: 401 for /api/, 401 with
`HX-Redirect` for htmx, a redirect to the login page otherwise.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from knox.models import AuthToken

from accounts import signals
from accounts.models import User
from accounts.sso import session


class SingleSignOnRecheckMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and session.recheck_due(request):
            try:
                session.recheck(request)
            except session.RecheckRefused as exc:
                return self._end(request, str(exc))
        return self.get_response(request)

    @staticmethod
    def _end(request: HttpRequest, reason: str) -> HttpResponse:
        user = request.user
        signals.sso_session_refused.send(sender=User, user=user, reason=reason)
        AuthToken.objects.filter(user=user).delete()
        logout(request)
        if request.path_info.startswith("/api/"):
            return HttpResponse(status=401)
        if request.headers.get("HX-Request") == "true":
            return HttpResponse(status=401, headers={"HX-Redirect": resolve_url("accounts:login")})
        return redirect_to_login(request.get_full_path())
