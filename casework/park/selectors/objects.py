"""Recreation objects (object dossiers, outside any one file): finding one again, and its dossier page.

An object is found by its number within the park (unique) — every file, order and inspection
names it (Rb Gelderland 2025-03-10, ECLI:NL:RBGEL:2025:1991) — or else by its BAG id or its
address, through the blind indexes (casework/park/models/objects.py).

`object_dossier` gathers what the dossier page shows: the occupants, the tolerance decisions and
the files the user may see. Nothing is decrypted here: the caller records the view event per
data subject first, then preloads the keys (fail closed).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import F

from casework import access
from casework.addresses import normalise_postcode
from casework.models import Person
from casework.park.models import Occupant, Park, ParkFile, RecreationObject, ToleranceDecision
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


@dataclass(frozen=True)
class ObjectDossier:
    object: RecreationObject
    occupants: list[Occupant]
    tolerance: list[ToleranceDecision]
    files: list[ParkFile]

    def subject_ids(self) -> list[Any]:
        """The persons the page shows (owner, occupants, tolerance holders), each once, in a stable order."""
        subjects = {self.object.owner_person_id, *(o.person_id for o in self.occupants),
                    *(t.person_id for t in self.tolerance)} - {None}
        return sorted(subjects, key=str)

    def persons(self) -> list[Person]:
        return [p for p in [self.object.owner_person, *(o.person for o in self.occupants),
                            *(t.person for t in self.tolerance)] if p]


# Who lives there now first (no leaving date), then who left most recently; each by arrival, an unknown one last.
# Where the NULLs go is said, as PostgreSQL and SQLite put them at opposite ends (the occupants were listed
# current-first on SQLite and current-last on PostgreSQL).
OCCUPANTS_ORDER = (F("left_on").desc(nulls_first=True), F("since").asc(nulls_last=True))


def object_dossier(*, obj: RecreationObject, user: Any) -> ObjectDossier:
    """The rows of an object's dossier page; its files only as far as `user` may see them."""
    occupants = list(Occupant.objects.filter(object=obj).select_related("person").order_by(*OCCUPANTS_ORDER))
    tolerance = list(ToleranceDecision.objects.filter(object=obj).select_related("person", "policy")
                     .order_by("-granted_on"))
    files = list(ParkFile.objects.filter(object=obj, case__in=access.visible_cases(user))
                 .select_related("case").order_by("-case__opened_on"))
    return ObjectDossier(object=obj, occupants=occupants, tolerance=tolerance, files=files)
