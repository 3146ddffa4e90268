"""A person's form fields from the BRP, and the proof that they were (ADR 0025).

`person_prefill` looks a BSN up for one use (registration: name and date of birth; an addressee: also the address
lines of a letter) and gives the values for the form. `prefill_token` signs "these fields were filled from the BRP
on this day" (the BSN and a digest of the filled fields, not the values); at the submit `verified_on` gives that
day only while the submitted fields are still the filled ones, so a person typed or changed by hand is stored as
"niet geverifieerd in BRP". Like the BAG pick (casework/bag/picks.py), a posted flag is never trusted.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core import signing
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from casework.brp import client
from casework.persons import persons_by_bsn

SALT = "casework.brp.prefill"
MAX_AGE = 24 * 3600


@dataclass(frozen=True)
class Prefill:
    bsn: str
    first_names: str
    surname: str
    date_of_birth: date | None
    address: str  # the address lines of a letter, one per line; "" when not asked
    retrieved_on: date


def _known_person(user: Any, bsn: str) -> Any:
    """The id of the person the user's organisation already holds under this BSN, for the audit event's subject."""
    organisation = getattr(user, "organisation", None)
    if organisation is None or not client.BSN.match(str(bsn or "").strip()):
        return None
    known = persons_by_bsn(controller=organisation, bsn=str(bsn).strip())
    return known[0].pk if known else None


def person_prefill(bsn: str, *, user: Any, processing_activity: str, with_address: bool = False,
                   subject_id: Any = None) -> Prefill:
    """The BRP's answer for `bsn`, or `client.BrpError` (also when the BRP knows no such person)."""
    fields = client.ADDRESSEE_FIELDS if with_address else client.PERSON_FIELDS
    if subject_id is None:
        subject_id = _known_person(user, bsn)
    person = client.person_by_bsn(bsn, user=user, processing_activity=processing_activity, fields=fields,
                                  subject_id=subject_id)
    if person is None:
        raise client.BrpError(_("The BRP knows no person with this BSN. Check the number, or enter the details by "
                                "hand."), cause="not found")
    return Prefill(bsn=person.bsn, first_names=person.first_names, surname=person.surname,
                   date_of_birth=person.date_of_birth, address="\n".join(person.address_lines),
                   retrieved_on=timezone.localdate())


def _normal(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    return " ".join(str(value or "").split()).upper()


def _digest(fields: Mapping[str, Any]) -> str:
    canonical = json.dumps({name: _normal(value) for name, value in sorted(fields.items())}, sort_keys=True)
    return hashlib.sha256(canonical.encode()).hexdigest()


def prefill_token(prefill: Prefill, filled: Mapping[str, Any]) -> str:
    return signing.dumps({"on": prefill.retrieved_on.isoformat(), "d": _digest(filled)}, salt=SALT, compress=True)


def verified_on(token: str, submitted: Mapping[str, Any]) -> date | None:
    """The day of the BRP lookup behind `token` when the submitted fields are still the filled ones, else None."""
    if not token:
        return None
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:  # also SignatureExpired
        return None
    if not isinstance(data, dict) or data.get("d") != _digest(submitted):
        return None
    try:
        return date.fromisoformat(str(data.get("on")))
    except ValueError:
        return None


def source_label(verified: date | None) -> str:
    """What a page shows about a person's details: "BRP, 3 december 2026" or "niet geverifieerd in BRP"."""
    if verified is None:
        return _("not verified in the BRP")
    return _("BRP, %(date)s") % {"date": formats.date_format(verified, "j F Y")}
