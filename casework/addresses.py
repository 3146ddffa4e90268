"""Dutch address helpers shared by the case types (the core names no type).

A postcode is stored, and looked up through its blind index, in one normal form ('9999 XX'), so
'9999xx' and '9999 XX' find the same premises or recreation object.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

BAG_ID = re.compile(r"^\d{16}$")


def normalise_postcode(value: str) -> str:
    """'9999xx' and '9999 XX' are the same postcode: stored as '9999 XX'."""
    compact = value.replace(" ", "").upper()
    return f"{compact[:4]} {compact[4:]}"


def bag_pick_errors(*, bag_id: str, bag_object_id: str, verified: bool) -> dict[str, str]:
    """The BAG ids of an address: 16 digits each, and both present when it is marked verified in the BAG."""
    errors: dict[str, str] = {}
    if bag_object_id and not BAG_ID.match(bag_object_id):
        errors["bag_object_id"] = _("A BAG id has 16 digits.")
    if verified and not (BAG_ID.match(bag_id or "") and BAG_ID.match(bag_object_id or "")):
        errors["bag_id"] = _("An address verified in the BAG needs its nummeraanduiding and object id.")
    return errors
