"""Casework models: the shared core. Case types keep their detail models in their own packages."""

from .calendar import EquatedDay
from .cases import (
    Case,
    CaseGroupObjectPermission,
    CaseStep,
    CaseType,
    CaseUserObjectPermission,
    Handover,
    ReferenceCounter,
    case_row_history,
    processing_activity_of,
)
from .links import CaseLink, CaseLinkKind
from .persons import Person
from .sharing import Approval, BreakGlassGrant, SharingDecision

__all__ = [
    "Approval", "BreakGlassGrant", "Case", "CaseGroupObjectPermission", "CaseLink", "CaseLinkKind", "CaseStep",
    "CaseType", "CaseUserObjectPermission", "EquatedDay", "Handover", "Person", "ReferenceCounter",
    "SharingDecision", "case_row_history", "processing_activity_of",
]
