"""Authentication that needs both factors at once.

The login form asks for username, password and the current TOTP code together, and this backend
accepts the user only when both match. A wrong code therefore counts as a failed login for
django-axes (Django sends `user_login_failed` when every backend returns None), and no session
ever exists that passed the password but not the second factor.

PasswordAndPasskeyBackend is the same with a passkey's signature instead of the code
(accounts/passkeys.py, docs/adr/0036): the login page fetched a challenge, the browser signed it,
and the form carries the signature with the password.

A user of an organisation that logs in through single sign-on (accounts/sso/) is refused here once
the password matched, with the reason noted for the audit trail and the login page.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest
from django_otp import match_token

from accounts import passkeys
from accounts.models import role_in_sql
from accounts.signals import LOGIN_REFUSAL_ATTR
from accounts.sso.services import local_login_refused


def signed_in_user(user_id: Any) -> Any:
    """The user of a session, with the organisation every audit event names and the role every page checks
    read in the same query."""
    model = get_user_model()
    try:
        user = model._default_manager.select_related("organisation").annotate(
            role_of_session=role_in_sql()).get(pk=user_id)
    except model.DoesNotExist:
        return None
    user.__dict__["role"] = user.role_of_session  # User.role is a cached_property: its value for this request
    return user


class PasswordAndTOTPBackend(ModelBackend):
    def get_user(self, user_id: Any) -> Any:
        user = signed_in_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None

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
        user = self._password_user(request, username, password, **kwargs)
        if user is None:
            return None
        device = match_token(user, otp_token.strip().replace(" ", ""))
        if device is None:
            return None
        user.otp_device = device
        return user

    def _password_user(self, request: HttpRequest | None, username: str | None, password: str | None,
                       **kwargs: Any) -> Any:
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            return None
        if local_login_refused(user):
            # Right password, but the organisation logs in through its identity provider only.
            if request is not None:
                setattr(request, LOGIN_REFUSAL_ATTR, ("local login refused: organisation uses single sign-on",
                                                      user.pk))
            return None
        return user


class PasswordAndPasskeyBackend(PasswordAndTOTPBackend):
    """Password and a passkey's signature of the challenge this session fetched, at once."""

    def authenticate(  # type: ignore[override]
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        passkey_assertion: str | None = None,
        **kwargs: Any,
    ):
        if not passkey_assertion or request is None:
            return None
        # Taken before anything else: a challenge is good for one try, whatever its outcome.
        challenge = passkeys.challenge_take(request.session, passkeys.LOGIN_KEY)
        user = self._password_user(request, username, password, **kwargs)
        if user is None:
            return None
        device = passkeys.passkey_verify(user=user, response=passkey_assertion, challenge=challenge,
                                         rp=passkeys.relying_party(request))
        if device is None:
            return None
        user.otp_device = device
        return user
