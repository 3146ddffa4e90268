"""The audit log's subject id: a full-length keyed HMAC of a person's UUID.

Not the blind index: blind indexes are truncated and collide by design, while a pseudonym must
name exactly one person. Without the BLIND_INDEX_KEY root the pseudonym cannot be linked to a
person; with it, the privacy officer's search maps a person record to its pseudonym.
"""

from __future__ import annotations

import hashlib
import hmac
import uuid

from encryption.derivation import derive_key

PSEUDONYM_PURPOSE = "audit-subject-pseudonym-v1"


def subject_pseudonym(person_id: uuid.UUID | str) -> str:
    """64 hex characters identifying one data subject in the audit trail."""
    person_uuid = person_id if isinstance(person_id, uuid.UUID) else uuid.UUID(str(person_id))
    return hmac.new(derive_key(PSEUDONYM_PURPOSE), person_uuid.bytes, hashlib.sha256).hexdigest()
