"""Verifying an ID token, and the tokens a session keeps (sealed) for its re-check and logout."""

from __future__ import annotations

import base64
import json
from typing import Any

import jwt

from accounts import sealing

# Asymmetric signatures only: `none` and HS* (keyed with the client secret, which the IdP shares
# with every holder of that secret) are refused before any key is looked at.
ALLOWED_ALGORITHMS = ("RS256", "ES256")
REQUIRED_CLAIMS = ["iss", "aud", "exp", "iat", "sub"]
LEEWAY_SECONDS = 30


class TokenRefused(Exception):
    """The ID token is not acceptable (alg, signature, iss, aud, exp or nonce)."""


def header_algorithm(token: str) -> str:
    try:
        algorithm = jwt.get_unverified_header(token).get("alg")
    except jwt.PyJWTError as exc:
        raise TokenRefused("malformed token") from exc
    if algorithm not in ALLOWED_ALGORITHMS:
        raise TokenRefused(f"algorithm {algorithm!r} not accepted")
    return str(algorithm)


def decode(token: str, key: Any, *, algorithm: str, issuer: str, client_id: str, nonce: str | None) -> dict:
    """The verified claims: signature by `key`, issuer, audience (and azp), expiry, nonce."""
    try:
        claims = jwt.decode(token, key, algorithms=[algorithm], audience=client_id, issuer=issuer,
                            leeway=LEEWAY_SECONDS, options={"require": REQUIRED_CLAIMS})
    except jwt.ExpiredSignatureError as exc:
        raise TokenRefused("token expired") from exc
    except jwt.InvalidAudienceError as exc:
        raise TokenRefused("wrong audience") from exc
    except jwt.InvalidIssuerError as exc:
        raise TokenRefused("wrong issuer") from exc
    except jwt.PyJWTError as exc:
        raise TokenRefused(f"token invalid ({type(exc).__name__})") from exc
    audience = claims["aud"]
    if isinstance(audience, list) and len(audience) > 1 and claims.get("azp") != client_id:
        raise TokenRefused("wrong authorized party")
    if nonce is None or claims.get("nonce") != nonce:
        raise TokenRefused("nonce mismatch")
    return claims


def seal_tokens(tokens: dict[str, str], *, user_id: object) -> str:
    sealed = sealing.seal(json.dumps(tokens).encode(), purpose=sealing.SESSION_TOKENS,
                          associated=f"oidc-session|{user_id}")
    return base64.b64encode(sealed).decode()


def open_tokens(value: str, *, user_id: object) -> dict[str, str]:
    opened = sealing.unseal(base64.b64decode(value), purpose=sealing.SESSION_TOKENS,
                            associated=f"oidc-session|{user_id}")
    return dict(json.loads(opened))
