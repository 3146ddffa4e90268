"""A single sign-on session: what it keeps, its periodic re-check at the IdP, and the IdP logout URL.

The session keeps the provider, the subject, the time of the last check and the tokens, sealed
(accounts/sealing.py). At most every `recheck_minutes` a request triggers a server-side check:
the refresh-token grant (when the IdP issued a refresh token) and userinfo with the access token,
which must name the same subject. Any refusal, and an unreachable IdP, ends the session (fail
closed): an account disabled or deleted at the IdP loses access within that interval.
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from accounts import sealing
from accounts.models import IdentityProvider
from accounts.sso import discovery, tokens

SESSION_KEY = "accounts_sso"


def now() -> float:
    """The clock of the re-check (tests move it instead of sleeping)."""
    return time.time()


def start(request: HttpRequest, *, provider: IdentityProvider, subject: str, user_id: object,
          token_set: dict[str, str]) -> None:
    request.session[SESSION_KEY] = {
        "provider": str(provider.pk), "subject": subject, "checked_at": now(),
        "interval": provider.recheck_minutes * 60,
        "tokens": tokens.seal_tokens(token_set, user_id=user_id),
    }


class RecheckRefused(Exception):
    pass


def _refresh(provider: IdentityProvider, found: discovery.Endpoints, token_set: dict[str, str]) -> dict[str, str]:
    response = requests.post(found.token, timeout=settings.OIDC_TIMEOUT, data={
        "grant_type": "refresh_token", "refresh_token": token_set["refresh_token"],
        "client_id": provider.client_id, "client_secret": provider.client_secret,
    })
    if response.status_code != 200:
        raise RecheckRefused(f"refresh token refused ({response.status_code})")
    answer = response.json()
    return {"access_token": answer.get("access_token") or "", "id_token": answer.get("id_token") or
            token_set.get("id_token", ""), "refresh_token": answer.get("refresh_token") or token_set["refresh_token"]}


def _userinfo_subject(found: discovery.Endpoints, access_token: str) -> str:
    response = requests.get(found.userinfo, timeout=settings.OIDC_TIMEOUT,
                            headers={"Authorization": f"Bearer {access_token}"})
    if response.status_code != 200:
        raise RecheckRefused(f"userinfo refused ({response.status_code})")
    return str(response.json().get("sub") or "")


def _check(data: dict[str, Any], user_id: object) -> dict[str, str]:
    provider = IdentityProvider.objects.filter(pk=data["provider"], enabled=True).first()
    if provider is None:
        raise RecheckRefused("identity provider disabled")
    try:
        found = discovery.endpoints(provider)
        token_set = tokens.open_tokens(data["tokens"], user_id=user_id)
        if token_set.get("refresh_token"):
            token_set = _refresh(provider, found, token_set)
        if _userinfo_subject(found, token_set["access_token"]) != data["subject"]:
            raise RecheckRefused("userinfo names another subject")
    except (discovery.DiscoveryError, requests.RequestException, ValueError, KeyError,
            sealing.SealedValueUnavailable) as exc:
        raise RecheckRefused(f"identity provider unavailable ({type(exc).__name__})") from exc
    return token_set


def recheck_due(request: HttpRequest) -> bool:
    """Without a query: the interval is the provider's at login (a shorter one applies from the next login)."""
    data = request.session.get(SESSION_KEY)
    if not data:
        return False
    return now() - float(data["checked_at"]) >= float(data["interval"])


def recheck(request: HttpRequest) -> None:
    """Ask the IdP whether the session's account is still good; RecheckRefused when it is not."""
    data = dict(request.session[SESSION_KEY])
    token_set = _check(data, request.user.pk)
    data["tokens"] = tokens.seal_tokens(token_set, user_id=request.user.pk)
    data["checked_at"] = now()
    request.session[SESSION_KEY] = data


def end_session_url(request: HttpRequest) -> str:
    """The IdP's RP-initiated logout URL for this session ("" when not a single sign-on session or none offered).

    Also mozilla-django-oidc's OIDC_OP_LOGOUT_URL_METHOD.
    """
    data = request.session.get(SESSION_KEY)
    if not data:
        return ""
    provider = IdentityProvider.objects.filter(pk=data["provider"]).first()
    if provider is None:
        return ""
    try:
        found = discovery.endpoints(provider)
        token_set = tokens.open_tokens(data["tokens"], user_id=request.user.pk)
    except (discovery.DiscoveryError, sealing.SealedValueUnavailable, ValueError):
        return ""
    if not found.end_session:
        return ""
    query = urlencode({"id_token_hint": token_set.get("id_token", ""), "client_id": provider.client_id,
                       "post_logout_redirect_uri": request.build_absolute_uri(reverse("accounts:login"))})
    return f"{found.end_session}?{query}"
