"""Park enforcement services: the one import for the web UI, the API and demo data.

The rules live in small modules of this package, each with one job (every service: keyword-only
arguments, actor first, ValidationError with translatable messages, history with a structured
reason, which writes the audit event; refusals of access are audited by casework.access or
common.require_park_officer):
- objects.py: parks, recreation objects (own data key, BAG address blind-indexed), occupants;
- tolerance.py: granting and ending personal tolerance decisions (the reference-date policy and
  which decisions are in force: casework/park/tolerance.py);
- files.py: opening a file for one object, inspections and their photos;
- orders.py: the penalty order (four eyes) and the guards of every workflow step;
- tracks.py: announcements per addressee, objections, appeals, applications (Awb 4:13/4:14);
- collection.py: the park's rules for forfeitures; intentions, requests and decisions to collect,
  limitation events and payments through the core's penalties (casework/penalties);
- links.py: a PGA case or a Damocles procedure opened from an inspection (through the registry);
- casework/park/limitation.py: limitation dates (Awb 5:35, 5:37a) and the warnings 3 and 1 months ahead.
"""

from __future__ import annotations

from casework.park.limitation import (
    LimitationWarning,
    compute_limitation,
    limitation_of,
    limitation_recompute,
    limitation_warnings,
)
from casework.park.services.collection import (
    collection_decision_record,
    collection_intention_record,
    collection_intention_view,
    collection_request_decide,
    collection_request_delay,
    collection_request_record,
    forfeited_total,
    forfeiture_mark_expired,
    forfeiture_record,
    forfeiture_waive,
    limitation_event_end,
    limitation_event_record,
    paid_total,
    payment_record,
)
from casework.park.services.files import inspection_photo_add, inspection_record, open_file_for, park_file_open
from casework.park.services.objects import (
    object_register,
    occupant_leave,
    occupant_register,
    park_register,
)
from casework.park.services.orders import (
    APPROVAL_SUBJECT,
    approval_payload,
    guard_and_apply,
    order_impose,
    order_request_approval,
)
from casework.park.services.tolerance import tolerance_end, tolerance_grant
from casework.park.services.tracks import (
    announcement_register,
    appeal_register,
    appeal_update,
    application_decide,
    application_delay,
    application_register,
    objection_decision_due,
    objection_register,
    objection_update,
)
from casework.park.tolerance import policy_in_force, tolerances_in_force

__all__ = [
    "APPROVAL_SUBJECT", "LimitationWarning", "announcement_register", "appeal_register", "appeal_update",
    "application_decide", "application_delay", "application_register",
    "approval_payload", "collection_decision_record", "collection_intention_record", "collection_intention_view",
    "collection_request_decide", "collection_request_delay", "collection_request_record", "compute_limitation",
    "forfeited_total",
    "forfeiture_mark_expired", "forfeiture_record", "forfeiture_waive", "guard_and_apply", "inspection_photo_add",
    "inspection_record", "limitation_event_end", "limitation_event_record", "limitation_of",
    "limitation_recompute", "limitation_warnings", "object_register", "objection_decision_due",
    "objection_register", "objection_update", "occupant_leave", "occupant_register", "open_file_for",
    "order_impose", "order_request_approval", "paid_total", "park_file_open", "park_register", "payment_record",
    "policy_in_force", "tolerance_end", "tolerance_grant", "tolerances_in_force",
]
