"""Output rows of the park enforcement API, one sharing-category check per part (casework/park/categories.py).

A part the caller does not see is `None` and its encrypted fields are never decrypted: the
object's address, owner and occupants need `personalia`; the finding report, inspections and
photos `park_inspections`; the intention, orders with their remedies, forfeitures (with their
limitation dates) and collection `park_orders`; the tolerance decisions `park_tolerance`. The
object's number and kind and the case metadata come with any access.

Every presenter that shows persons also returns their ids, so the view records one audit event
per data subject disclosed (before the response is built).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from casework.access import CaseAccess
from casework.api.presenters import person_or_none, person_summary, ref
from casework.categories import NOTES, PERSONALIA
from casework.models import Case
from casework.park.categories import PARK_INSPECTIONS, PARK_ORDERS, PARK_TOLERANCE
from casework.park.limitation import ONE_MONTH, PASSED, THREE_MONTHS, WARN_FIRST, WARN_SECOND
from casework.park.models import (
    Forfeiture,
    Inspection,
    ObjectKind,
    PenaltyOrder,
    RecreationObject,
    ToleranceDecision,
)
from casework.park.selectors.objects import OCCUPANTS_ORDER
from casework.remedies.component import REMEDIES
from casework.remedies.models import Objection
from casework.remedies.selectors import Remedies, remedies_of
from casework.workflow import workflow_for


def _label(choices, value: str) -> str:
    return str(dict(choices.choices).get(value, value)) if value else ""


def address_line(obj: RecreationObject) -> str | None:
    if not obj.street:
        return None
    number = f"{obj.house_number or ''}{obj.house_number_addition or ''}"
    return f"{obj.street} {number}, {obj.postcode or ''} {obj.city or ''}".strip()


def object_summary(obj: RecreationObject, access: CaseAccess | None) -> dict[str, Any]:
    """Number, kind and park (metadata) always; the address only with personalia."""
    return {
        "id": obj.pk, "number": obj.number, "kind": obj.kind, "kind_label": _label(ObjectKind, obj.kind),
        "park": ref(obj.park),
        "address": address_line(obj) if access is not None and access.sees(PERSONALIA) else None,
    }


def object_full(obj: RecreationObject, access: CaseAccess, subjects: list) -> dict[str, Any]:
    body = object_summary(obj, access)
    if not access.sees(PERSONALIA):
        return {**body, "bag_id": None, "bag_object_id": None, "address_verified": None, "owner": None,
                "occupants": None, "notes": None}
    occupants = list(obj.occupants.select_related("person").order_by(*OCCUPANTS_ORDER))
    subjects.extend([o.person_id for o in occupants] + ([obj.owner_person_id] if obj.owner_person_id else []))
    return {
        **body, "bag_id": obj.bag_id, "bag_object_id": obj.bag_object_id, "address_verified": obj.address_verified,
        "owner": {"person": person_or_none(obj.owner_person) if obj.owner_person_id else None,
                  "entity_name": obj.owner_entity},
        "occupants": [{"id": o.pk, "person": person_summary(o.person), "brp_status": o.brp_status,
                       "brp_checked_on": o.brp_checked_on, "since": o.since, "left_on": o.left_on}
                      for o in occupants],
        "notes": obj.notes if access.sees(NOTES) else None,
    }


def warning_level(limitation_date: date | None, today: date) -> str | None:
    """The dashboard's warning for one date: passed, one_month or three_months (casework/park/limitation.py)."""
    if limitation_date is None or limitation_date > today + WARN_FIRST:
        return None
    return PASSED if limitation_date < today else ONE_MONTH if limitation_date <= today + WARN_SECOND \
        else THREE_MONTHS


def forfeiture(row: Forfeiture, today: date) -> dict[str, Any]:
    return {
        "id": row.pk, "order": row.order_id, "basis": row.basis_id, "forfeited_on": row.forfeited_on,
        "amount": row.amount, "payment_due_on": row.payment_due_on, "limitation_date": row.limitation_date,
        "limitation_paused_since": row.limitation_paused_since, "state": row.state,
        "state_label": _label(Forfeiture.State, row.state), "closed_on": row.closed_on,
        "warning": warning_level(row.limitation_date, today) if row.state == Forfeiture.State.OPEN else None,
    }


def inspection(row: Inspection) -> dict[str, Any]:
    return {
        "id": row.pk, "inspected_on": row.inspected_on, "officers": [ref(u) for u in row.officers.all()],
        "sources": list(row.sources), "findings": row.findings, "drugs_found": row.drugs_found,
        "order": row.order_id, "compliant": row.compliant, "photos": len(row.photos.all()),
        "created_by": ref(row.created_by),
    }


def inspections(case: Case) -> list[dict[str, Any]]:
    rows = (Inspection.objects.filter(case=case).select_related("created_by")
            .prefetch_related("officers", "photos").order_by("inspected_on", "created_at"))
    return [inspection(row) for row in rows]


def order(row: PenaltyOrder, today: date, subjects: list, *, sees_remedies: bool = True) -> dict[str, Any]:
    """An order; its announcements, objections and appeals (the core's legal remedies, category
    `remedies`) only for who sees them."""
    addressees = list(row.addressees.all())
    remedies = remedies_of(row.case, row) if sees_remedies else Remedies()
    announcements = remedies.announcements
    objections: dict[Any, list[Objection]] = {}
    for lodged in remedies.objections:
        objections.setdefault(lodged.announcement_id, []).append(lodged)
    subjects.extend([p.pk for p in addressees] + [a.addressee_person_id for a in announcements])
    return {
        "id": row.pk, "object": row.object_id, "state": row.state, "state_label": _label(PenaltyOrder.State, row.state),
        "remedy": row.remedy, "compliance_term_days": row.compliance_term_days, "penalty_form": row.penalty_form,
        "amount": row.amount, "time_unit": row.time_unit, "maximum": row.maximum, "decided_on": row.decided_on,
        "compliance_due_on": row.compliance_due_on, "addressees": [person_summary(p) for p in addressees],
        "addressee_entity": row.addressee_entity,
        "announcements": [
            {"id": a.pk, "addressee": person_or_none(a.addressee_person), "method": a.method,
             "announced_on": a.announced_on, "objection_deadline": a.objection_deadline,
             "compliance_ends_on": a.compliance_ends_on,
             "objections": [objection(o) for o in objections.get(a.pk, [])]}
            for a in announcements
        ],
        "appeals": [{"id": ap.pk, "level": ap.level, "lodged_on": ap.lodged_on, "ruled_on": ap.ruled_on,
                     "annulled": ap.annulled, "outcome": ap.outcome} for ap in remedies.appeals],
        "forfeitures": [forfeiture(f, today) for f in row.forfeitures.order_by("forfeited_on", "id")],
    }


def objection(o: Objection) -> dict[str, Any]:
    """One objection against an order as announced to one addressee: the 6:9/6:11 admissibility and the
    7:10 term with its suspension, extension and postponement (the reasons and grounds are not shown)."""
    return {
        "id": o.pk, "announcement": o.announcement_id, "received_on": o.received_on, "posted_on": o.posted_on,
        "late": o.late, "lateness_excused": o.lateness_excused, "advisory_committee": o.advisory_committee,
        "suspension_days": o.suspension_days, "suspended_from": o.suspended_from,
        "suspended_until": o.suspended_until, "extension_weeks": o.extension_weeks,
        "extension_notice_sent_on": o.extension_notice_sent_on, "postponement_weeks": o.postponement_weeks,
        "postponement_basis": o.postponement_basis, "consent_on": o.consent_on,
        "postponement_notice_sent_on": o.postponement_notice_sent_on, "decision_due_on": o.decision_due_on,
        "state": o.state, "outcome": o.outcome, "decided_on": o.decided_on,
    }


def orders(case: Case, today: date, subjects: list, *, sees_remedies: bool = True) -> list[dict[str, Any]]:
    rows = PenaltyOrder.objects.filter(case=case).select_related("case").prefetch_related("addressees") \
        .order_by("created_at")
    return [order(row, today, subjects, sees_remedies=sees_remedies) for row in rows]


def tolerance(row: ToleranceDecision) -> dict[str, Any]:
    return {
        "id": row.pk, "person": person_summary(row.person), "reference_date": row.reference_date,
        "resident_since": row.resident_since, "granted_on": row.granted_on, "ended_on": row.ended_on,
        "end_reason": row.end_reason, "in_force": row.ended_on is None,
    }


def tolerances(obj: RecreationObject, subjects: list) -> list[dict[str, Any]]:
    rows = list(ToleranceDecision.objects.filter(object=obj).select_related("person").order_by("granted_on"))
    subjects.extend(row.person_id for row in rows)
    return [tolerance(row) for row in rows]


def list_item(case: Case, access: CaseAccess) -> dict[str, Any]:
    details = case.park
    return {
        "id": case.pk, "reference": case.reference, "status": case.status,
        "status_label": workflow_for(case).label(case.status), "opened_on": case.opened_on,
        "closed_on": case.closed_on, "owner": ref(case.owner), "team": ref(case.team),
        "object": object_summary(details.object, access),
    }


def file_detail(case: Case, access: CaseAccess, *, today: date, transitions: list[dict]) -> tuple[dict, list]:
    """The whole file as the caller may see it, and the data subjects it discloses."""
    details = case.park
    subjects: list = [case.person_id] if case.person_id and access.sees(PERSONALIA) else []
    sees_inspections, sees_orders = access.sees(PARK_INSPECTIONS), access.sees(PARK_ORDERS)
    body = {
        **list_item(case, access),
        "controller": ref(case.controller), "version": case.version, "via": access.via,
        "categories": sorted(access.categories),
        "person": person_or_none(case.person) if case.person_id and access.sees(PERSONALIA) else None,
        "object": object_full(details.object, access, subjects),
        "report": {"reported_on": details.reported_on, "summary": details.report_summary}
        if sees_inspections else None,
        "intention": {"sent_on": details.intention_sent_on, "view_term_weeks": details.view_term_weeks,
                      "view_due_on": details.view_due_on, "complied_on": details.complied_on}
        if sees_orders else None,
        "inspections": inspections(case) if sees_inspections else None,
        "orders": orders(case, today, subjects, sees_remedies=access.sees(REMEDIES)) if sees_orders else None,
        "tolerance_decisions": tolerances(details.object, subjects) if access.sees(PARK_TOLERANCE) else None,
        "transitions": transitions,
    }
    return body, [s for s in dict.fromkeys(subjects) if s]


def forfeitures_of(case: Case, today: date) -> list[dict[str, Any]]:
    rows = Forfeiture.objects.filter(case=case).order_by("forfeited_on", "id")
    return [forfeiture(row, today) for row in rows]
