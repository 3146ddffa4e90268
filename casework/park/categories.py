"""Sharing categories of the park enforcement file and the category of every park field.

Merged into casework/categories.py (one module per case type, so each owns its own mapping).
A partner who received "park_orders" sees the orders (the remedies against an order are the core's
legal remedies, category "remedies", and the forfeitures and their collection the core's
penalties, category "penalties": every share that named "park_orders" before those moves also
received them); "park_inspections" the
inspections, findings and photos; "park_tolerance" the tolerance decisions. The object's address
and owner are personal data (personalia); policy data (the tolerance reference date) belongs with
the tolerance decisions.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

METADATA = "metadata"
PERSONALIA = "personalia"
NOTES = "notes"
INTERNAL = "internal"
PARK_INSPECTIONS = "park_inspections"
PARK_ORDERS = "park_orders"
PARK_TOLERANCE = "park_tolerance"

CATEGORY_LABELS: dict[str, object] = {
    PARK_INSPECTIONS: _("Inspections and findings"),
    PARK_ORDERS: _("Orders and forfeitures"),
    PARK_TOLERANCE: _("Tolerance decisions"),
}
CASE_TYPE_CATEGORIES: dict[str, tuple[str, ...]] = {
    "park": (METADATA, PERSONALIA, NOTES, PARK_INSPECTIONS, PARK_ORDERS, PARK_TOLERANCE),
}

_ID = {"id": INTERNAL, "data_key_id": INTERNAL}
_O = PARK_ORDERS


def _all(category: str, *names: str) -> dict[str, str]:
    return {**_ID, **dict.fromkeys(names, category)}


FIELD_CATEGORIES: dict[str, dict[str, str]] = {
    "park.Park": {"id": INTERNAL, "name": METADATA, "municipality": METADATA, "controller": METADATA,
                  "created_at": INTERNAL},
    "park.RecreationObject": {
        **_ID, "park": METADATA, "number": METADATA, "kind": METADATA, "street": PERSONALIA,
        "house_number": PERSONALIA, "house_number_addition": PERSONALIA, "postcode": PERSONALIA, "city": PERSONALIA,
        "bag_id": PERSONALIA, "bag_object_id": PERSONALIA, "address_verified": METADATA, "address_index": INTERNAL,
        "bag_index": INTERNAL, "owner_person": PERSONALIA,
        "owner_entity": PERSONALIA, "notes": NOTES, "created_at": INTERNAL,
    },
    "park.Occupant": _all(PERSONALIA, "object", "person", "brp_status", "brp_checked_on", "since", "left_on"),
    "park.ResidenceCheck": {
        **_all(PERSONALIA, "object", "inspection", "checked_at", "period_from", "period_to", "answer"),
        "checked_by": INTERNAL, "trace_id": INTERNAL,
    },
    "park.TolerancePolicy": {
        "id": INTERNAL, "name": PARK_TOLERANCE, "effective_from": PARK_TOLERANCE, "reference_date": PARK_TOLERANCE,
        "source": PARK_TOLERANCE, "created_at": INTERNAL,
    },
    "park.ToleranceDecision": {
        **_all(PARK_TOLERANCE, "object", "person", "policy", "reference_date", "resident_since", "granted_on",
               "ended_on", "end_reason", "notes"),
        "created_by": INTERNAL,
    },
    "park.ParkFile": {
        **_all(PARK_INSPECTIONS, "reported_on", "report_summary"),
        "case": METADATA, "object": METADATA, "view_term_weeks": _O, "intention_sent_on": _O, "view_due_on": _O,
        "complied_on": _O,
    },
    "park.Inspection": _all(PARK_INSPECTIONS, "case", "object", "inspected_on", "officers", "sources", "findings",
                            "drugs_found", "order", "compliant", "created_by", "created_at"),
    "park.InspectionPhoto": _all(PARK_INSPECTIONS, "case", "inspection", "file", "content_type", "caption",
                                 "created_by", "created_at"),
    "park.PenaltyOrder": {
        **_all(_O, "case", "object", "addressees", "addressee_entity", "remedy", "compliance_term_days",
               "penalty_form", "amount", "time_unit", "maximum", "decided_on", "compliance_due_on", "state",
               "created_by", "created_at"),
        "approval": INTERNAL,
    },
}
