"""Request types for views behind the login middleware (accounts/middleware.py).

Every page and API view but the login and health endpoints runs behind `LoginRequiredMiddleware`
and the second-factor check, so `request.user` is a `User`, never `AnonymousUser`. Views annotate
their request as `AuthenticatedHttpRequest` (the pattern django-stubs recommends) instead of
narrowing `request.user` in each view.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    user: User
