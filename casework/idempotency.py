"""Idempotent creation: a repeated submit creates one object and answers with it.

Two channels share one rule (docs/adr/0014-idempotent-creation.md):
- the API accepts an `Idempotency-Key` header on every POST (casework/api/base.py);
- every web form carries a one-time submission token (`{% submission_token %}`, checked by
  casework.web.submission.SubmissionTokenMiddleware).

`claim` is called before the view runs. The first request with a key inserts a row (the unique
constraint on user, channel and key decides between concurrent requests: exactly one wins); the
view runs; `complete` stores where the created object lives (its URL and id) or `release` deletes
the row when the request did not succeed, so a corrected retry with the same key goes through.
A later request with the same key and the same request gets `Replay` with that row: the caller
renders the object afresh (a GET of its address, with a fresh access check); a different request
under a used key is `KeyReused`; a key whose first request is still running is `InProgress`.
Keys are scoped to the user and live `SUBMISSION_KEY_TTL` (settings); `purge_submission_keys`
(hourly) deletes the expired ones.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from casework.models import SubmissionKey

MAX_KEY_LENGTH = 255


class Replay(Exception):  # noqa: N818 - an outcome, not an error
    def __init__(self, row: SubmissionKey) -> None:
        super().__init__(row.location or row.created_id)
        self.row = row


class InProgress(Exception):  # noqa: N818
    def __init__(self, row: SubmissionKey | None = None) -> None:
        super().__init__("in progress")
        self.row = row


class KeyReused(Exception):  # noqa: N818
    pass


@dataclass(frozen=True)
class Claim:
    row: SubmissionKey


def ttl() -> timedelta:
    return timedelta(seconds=int(getattr(settings, "SUBMISSION_KEY_TTL_SECONDS", 24 * 3600)))


def _digest(*parts: bytes) -> str:
    mac = hmac.new(settings.SECRET_KEY.encode(), digestmod=hashlib.sha256)
    for part in parts:
        mac.update(len(part).to_bytes(8, "big"))
        mac.update(part)
    return mac.hexdigest()


def valid_key(key: str) -> bool:
    """1-255 visible ASCII characters (a UUID is the usual choice)."""
    return 0 < len(key) <= MAX_KEY_LENGTH and all(33 <= ord(ch) <= 126 for ch in key)


def fingerprint(*, method: str, path: str, body: bytes) -> str:
    return _digest(method.encode(), path.encode(), body)


def claim(*, user: User, channel: str, key: str, request_fingerprint: str) -> Claim:
    """Take the key for this request, or raise Replay / InProgress / KeyReused."""
    digest = _digest(channel.encode(), key.encode())
    now = timezone.now()
    SubmissionKey.objects.filter(user=user, channel=channel, key_digest=digest,
                                 created_at__lt=now - ttl()).delete()
    try:
        with transaction.atomic():
            row = SubmissionKey.objects.create(user=user, channel=channel, key_digest=digest,
                                               fingerprint=request_fingerprint, created_at=now)
    except IntegrityError:
        existing = SubmissionKey.objects.filter(user=user, channel=channel, key_digest=digest).first()
        if existing is None:  # released between our insert and this read: the caller may try again
            raise InProgress from None
        if existing.fingerprint != request_fingerprint:
            raise KeyReused from None
        if not existing.completed:
            raise InProgress(existing) from None
        raise Replay(existing) from None
    return Claim(row)


def complete(claim_: Claim, *, location: str = "", created_id: str = "") -> None:
    """The request succeeded: remember where its result lives (nothing of the response body)."""
    if not location and not created_id:
        release(claim_)  # nothing to answer a replay with: the key is spent on nothing
        return
    SubmissionKey.objects.filter(pk=claim_.row.pk).update(completed_at=timezone.now(), location=location[:500],
                                                          created_id=created_id[:64])


def release(claim_: Claim) -> None:
    """The request did not succeed: free the key for a corrected retry."""
    SubmissionKey.objects.filter(pk=claim_.row.pk, completed_at__isnull=True).delete()


def refresh(row: SubmissionKey) -> SubmissionKey | None:
    return SubmissionKey.objects.filter(pk=row.pk).first()


def purge_expired(now: datetime | None = None) -> int:
    now = now or timezone.now()
    deleted, _ = SubmissionKey.objects.filter(created_at__lt=now - ttl()).delete()
    return deleted
