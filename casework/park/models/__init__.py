"""Holiday-park enforcement models (domain.md §3), one module per topic; every model is re-exported here.

- objects.py: `Park`, `RecreationObject` (own data key), `Occupant`, `TolerancePolicy`,
  `ToleranceDecision` — the object dossiers outside any one file;
- files.py: `ParkFile` (case.park), `Inspection` (+ `InspectionPhoto`), `PenaltyOrder`;
- the remedies against an order (announcements per addressee, objections, appeals) are the
  core's legal remedies (casework/remedies), about the order (`decision_type` "park.PenaltyOrder");
- collection.py: `Forfeiture`, `LimitationEvent`, `CollectionIntention`, `CollectionRequest`,
  `CollectionDecision`, `Payment`.
Case-level rows use the case's data key; object rows use the object's key.
"""

from casework.park.models.collection import (
    CollectionDecision,
    CollectionIntention,
    CollectionRequest,
    Forfeiture,
    LimitationEvent,
    Payment,
)
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

__all__ = [
    "BrpStatus", "CollectionDecision", "CollectionIntention", "CollectionRequest",
    "Forfeiture", "Inspection", "InspectionPhoto", "InspectionSource", "LimitationEvent", "ObjectKind",
    "Occupant", "Park", "ParkFile", "Payment",
    "PenaltyForm", "PenaltyOrder", "RecreationObject", "TimeUnit", "ToleranceDecision", "TolerancePolicy",
]
