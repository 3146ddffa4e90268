"""The configured BRP source and the HTTP under the client: connection pools (mTLS), the OAuth2 token, timeouts
and retries (settings BRP_*; docs/integrations.md, BRP).

- OAuth2 client credentials: the token endpoint gets `grant_type=client_credentials` with the client id and secret
  (HTTP Basic, RFC 6749 2.3.1) and the optional scope; the access token is cached until shortly before it expires
  and dropped when the BRP answers 401.
- mTLS: the client certificate and key (and an optional CA bundle) go into the connection pool.
- urllib3's `Retry` retries connection errors and 502/503/504 with backoff; POST is retried too because both
  APIs use POST for a query (nothing is changed at the source).
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlencode

import urllib3
from django.conf import settings
from urllib3.util import Retry, Timeout

RETRY_STATUSES = (502, 503, 504)
TOKEN_MARGIN_SECONDS = 30


@dataclass(frozen=True)
class Source:
    name: str
    personen_url: str
    bewoning_url: str
    token_url: str
    client_id: str
    client_secret: str
    scope: str
    cert_file: str
    key_file: str
    ca_bundle: str
    connect_timeout: float
    read_timeout: float
    retries: int
    backoff: float
    purpose_header: str
    activity_header: str
    oin: str

    @property
    def timeout(self) -> Timeout:
        return Timeout(connect=self.connect_timeout, read=self.read_timeout)


class TransportError(Exception):
    """No usable HTTP answer: `cause` is "timeout", "connection" or "token"."""

    def __init__(self, cause: str) -> None:
        super().__init__(cause)
        self.cause = cause


def configured_source() -> Source | None:
    """The configured BRP source, or None when nothing may be sent (hand entry only)."""
    name = getattr(settings, "BRP_SOURCE", "")
    if not name:
        return None
    return Source(
        name=name, personen_url=settings.BRP_PERSONEN_URL.rstrip("/"),
        bewoning_url=settings.BRP_BEWONING_URL.rstrip("/"), token_url=settings.BRP_OAUTH_TOKEN_URL,
        client_id=settings.BRP_OAUTH_CLIENT_ID, client_secret=settings.BRP_OAUTH_CLIENT_SECRET,
        scope=settings.BRP_OAUTH_SCOPE, cert_file=settings.BRP_CLIENT_CERT, key_file=settings.BRP_CLIENT_KEY,
        ca_bundle=settings.BRP_CA_BUNDLE, connect_timeout=settings.BRP_CONNECT_TIMEOUT,
        read_timeout=settings.BRP_READ_TIMEOUT, retries=settings.BRP_RETRIES, backoff=settings.BRP_RETRY_BACKOFF,
        purpose_header=settings.BRP_PURPOSE_HEADER, activity_header=settings.BRP_ACTIVITY_HEADER,
        oin=settings.BRP_OIN,
    )


def enabled() -> bool:
    return configured_source() is not None


def source_uri() -> str:
    """The configured BRP API's base URL (the external party in the Logboek export), else the RvIG's BRP API page."""
    source = configured_source()
    return source.personen_url if source is not None else "https://developer.rvig.nl/brp-api/"


@lru_cache(maxsize=4)
def _pool(retries: int, backoff: float, cert_file: str, key_file: str, ca_bundle: str) -> urllib3.PoolManager:
    retry = Retry(total=retries, connect=retries, read=retries, status=retries, backoff_factor=backoff,
                  status_forcelist=RETRY_STATUSES, allowed_methods=frozenset({"POST"}), raise_on_status=False,
                  redirect=0)
    tls: dict[str, str] = {}
    if cert_file:
        tls.update(cert_file=cert_file, key_file=key_file)
    if ca_bundle:
        tls["ca_certs"] = ca_bundle
    return urllib3.PoolManager(retries=retry, headers={"Accept": "application/json"}, **tls)  # type: ignore[arg-type]


def pool(source: Source) -> urllib3.PoolManager:
    return _pool(source.retries, source.backoff, source.cert_file, source.key_file, source.ca_bundle)


def send(source: Source, method: str, url: str, *, body: bytes, headers: dict[str, str]) -> urllib3.BaseHTTPResponse:
    """One request with the source's timeouts and retries; `TransportError` when no answer came."""
    try:
        return pool(source).request(method, url, body=body, headers=headers, timeout=source.timeout)
    except (urllib3.exceptions.TimeoutError, urllib3.exceptions.MaxRetryError) as exc:
        reason = getattr(exc, "reason", exc)
        timed_out = isinstance(exc, urllib3.exceptions.TimeoutError) or isinstance(
            reason, urllib3.exceptions.TimeoutError)
        raise TransportError("timeout" if timed_out else "connection") from None
    except urllib3.exceptions.HTTPError:
        raise TransportError("connection") from None


_tokens: dict[tuple[str, str], tuple[str, float]] = {}
_token_lock = threading.Lock()


def forget_token(source: Source) -> None:
    with _token_lock:
        _tokens.pop((source.token_url, source.client_id), None)


def _fetch_token(source: Source) -> tuple[str, float]:
    form = {"grant_type": "client_credentials"}
    if source.scope:
        form["scope"] = source.scope
    headers = urllib3.make_headers(basic_auth=f"{source.client_id}:{source.client_secret}")
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    response = send(source, "POST", source.token_url, body=urlencode(form).encode(),
                    headers=headers)
    if response.status != 200:
        raise TransportError("token")
    try:
        answer = json.loads(response.data)
        token, lifetime = str(answer["access_token"]), float(answer.get("expires_in", 300))
    except (ValueError, KeyError, TypeError):
        raise TransportError("token") from None
    if str(answer.get("token_type", "Bearer")).lower() != "bearer" or not token:
        raise TransportError("token")
    return token, time.monotonic() + max(lifetime - TOKEN_MARGIN_SECONDS, 1.0)


def auth_headers(source: Source) -> dict[str, str]:
    """`Authorization: Bearer ...` with a cached client-credentials token; nothing for mTLS alone."""
    if not source.token_url:
        return {}
    key = (source.token_url, source.client_id)
    with _token_lock:
        cached = _tokens.get(key)
    if cached is None or cached[1] <= time.monotonic():
        cached = _fetch_token(source)
        with _token_lock:
            _tokens[key] = cached
    return {"Authorization": f"Bearer {cached[0]}"}
