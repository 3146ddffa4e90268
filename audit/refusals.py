"""A per-user limit on recorded refusals, so probing cannot flood the append-only audit store.

Every refusal of an existing object is an `access_denied` event (audit/middleware.py for 403s,
casework/refusals.py for 404s). Someone who walks through ids would otherwise write one
permanent row per request. Per actor (the user; without one, the client address) and fixed window
of `AUDIT_REFUSAL_WINDOW_SECONDS`:
- the first `AUDIT_REFUSAL_LIMIT` refusals are recorded as usual;
- the next one is recorded with a note that the limit was reached, and answered 429;
- every later one in the window is answered 429 and not recorded (the noted event says so).
404s for ids that do not exist write nothing but count too: otherwise a prober past the limit
could tell existing ids (429) from unknown ones (404).
Only requests count (commands are not limited). The counter lives in Django's cache: with several
app processes, configure a shared cache (otherwise each process counts for itself).
"""

from __future__ import annotations

import time
from enum import Enum

from django.conf import settings
from django.core.cache import cache

from audit.errors import RefusalLimitExceeded

LIMIT_NOTE = ("; refusal limit reached: further refusals in this window are answered 429 and not recorded")


class Budget(Enum):
    RECORD = "record"
    LAST = "last"  # record this one with LIMIT_NOTE, then answer 429
    OVER = "over"


def _window() -> int:
    return max(1, int(settings.AUDIT_REFUSAL_WINDOW_SECONDS))


def count_refusal(actor_key: str) -> Budget:
    window = _window()
    index = int(time.time() // window)
    key = f"audit-refusals:{actor_key}:{index}"
    cache.add(key, 0, timeout=window * 2)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=window * 2)
        count = 1
    limit = int(settings.AUDIT_REFUSAL_LIMIT)
    if count <= limit:
        return Budget.RECORD
    return Budget.LAST if count == limit + 1 else Budget.OVER


def retry_after() -> int:
    window = _window()
    return window - int(time.time()) % window


def check_unrecorded_refusal(actor_key: str) -> None:
    """Count a refusal that writes nothing (an unknown id); raise when the actor is over the limit."""
    if count_refusal(actor_key) is not Budget.RECORD:
        raise RefusalLimitExceeded(retry_after())
