"""Holiday-park enforcement models (domain.md §3), one module per topic; every model is re-exported here.

- objects.py: `Park`, `RecreationObject` (own data key), `Occupant`, `TolerancePolicy`,
  `ToleranceDecision` — the object dossiers outside any one file;
- files.py: `ParkFile` (case.park), `Inspection` (+ `InspectionPhoto`), `PenaltyOrder`;
- tracks.py: `OrderAnnouncement` (per addressee, objection deadline), `OrderObjection`,
  `OrderAppeal` — remedies against the order, child rows with their own states and deadlines;
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
from casework.park.models.tracks import AnnouncementMethod, OrderAnnouncement, OrderAppeal, OrderObjection

__all__ = [
    "AnnouncementMethod", "BrpStatus", "CollectionDecision", "CollectionIntention", "CollectionRequest",
    "Forfeiture", "Inspection", "InspectionPhoto", "InspectionSource", "LimitationEvent", "ObjectKind",
    "Occupant", "OrderAnnouncement", "OrderAppeal", "OrderObjection", "Park", "ParkFile", "Payment",
    "PenaltyForm", "PenaltyOrder", "RecreationObject", "TimeUnit", "ToleranceDecision", "TolerancePolicy",
]
