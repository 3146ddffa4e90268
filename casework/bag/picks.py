"""The proof of a pick: a signed token that says "these address fields were filled from this BAG address".

A form carries it in a hidden field from the pick to the final submit. At the submit the address is
*verified in the BAG* only when the token's signature holds, it is not older than PICK_MAX_AGE and
the submitted address fields are still the ones filled from the pick; an address typed or changed
by hand is stored as not verified (and without the adresseerbaar object id). The token holds the two
BAG ids and a digest of the filled fields, not the address itself.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core import signing

from casework.bag.client import BAG_ID, Address

SALT = "casework.bag.pick"
PICK_MAX_AGE = 24 * 3600


@dataclass(frozen=True)
class Pick:
    nummeraanduiding_id: str
    adresseerbaarobject_id: str


def _normal(value: Any) -> str:
    return " ".join(str(value or "").split()).upper().replace(" ", "")


def _digest(fields: Mapping[str, Any]) -> str:
    canonical = json.dumps({name: _normal(value) for name, value in sorted(fields.items())}, sort_keys=True)
    return hashlib.sha256(canonical.encode()).hexdigest()


def pick_token(address: Address, filled: Mapping[str, Any]) -> str:
    return signing.dumps({"n": address.nummeraanduiding_id, "o": address.adresseerbaarobject_id,
                          "d": _digest(filled)}, salt=SALT, compress=True)


def pick_verified(token: str, submitted: Mapping[str, Any]) -> Pick | None:
    """The pick behind `token` when the submitted fields are still the picked address, else None."""
    if not token:
        return None
    try:
        data = signing.loads(token, salt=SALT, max_age=PICK_MAX_AGE)
    except signing.BadSignature:  # also SignatureExpired
        return None
    if not isinstance(data, dict) or data.get("d") != _digest(submitted):
        return None
    pick = Pick(nummeraanduiding_id=str(data.get("n", "")), adresseerbaarobject_id=str(data.get("o", "")))
    if not (BAG_ID.match(pick.nummeraanduiding_id) and BAG_ID.match(pick.adresseerbaarobject_id)):
        return None
    return pick
