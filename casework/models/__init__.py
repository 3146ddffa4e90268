"""Casework models: the shared core. Case types keep their detail models in their own packages."""

from .calendar import EquatedDay
from .cases import (
    Case,
    CaseGroupObjectPermission,
    CaseStep,
    CaseUserObjectPermission,
    Handover,
    ReferenceCounter,
    case_row_history,
    processing_activity_of,
)
from .counts import OpenCaseCount
from .idempotency import SubmissionKey
from .links import CaseLink, link_kind_label
from .persons import Person
from .saved_filters import SavedFilter
from .sharing import Approval, BreakGlassGrant, SharingDecision

__all__ = [
    "Approval", "BreakGlassGrant", "Case", "CaseGroupObjectPermission", "CaseLink", "CaseStep",
    "CaseUserObjectPermission", "EquatedDay", "Handover", "OpenCaseCount", "Person", "ReferenceCounter",
    "SavedFilter", "SharingDecision", "SubmissionKey", "case_row_history", "link_kind_label", "processing_activity_of",
]
