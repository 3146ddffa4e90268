"""Holiday-park enforcement models (domain.md §3), one module per topic; every model is re-exported here.

- objects.py: `Park`, `RecreationObject` (own data key), `Occupant`, `TolerancePolicy`,
  `ToleranceDecision` — the object dossiers outside any one file;
- files.py: `ParkFile` (case.park), `Inspection` (+ `InspectionPhoto`), `PenaltyOrder`;
- residence.py: `ResidenceCheck`, the BRP's answer about an object's residents, dated and encrypted evidence;
- the remedies against an order (announcements per addressee, objections, appeals) are the
  core's legal remedies (casework/remedies), about the order (`decision_type` "park.PenaltyOrder");
- forfeitures and their collection (`Forfeiture`, `LimitationEvent`, `CollectionIntention`,
  `CollectionRequest`, `CollectionDecision`, `Payment`) are the core's penalties (casework/penalties),
  about the order (`order_type` "park.PenaltyOrder"); re-exported here.
Case-level rows use the case's data key; object rows use the object's key.
"""

from casework.park.models.files import (
    Inspection,
    InspectionPhoto,
    InspectionSource,
    ParkFile,
    PenaltyForm,
    PenaltyOrder,
    TimeUnit,
)
from casework.park.models.objects import (
    BrpStatus,
    ObjectKind,
    Occupant,
    Park,
    RecreationObject,
    ToleranceDecision,
    TolerancePolicy,
)
from casework.park.models.residence import ResidenceCheck
from casework.penalties.models import (  # the core's penalties (ADR 0011), re-exported for the park's modules
    CollectionDecision,
    CollectionIntention,
    CollectionRequest,
    Forfeiture,
    LimitationEvent,
    Payment,
)

__all__ = [
    "BrpStatus", "CollectionDecision", "CollectionIntention", "CollectionRequest",
    "Forfeiture", "Inspection", "InspectionPhoto", "InspectionSource", "LimitationEvent", "ObjectKind",
    "Occupant", "Park", "ParkFile", "Payment", "PenaltyForm", "PenaltyOrder", "RecreationObject", "ResidenceCheck",
    "TimeUnit", "ToleranceDecision", "TolerancePolicy",
]
