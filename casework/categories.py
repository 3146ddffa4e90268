"""Categories of case data a sharing decision can name, and which field belongs to which.

The core defines the categories every case type has (metadata, personal details, notes) and the
internal bookkeeping category; each case type registers its own categories and the category of
every field of its models (casework/registry.py), the core's shared components (legal remedies,
penalties) register theirs once for every type that uses them, and the privacy app registers its
internal models. Every concrete field of every casework model maps to exactly one category (the system
check in casework/checks.py and tests/casework/test_categories.py keep that true), so a partner
who received "metadata" and "pga_plan" sees exactly those fields and no others.

`CATEGORY_LABELS` and `FIELD_CATEGORIES` are filled as case types register; read them at call
time (never copy them at import), or use the functions below.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _

from casework import registry

METADATA = "metadata"
PERSONALIA = "personalia"
NOTES = "notes"
# Internal bookkeeping (keys, versions, audit links): never shown to partners, needed by the system.
INTERNAL = "internal"
CORE_CATEGORIES = (METADATA, PERSONALIA, NOTES)

CATEGORY_LABELS: dict[str, object] = {
    METADATA: _("Case metadata (reference, type, status, dates)"),
    PERSONALIA: _("Personal details"),
    NOTES: _("Notes"),
}
SHIELDED: set[str] = set()  # categories of shielded parties (melders, sources of signals)

_ID = {"id": INTERNAL, "data_key_id": INTERNAL}

FIELD_CATEGORIES: dict[str, dict[str, str]] = {
    "casework.Person": {
        **_ID, "controller": METADATA, "first_names": PERSONALIA, "surname": PERSONALIA, "bsn": PERSONALIA,
        "date_of_birth": PERSONALIA, "address": PERSONALIA, "phone": PERSONALIA, "contact_notes": NOTES,
        "bsn_index": INTERNAL, "name_dob_index": INTERNAL, "restricted": INTERNAL, "created_at": INTERNAL,
        "brp_verified_on": PERSONALIA,
    },
    "casework.Case": {
        **_ID, "case_type": METADATA, "reference": METADATA, "status": METADATA, "person": PERSONALIA,
        "controller": METADATA, "joint_controllers": METADATA, "referring_organisation": METADATA,
        "owner": METADATA, "team": METADATA, "opened_on": METADATA, "closed_on": METADATA,
        "version": INTERNAL, "created_at": INTERNAL, "person_restricted": INTERNAL,
    },
    "casework.CaseStep": {
        **_ID, "case": METADATA, "sequence": METADATA, "from_status": METADATA, "to_status": METADATA,
        "at": METADATA, "by": METADATA, "reason": NOTES, "data": NOTES,
    },
    "casework.SharingDecision": {
        **_ID, "case": METADATA, "partner": METADATA, "categories": METADATA, "processing_activity": METADATA,
        "legal_basis": METADATA, "purpose": METADATA, "weighing": INTERNAL, "shielded_weighing": INTERNAL,
        "starts_on": METADATA,
        "ends_on": METADATA, "decided_by": METADATA, "decided_at": METADATA, "revoked_at": METADATA,
        "revoked_by": METADATA, "revoke_reason": INTERNAL, "expiry_recorded_at": INTERNAL,
    },
    "casework.Handover": {
        **_ID, "case": METADATA, "from_owner": METADATA, "to_owner": METADATA, "by": METADATA, "at": METADATA,
        "reason": NOTES,
    },
    "casework.BreakGlassGrant": {
        **_ID, "case": INTERNAL, "user": INTERNAL, "reason": INTERNAL, "granted_at": INTERNAL,
        "expires_at": INTERNAL,
    },
    "casework.Approval": {
        **_ID, "case": INTERNAL, "subject": INTERNAL, "payload": INTERNAL, "requested_by": INTERNAL,
        "requested_at": INTERNAL, "decision": INTERNAL, "decided_by": INTERNAL, "decided_at": INTERNAL,
        "reason": INTERNAL,
    },
    "casework.CaseLink": {
        "id": INTERNAL, "from_case": METADATA, "to_case": METADATA, "kind": METADATA, "source_type": INTERNAL,
        "source_id": INTERNAL, "created_by": METADATA, "at": METADATA,
    },
    "casework.SubmissionKey": dict.fromkeys(("id", "user", "channel", "key_digest", "fingerprint", "created_at",
                                             "completed_at", "location", "created_id"), INTERNAL),
    # a user's saved list filters: codes and ids only, no data of a data subject (casework/models/saved_filters.py)
    "casework.SavedFilter": dict.fromkeys(("id", "user", "page", "query", "created_at"), INTERNAL),
    "casework.EquatedDay": {"id": INTERNAL, "date": INTERNAL, "description": INTERNAL, "source": INTERNAL},
    "casework.ReferenceCounter": {"id": INTERNAL, "case_type": INTERNAL, "year": INTERNAL, "last_number": INTERNAL},
    # the open cases per organisation, type and status, as the database counts them: numbers, no case, no person
    # (casework/models/counts.py, ADR 0057)
    "casework.OpenCaseCount": dict.fromkeys(("id", "controller", "case_type", "status", "n"), INTERNAL),
    "casework.CaseUserObjectPermission": {
        "id": INTERNAL, "content_object": INTERNAL, "permission": INTERNAL, "user": INTERNAL,
    },
    "casework.CaseGroupObjectPermission": {
        "id": INTERNAL, "content_object": INTERNAL, "permission": INTERNAL, "group": INTERNAL,
    },
}
_CORE_FIELDS = dict(FIELD_CATEGORIES)
_CORE_LABELS = dict(CATEGORY_LABELS)
_EXTRA_FIELDS: dict[str, dict[str, str]] = {}


def register_fields(mapping: Mapping[str, Mapping[str, str]]) -> None:
    """Add the field categories of models outside a case type (the privacy app's bookkeeping)."""
    _EXTRA_FIELDS.update({label: dict(fields) for label, fields in mapping.items()})
    FIELD_CATEGORIES.update(_EXTRA_FIELDS)


def _on_register(_spec: registry.CaseTypeSpec | None) -> None:
    """Rebuild the tables from the core and every registered type (in place: callers hold them)."""
    CATEGORY_LABELS.clear()
    CATEGORY_LABELS.update(_CORE_LABELS)
    FIELD_CATEGORIES.clear()
    FIELD_CATEGORIES.update(_CORE_FIELDS)
    FIELD_CATEGORIES.update(_EXTRA_FIELDS)
    SHIELDED.clear()
    kinds: list[registry.ComponentSpec | registry.CaseTypeSpec] = [*registry.components(), *registry.types()]
    for kind in kinds:
        for category in kind.categories:
            CATEGORY_LABELS[category.code] = category.label
            if category.shielded:
                SHIELDED.add(category.code)
        FIELD_CATEGORIES.update({label: dict(fields) for label, fields in (kind.field_categories or {}).items()})


registry.on_register(_on_register)


def shareable() -> tuple[str, ...]:
    """Every category a sharing decision can name (core and registered case types)."""
    return tuple(CATEGORY_LABELS)


def for_case_type(case_type: str) -> tuple[str, ...]:
    """The categories of one case type: the core ones, its own and those of the components it uses."""
    spec = registry.find(case_type)
    if spec is None:
        return CORE_CATEGORIES
    used = tuple(code for part in registry.components_of(spec) for code in part.category_codes)
    return CORE_CATEGORIES + spec.category_codes + used


def is_shielded(code: str) -> bool:
    return code in SHIELDED


def label_of(code: str) -> str:
    return str(CATEGORY_LABELS.get(code, code))


def category_of(model_label: str, field_name: str) -> str:
    return FIELD_CATEGORIES[model_label][field_name]
