"""The park part of the case page: one selector that gathers what a user may see of a park file.

Called from the shared case page selector (casework/timeline.py `case_page`) for park files,
after access was checked and the view event recorded. What is loaded follows the sharing
categories (casework/park/categories.py): a category the user does not see is not even queried
or decrypted. Data keys of all rows are loaded in one key-store query.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from casework.access import CaseAccess
from casework.categories import PERSONALIA
from casework.contributions import CaseSection
from casework.models import Approval, Case, Person
from casework.park.categories import PARK_INSPECTIONS, PARK_ORDERS, PARK_TOLERANCE
from casework.park.models import (
    CollectionDecision,
    CollectionIntention,
    CollectionRequest,
    Forfeiture,
    Inspection,
    InspectionPhoto,
    LimitationEvent,
    Occupant,
    ParkFile,
    PenaltyOrder,
    RecreationObject,
    ToleranceDecision,
)
from casework.park.selectors import overview
from casework.park.selectors.objects import OCCUPANTS_ORDER
from casework.presence import has_rows, rows
from casework.remedies.component import REMEDIES
from casework.remedies.models import Announcement, Appeal, Objection
from casework.remedies.selectors import remedies_of
from encryption.preload import preload_keys


@dataclass
class ParkSection:
    details: ParkFile
    object: RecreationObject
    sees: dict[str, bool]
    occupants: list[Occupant] = field(default_factory=list)
    owner_elsewhere: bool = False
    inspections: list[Inspection] = field(default_factory=list)
    orders: list[PenaltyOrder] = field(default_factory=list)
    announcements: list[Announcement] = field(default_factory=list)
    objections: list[Objection] = field(default_factory=list)
    appeals: list[Appeal] = field(default_factory=list)
    forfeitures: list[Forfeiture] = field(default_factory=list)
    intentions: list[CollectionIntention] = field(default_factory=list)
    requests: list[CollectionRequest] = field(default_factory=list)
    decisions: list[CollectionDecision] = field(default_factory=list)
    limitation_events: list[LimitationEvent] = field(default_factory=list)
    tolerance: list[ToleranceDecision] = field(default_factory=list)
    approvals: list[Approval] = field(default_factory=list)
    deadlines: list[overview.ParkDeadline] = field(default_factory=list)
    today: date | None = None

    @property
    def draft_orders(self) -> list[PenaltyOrder]:
        return [order for order in self.orders if order.state == PenaltyOrder.State.DRAFT]

    @property
    def imposed_orders(self) -> list[PenaltyOrder]:
        return [order for order in self.orders if order.state != PenaltyOrder.State.DRAFT]

    @property
    def pending_approvals(self) -> list[Approval]:
        return [a for a in self.approvals if a.decision == Approval.Decision.PENDING]

    def forfeiture_rows(self) -> list[tuple[Forfeiture, str]]:
        """Each forfeiture with how close its limitation date is (for the warning marks)."""
        today = self.today or timezone.localdate()
        return [(f, overview.warning_level(f.limitation_date, today) if f.state == Forfeiture.State.OPEN else "")
                for f in self.forfeitures]

    def actions(self) -> dict[str, bool]:
        """Which park action pages fit the file now (links only: the services check again)."""
        has_orders = bool(self.orders)
        return {
            "inspect": True,
            "order": True,
            "announce": bool(self.imposed_orders),
            "remedies": bool(self.announcements),
            "appeal": bool(self.imposed_orders),
            "forfeit": bool(self.imposed_orders),
            "collect": bool(self.forfeitures),
            "tolerance": True,
            "occupant": True,
            "has_orders": has_orders,
        }


def _own_person(person: Person | None, case: Case) -> Person | None:
    """Another controller's person record is not ours to show."""
    return person if person is not None and person.controller_id == case.controller_id else None


def _load_orders(section: ParkSection, case: Case) -> None:
    section.orders = rows(case, PenaltyOrder.objects.filter(case=case).prefetch_related("addressees")
                          .order_by("created_at"))
    if section.sees[REMEDIES]:  # the core's legal remedies against the orders (casework/remedies)
        remedies = remedies_of(case)
        section.announcements, section.objections = remedies.announcements, remedies.objections
        section.appeals = remedies.appeals
    section.approvals = rows(case, Approval.objects.filter(case=case, subject__startswith="park.")
                             .select_related("requested_by", "decided_by").order_by("-requested_at"))
    # The core's penalties (casework/penalties) about the orders: shown with the orders to who sees
    # "park_orders" ("Orders and forfeitures"), as before they moved (ADR 0011, 5).
    section.forfeitures = rows(case, Forfeiture.objects.filter(case=case)
                               .prefetch_related("payments").order_by("forfeited_on", "pk"))
    section.intentions = rows(case, CollectionIntention.objects.filter(case=case).order_by("sent_on"))
    section.requests = rows(case, CollectionRequest.objects.filter(case=case).select_related("requester_person")
                            .order_by("requested_on"))
    section.decisions = rows(case, CollectionDecision.objects.filter(case=case).order_by("decided_on"))
    section.limitation_events = rows(case, LimitationEvent.objects.filter(case=case).order_by("started_on"))


def park_section(*, case: Case, case_access: CaseAccess, today: date | None = None) -> ParkSection | None:
    """The park details of `case` that `case_access` may see; None for other case types."""
    details = ParkFile.objects.filter(case=case).select_related("object__park", "object__owner_person").first()
    if details is None:
        return None
    today = today or timezone.localdate()
    sees = {category: case_access.sees(category)
            for category in (PERSONALIA, PARK_INSPECTIONS, PARK_ORDERS, PARK_TOLERANCE, REMEDIES)}
    section = ParkSection(details=details, object=details.object, sees=sees, today=today)
    obj = details.object
    if sees[PERSONALIA]:
        if obj.owner_person_id and _own_person(obj.owner_person, case) is None:
            section.owner_elsewhere = True
        section.occupants = [o for o in Occupant.objects.filter(object=obj).select_related("person")
                             .order_by(*OCCUPANTS_ORDER) if _own_person(o.person, case)]
    if sees[PARK_INSPECTIONS]:
        # no photos of the case (the page's probe knows): each inspection's list filled empty, without a query
        photos = "photos" if has_rows(case, InspectionPhoto) else Prefetch(
            "photos", queryset=InspectionPhoto.objects.none())
        section.inspections = rows(case, Inspection.objects.filter(case=case)
                                   .prefetch_related("officers", photos)
                                   .select_related("order").order_by("-inspected_on", "-created_at"))
    if sees[PARK_ORDERS]:
        _load_orders(section, case)
        if not case.is_closed or section.forfeitures:
            # the term for a view from the file read above (no query on the files again); the announcements' terms
            # with SQL compiled once (`page_ids`)
            section.deadlines = overview.park_deadlines(cases=Case.objects.filter(pk=case.pk), until=date.max,
                                                        today=today, probed=case, views=overview.view_of(case, details),
                                                        page_ids=[case.pk])
    if sees[PARK_TOLERANCE]:
        section.tolerance = [t for t in ToleranceDecision.objects.filter(object=obj).select_related("person", "policy")
                             .order_by("-granted_on") if _own_person(t.person, case)]
    persons: list[Any] = []
    if sees[PERSONALIA] and not section.owner_elsewhere and obj.owner_person_id:
        persons.append(obj.owner_person)
    persons += [o.person for o in section.occupants] + [t.person for t in section.tolerance]
    persons += [a.addressee_person for a in section.announcements if a.addressee_person]
    persons += [p for order in section.orders for p in order.addressees.all()]
    persons += [r.requester_person for r in section.requests if r.requester_person]
    preload_keys([details, obj, *persons, *section.occupants, *section.inspections,
                  *[photo for i in section.inspections for photo in i.photos.all()], *section.orders,
                  *section.objections, *section.appeals, *section.intentions, *section.requests,
                  *section.decisions, *section.limitation_events, *section.tolerance])
    return section


def case_section(*, case: Case, case_access: CaseAccess, user: Any = None, today: date | None = None) -> CaseSection:
    """The registry's `case_section` provider: the park part of the shared case page."""
    section = park_section(case=case, case_access=case_access, today=today)
    return CaseSection(template="park/_case_section.html", data=section,
                       deadlines=[overview.as_deadline(d) for d in section.deadlines] if section else [])
