"""Finding a recreation object again (object dossiers, outside any one file).

An object is found by its number within the park (unique) — every file, order and inspection
names it (Rb Gelderland 2025-03-10, ECLI:NL:RBGEL:2025:1991) — or else by its BAG id or its
address, through the blind indexes (casework/park/models/objects.py).
"""

from __future__ import annotations

from casework.addresses import normalise_postcode
from casework.park.models import Park, RecreationObject
from encryption.blind_index import blind_lookup, normalise


def object_find(*, park: Park, number: str = "", bag_id: str = "", postcode: str = "", house_number: str = "",
                addition: str = "") -> RecreationObject | None:
    """The object with this number in the park, else this BAG id, else this address (blind index)."""
    objects = RecreationObject.objects.filter(park=park)
    if number.strip():
        found = objects.filter(number=number.strip().upper()).first()
        if found is not None:
            return found
    if bag_id:
        by_bag = blind_lookup(objects, "bag_index", bag_id)
        if by_bag:
            return by_bag[0]  # type: ignore[return-value]
    if postcode and house_number:
        wanted = normalise(addition or "")
        for candidate in blind_lookup(objects, "address_index", normalise_postcode(postcode), house_number):
            if normalise(candidate.house_number_addition or "") == wanted:  # type: ignore[attr-defined]
                return candidate  # type: ignore[return-value]
    return None
