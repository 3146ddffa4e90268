"""The endpoints of an identity provider, read from its discovery document."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import requests
from django.conf import settings
from django.core.cache import cache

from accounts.models import IdentityProvider

CACHE_SECONDS = 3600


class DiscoveryError(Exception):
    """The discovery document could not be read, or names another issuer."""


@dataclass(frozen=True)
class Endpoints:
    issuer: str
    authorization: str
    token: str
    userinfo: str
    jwks: str
    end_session: str  # "" when the provider offers no RP-initiated logout


def _fetch(url: str) -> dict:
    try:
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as exc:
        raise DiscoveryError(f"discovery document unavailable ({type(exc).__name__})") from exc
    if not isinstance(document, dict):
        raise DiscoveryError("discovery document is not an object")
    return document


def endpoints(provider: IdentityProvider) -> Endpoints:
    """The provider's endpoints; the document must name the configured issuer (OIDC Discovery 4.3)."""
    key = "sso-discovery:" + hashlib.sha256(provider.discovery_url.encode()).hexdigest()
    document = cache.get(key)
    if document is None:
        document = _fetch(provider.discovery_url)
        cache.set(key, document, CACHE_SECONDS)
    if document.get("issuer") != provider.issuer:
        raise DiscoveryError("discovery document names another issuer")
    try:
        return Endpoints(
            issuer=document["issuer"], authorization=document["authorization_endpoint"],
            token=document["token_endpoint"], userinfo=document["userinfo_endpoint"], jwks=document["jwks_uri"],
            end_session=document.get("end_session_endpoint") or "",
        )
    except KeyError as exc:
        raise DiscoveryError(f"discovery document lacks {exc.args[0]}") from exc
