"""Park enforcement's contribution to an inzage report (AVG 15): the generic rows of the file
(casework/privacy/inzage_content.py) plus the BRP residence checks of the file's recreation object that name
the person.

A stored check (`park.ResidenceCheck`) names residents by BSN inside its encrypted answer; it is not a row about
one person, so the generic provider skips it (`SKIPPED_MODELS`: its raw answer names other residents). A person
is matched as the report matches persons, by BSN: the person record's BSN is compared with the BSNs in the
decrypted evidence of the object's checks (a handful per object), and the report shows only that person's own
periods — never the other residents. A person without a BSN is never matched. A resident the BRP named who is
linked to no park file of the object (not its owner, an occupant or the file's main person) is found through
`residence_links`, the type's `inzage_links` provider: the report then shows each park file of that object with
the role "resident according to the BRP" and only these rows.
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casework.models import Case, Person
from casework.park.models import ParkFile
from casework.park.selectors.residence import objects_naming, person_evidence
from casework.person_roles import CaseRole
from casework.privacy.inzage_content import Item, format_value, generic_items


def _span(period: tuple[date, date]) -> str:
    return f"{format_value(period[0])} – {format_value(period[1])}"


def residence_items(*, case: Case, person: Person) -> list[Item]:
    """One item per stored BRP residence check of the file's object that names this person."""
    park_file = ParkFile.objects.filter(case=case).select_related("object").first()
    if park_file is None or not person.bsn:
        return []
    items = []
    for evidence in person_evidence(park_file.object, person.bsn):
        check = evidence.check
        values = [(_("Checked in the BRP on"), format_value(check.checked_at.date())),
                  (_("Period asked"), _span((check.period_from, check.period_to))),
                  (_("Registered at the address on that day"), format_value(evidence.registered_at_check))]
        if evidence.periods:
            values.append((_("Registered at the address"), "; ".join(_span(p) for p in evidence.periods)))
        if evidence.possible_periods:
            values.append((_("Possibly registered at the address"),
                           "; ".join(_span(p) for p in evidence.possible_periods)))
        items.append(Item(_("BRP residence check"), values, key=f"park.ResidenceCheck:{check.pk}", linked=True))
    return items


BRP_RESIDENT = "brp_resident"
BRP_RESIDENT_LABEL = gettext_lazy("resident according to the BRP")


def residence_links(*, persons: list[Person]) -> list[CaseRole]:
    """The park files of every object whose stored BRP checks name one of these persons (by BSN)."""
    by_bsn: dict[str, list[Person]] = {}
    for person in persons:
        if person.bsn:
            by_bsn.setdefault(person.bsn, []).append(person)
    named = objects_naming(set(by_bsn))
    if not named:
        return []
    files = list(ParkFile.objects.filter(object_id__in={pk for ids in named.values() for pk in ids})
                 .values_list("object_id", "case_id"))
    return [CaseRole(case_id, person.pk, BRP_RESIDENT, str(BRP_RESIDENT_LABEL))
            for bsn, object_ids in named.items() for object_id, case_id in files if object_id in object_ids
            for person in by_bsn[bsn]]


def inzage_items(*, case: Case, person: Person) -> list[Item]:
    return [*generic_items(case=case, person=person), *residence_items(case=case, person=person)]
