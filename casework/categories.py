"""Categories of case data a sharing decision can name, and which field belongs to which.

Every concrete field of every casework model maps to exactly one category
(tests/casework/test_categories.py keeps that true when case types are added), so a partner who
received "metadata" and "pga_plan" sees exactly those fields and no others.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

METADATA = "metadata"
PERSONALIA = "personalia"
NOTES = "notes"
PGA_REFERRAL = "pga_referral"
PGA_PLAN = "pga_plan"
PGA_CONFERENCES = "pga_conferences"
# Internal bookkeeping (keys, versions, audit links): never shown to partners, needed by the system.
INTERNAL = "internal"

CATEGORY_LABELS = {
    METADATA: _("Case metadata (reference, type, status, dates)"),
    PERSONALIA: _("Personal details"),
    NOTES: _("Notes"),
    PGA_REFERRAL: _("PGA referral"),
    PGA_PLAN: _("Plan of approach"),
    PGA_CONFERENCES: _("Case conferences and agreements"),
}
SHAREABLE = tuple(CATEGORY_LABELS)
CASE_TYPE_CATEGORIES = {
    "pga": (METADATA, PERSONALIA, NOTES, PGA_REFERRAL, PGA_PLAN, PGA_CONFERENCES),
}

_ID = {"id": INTERNAL, "data_key_id": INTERNAL}

FIELD_CATEGORIES: dict[str, dict[str, str]] = {
    "casework.Person": {
        **_ID, "controller": METADATA, "first_names": PERSONALIA, "surname": PERSONALIA, "bsn": PERSONALIA,
        "date_of_birth": PERSONALIA, "address": PERSONALIA, "phone": PERSONALIA, "contact_notes": NOTES,
        "bsn_index": INTERNAL, "name_dob_index": INTERNAL, "restricted": INTERNAL, "created_at": INTERNAL,
    },
    "casework.Case": {
        **_ID, "case_type": METADATA, "reference": METADATA, "status": METADATA, "person": PERSONALIA,
        "controller": METADATA, "joint_controllers": METADATA, "referring_organisation": METADATA,
        "owner": METADATA, "team": METADATA, "opened_on": METADATA, "closed_on": METADATA,
        "version": INTERNAL, "created_at": INTERNAL,
    },
    "casework.CaseStep": {
        **_ID, "case": METADATA, "sequence": METADATA, "from_status": METADATA, "to_status": METADATA,
        "at": METADATA, "by": METADATA, "reason": NOTES, "data": NOTES,
    },
    "casework.SharingDecision": {
        **_ID, "case": METADATA, "partner": METADATA, "categories": METADATA, "processing_activity": METADATA,
        "legal_basis": METADATA, "purpose": METADATA, "weighing": INTERNAL, "starts_on": METADATA,
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
    "casework.EquatedDay": {"id": INTERNAL, "date": INTERNAL, "description": INTERNAL, "source": INTERNAL},
    "casework.ReferenceCounter": {"id": INTERNAL, "case_type": INTERNAL, "year": INTERNAL, "last_number": INTERNAL},
    "casework.CaseUserObjectPermission": {
        "id": INTERNAL, "content_object": INTERNAL, "permission": INTERNAL, "user": INTERNAL,
    },
    "casework.CaseGroupObjectPermission": {
        "id": INTERNAL, "content_object": INTERNAL, "permission": INTERNAL, "group": INTERNAL,
    },
    "pga.PgaCase": {
        **_ID, "case": METADATA, "aanleiding": PGA_REFERRAL, "conference_goal": PGA_REFERRAL,
        "partners_to_invite": PGA_REFERRAL, "informed_status": PGA_REFERRAL, "informed_on": PGA_REFERRAL,
        "postponement_ground": PGA_REFERRAL, "triage_advice": PGA_REFERRAL, "escalated": METADATA,
        "escalation_reason": NOTES, "closure_reason": METADATA, "aftercare_check_on": METADATA,
    },
    "pga.Conference": {
        **_ID, "case": PGA_CONFERENCES, "held_on": PGA_CONFERENCES, "invited": PGA_CONFERENCES,
        "attending": PGA_CONFERENCES, "minutes": PGA_CONFERENCES, "created_by": PGA_CONFERENCES,
    },
    "pga.Agreement": {
        **_ID, "case": PGA_CONFERENCES, "conference": PGA_CONFERENCES, "description": PGA_CONFERENCES,
        "owner_organisation": PGA_CONFERENCES, "due_on": PGA_CONFERENCES, "status": PGA_CONFERENCES,
    },
    "pga.PlanVersion": {
        **_ID, "case": PGA_PLAN, "number": PGA_PLAN, "goals": PGA_PLAN, "created_by": PGA_PLAN,
        "created_at": PGA_PLAN,
    },
}


def category_of(model_label: str, field_name: str) -> str:
    return FIELD_CATEGORIES[model_label][field_name]
