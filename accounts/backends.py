"""Authentication that needs both factors at once.

The login form asks for username, password and the current TOTP code together, and this backend
accepts the user only when both match. A wrong code therefore counts as a failed login for
django-axes (Django sends `user_login_failed` when every backend returns None), and no session
ever exists that passed the password but not the second factor.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest
from django_otp import match_token


class PasswordAndTOTPBackend(ModelBackend):
    def authenticate(  # type: ignore[override]
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        otp_token: str | None = None,
        **kwargs: Any,
    ):
        if not otp_token:
            return None
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            return None
        device = match_token(user, otp_token.strip().replace(" ", ""))
        if device is None:
            return None
        user.otp_device = device
        return user
