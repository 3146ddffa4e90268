"""Woonoverlast models (domain.md §5), one module per topic; every model is re-exported here.

- files.py: `ApvArticle` (the bylaw as data), `WoonoverlastFile` (case.woonoverlast), `Melding`
  (shielded reporter), `Zwartboek`, `Intervention`, `Intention` (voornemen + zienswijze);
- orders.py: `BehaviouralOrder` (gedragsaanwijzing, art. 151d), `Closure` (art. 174a),
  `ComplianceCheck`, `EnforcementAct`;
- extensions.py: `ClosureExtension` (art. 174a lid 3, four eyes).
Announcements, objections and appeals are the core's remedies; forfeitures and collection the
core's penalties (ADR 0011).
"""

from casework.woonoverlast.models.extensions import ClosureExtension
from casework.woonoverlast.models.files import (
    ApvArticle,
    DecisionKind,
    Intention,
    Intervention,
    InterventionKind,
    Melding,
    NuisanceKind,
    Source,
    WoonoverlastFile,
    Zwartboek,
)
from casework.woonoverlast.models.orders import (
    AddresseeCapacity,
    BehaviouralOrder,
    Closure,
    ComplianceCheck,
    DecisionState,
    Enforcement,
    EnforcementAct,
    PenaltyForm,
    TimeUnit,
)

__all__ = [
    "AddresseeCapacity", "ApvArticle", "BehaviouralOrder", "Closure", "ClosureExtension", "ComplianceCheck",
    "DecisionKind", "DecisionState", "Enforcement", "EnforcementAct", "Intention", "Intervention", "InterventionKind",
    "Melding", "NuisanceKind", "PenaltyForm", "Source", "TimeUnit", "WoonoverlastFile", "Zwartboek",
]
