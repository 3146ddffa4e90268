"""Purpose-bound keys derived from the BLIND_INDEX_KEY root with HKDF-SHA256.

Each use (a blind-index column, the audit pseudonym) gets its own key, so a key leaked or
misused for one purpose reveals nothing about another, and the root never leaves this module.
"""

from __future__ import annotations

from functools import lru_cache

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings


def _root_key() -> bytes:
    return settings.KEY_MATERIAL["blind_index_key"]


@lru_cache(maxsize=256)
def _derive(root: bytes, purpose: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose.encode()).derive(root)


def derive_key(purpose: str) -> bytes:
    """A 32-byte key for `purpose` (e.g. 'blind-index:casework.Person.bsn', 'audit-subject-pseudonym')."""
    return _derive(_root_key(), purpose)
