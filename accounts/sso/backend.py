"""mozilla-django-oidc's backend, given the organisation's identity provider instead of global settings.

The callback view puts the provider on the request (`request.sso_provider`); without one this
backend takes no part. Token exchange and JWKS retrieval are the library's; verification is ours
(accounts/sso/tokens.py) because the library checks neither issuer nor audience. A refusal is
noted on the request for the audit trail (accounts.signals.LOGIN_REFUSAL_ATTR) and the login page.
"""

from __future__ import annotations

from typing import Any

import requests
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from accounts import signals
from accounts.backends import signed_in_user
from accounts.models import IdentityProvider
from accounts.sso import discovery, tokens
from accounts.sso.services import LoginRefused, sso_login_user


class OrganisationOIDCBackend(OIDCAuthenticationBackend):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The library's __init__ reads one global provider from settings; ours is per organisation.
        self.UserModel = get_user_model()
        self.provider: IdentityProvider | None = None
        self.token_info: dict[str, Any] = {}

    def _configure(self, provider: IdentityProvider) -> None:
        found = discovery.endpoints(provider)
        self.provider = provider
        self.OIDC_OP_TOKEN_ENDPOINT = found.token
        self.OIDC_OP_USER_ENDPOINT = found.userinfo
        self.OIDC_OP_JWKS_ENDPOINT = found.jwks
        self.OIDC_RP_CLIENT_ID = provider.client_id
        self.OIDC_RP_CLIENT_SECRET = provider.client_secret
        self.OIDC_RP_SIGN_ALGO = "RS256"
        self.OIDC_RP_IDP_SIGN_KEY = None

    def authenticate(self, request: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        provider = getattr(request, "sso_provider", None) if request is not None else None
        if provider is None:
            return None
        try:
            self._configure(provider)
            return super().authenticate(request, **kwargs)
        except LoginRefused as exc:
            self._refuse(request, exc.code, exc.user)
        except discovery.DiscoveryError as exc:
            self._refuse(request, "provider", None, str(exc))
        except tokens.TokenRefused as exc:
            self._refuse(request, "token", None, str(exc))
        except (SuspiciousOperation, requests.RequestException, ValueError, KeyError) as exc:
            self._refuse(request, "token", None, type(exc).__name__)
        return None

    @staticmethod
    def _refuse(request: Any, code: str, user: Any, detail: str = "") -> None:
        request.sso_refusal = code
        reason = f"single sign-on: {code}" + (f" ({detail})" if detail else "")
        setattr(request, signals.LOGIN_REFUSAL_ATTR, (reason, user.pk if user is not None else ""))

    def get_token(self, payload: dict[str, Any]) -> dict[str, Any]:
        self.token_info = super().get_token(payload)
        return self.token_info

    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        assert self.provider is not None  # noqa: S101 - authenticate() configured it
        algorithm = tokens.header_algorithm(token)
        try:
            key = self.retrieve_matching_jwk(token)
        except (SuspiciousOperation, KeyError) as exc:
            raise tokens.TokenRefused("no matching key in the provider's JWKS") from exc
        return tokens.decode(token, key, algorithm=algorithm, issuer=self.provider.issuer,
                             client_id=self.provider.client_id, nonce=kwargs.get("nonce"))

    def store_tokens(self, access_token: str, id_token: str) -> None:
        """Kept on the request until the login is complete; the session stores them sealed (views)."""
        self.request.sso_tokens = {"access_token": access_token or "", "id_token": id_token or "",
                                   "refresh_token": str(self.token_info.get("refresh_token") or "")}

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        assert self.provider is not None  # noqa: S101
        userinfo = self.get_userinfo(access_token, id_token, payload)
        if not isinstance(userinfo, dict) or userinfo.get("sub") != payload["sub"]:
            raise tokens.TokenRefused("userinfo names another subject")
        claims = {**userinfo, **payload}  # the signed ID token wins (iss, sub, acr, amr)
        user = sso_login_user(provider=self.provider, claims=claims)
        self.request.sso_subject = payload["sub"]
        return user

    def get_user(self, user_id: Any) -> Any:
        user = signed_in_user(user_id)
        return user if user is not None and user.is_active else None
