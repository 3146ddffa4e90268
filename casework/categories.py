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
DAMOCLES_REPORT = "damocles_report"
DAMOCLES_DECISION = "damocles_decision"
DAMOCLES_REMEDIES = "damocles_remedies"
# Internal bookkeeping (keys, versions, audit links): never shown to partners, needed by the system.
INTERNAL = "internal"

CATEGORY_LABELS = {
    METADATA: _("Case metadata (reference, type, status, dates)"),
    PERSONALIA: _("Personal details"),
    NOTES: _("Notes"),
    PGA_REFERRAL: _("PGA referral"),
    PGA_PLAN: _("Plan of approach"),
    PGA_CONFERENCES: _("Case conferences and agreements"),
    DAMOCLES_REPORT: _("Police report and findings"),
    DAMOCLES_DECISION: _("Decisions and letters"),
    DAMOCLES_REMEDIES: _("Announcements and legal remedies"),
}
CASE_TYPE_CATEGORIES = {
    "pga": (METADATA, PERSONALIA, NOTES, PGA_REFERRAL, PGA_PLAN, PGA_CONFERENCES),
    "damocles": (METADATA, PERSONALIA, NOTES, DAMOCLES_REPORT, DAMOCLES_DECISION, DAMOCLES_REMEDIES),
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
    "casework.CaseLink": {
        "id": INTERNAL, "from_case": METADATA, "to_case": METADATA, "kind": METADATA, "source_type": INTERNAL,
        "source_id": INTERNAL, "created_by": METADATA, "at": METADATA,
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
    # --- Damocles (casework/damocles) ---------------------------------------------------------------
    "damocles.PolicyVersion": {
        "id": INTERNAL, "name": DAMOCLES_DECISION, "effective_from": DAMOCLES_DECISION,
        "lookback_years": DAMOCLES_DECISION, "source": DAMOCLES_DECISION, "created_at": INTERNAL,
    },
    "damocles.PolicyTier": {
        "id": INTERNAL, "version": DAMOCLES_DECISION, "substance": DAMOCLES_DECISION, "unit": DAMOCLES_DECISION,
        "min_amount": DAMOCLES_DECISION, "max_amount": DAMOCLES_DECISION, "label": DAMOCLES_DECISION,
        "first_sanction": DAMOCLES_DECISION, "first_days": DAMOCLES_DECISION, "second_sanction": DAMOCLES_DECISION,
        "second_days": DAMOCLES_DECISION, "third_sanction": DAMOCLES_DECISION, "third_days": DAMOCLES_DECISION,
    },
    "damocles.Premises": {
        **_ID, "kind": METADATA, "street": PERSONALIA, "house_number": PERSONALIA,
        "house_number_addition": PERSONALIA, "postcode": PERSONALIA, "city": PERSONALIA, "bag_id": PERSONALIA,
        "address_index": INTERNAL, "bag_index": INTERNAL, "owner_person": PERSONALIA,
        "owner_entity_name": PERSONALIA, "owner_kvk": PERSONALIA, "notes": NOTES, "created_at": INTERNAL,
    },
    "damocles.PremisesParty": {
        **_ID, "premises": PERSONALIA, "person": PERSONALIA, "role": PERSONALIA, "since": PERSONALIA,
        "until": PERSONALIA,
    },
    "damocles.DamoclesCase": {
        **_ID, "case": METADATA, "premises": PERSONALIA, "policy_version": DAMOCLES_DECISION,
        "offence_number": DAMOCLES_DECISION, "proposed_sanction": DAMOCLES_DECISION,
        "proposed_days": DAMOCLES_DECISION, "chosen_sanction": DAMOCLES_DECISION, "chosen_days": DAMOCLES_DECISION,
        "deviation_reasons": DAMOCLES_DECISION, "geschikt": DAMOCLES_DECISION, "noodzakelijk": DAMOCLES_DECISION,
        "evenwichtig": DAMOCLES_DECISION, "view_term_weeks": DAMOCLES_DECISION,
        "intention_sent_on": DAMOCLES_DECISION, "view_due_on": DAMOCLES_DECISION, "decided_on": DAMOCLES_DECISION,
        "deciding_authority": DAMOCLES_DECISION, "signatory": DAMOCLES_DECISION,
        "compliance_term_days": DAMOCLES_DECISION, "approval": INTERNAL, "urgent": DAMOCLES_DECISION,
        "urgency_reason": DAMOCLES_DECISION, "sealed_on": DAMOCLES_DECISION, "order_posted": DAMOCLES_DECISION,
        "wkpb_due_on": DAMOCLES_DECISION, "wkpb_registered_on": DAMOCLES_DECISION,
        "closure_ends_on": DAMOCLES_DECISION, "reopened_on": DAMOCLES_DECISION,
        "costs_recovered": DAMOCLES_DECISION,
    },
    "damocles.PoliceReport": {
        **_ID, "case": DAMOCLES_REPORT, "received_on": DAMOCLES_REPORT, "found_on": DAMOCLES_REPORT,
        "ground": DAMOCLES_REPORT, "police_reference": DAMOCLES_REPORT, "summary": DAMOCLES_REPORT,
        "document": DAMOCLES_REPORT, "created_by": DAMOCLES_REPORT,
    },
    "damocles.Finding": {
        "id": INTERNAL, "report": DAMOCLES_REPORT, "substance": DAMOCLES_REPORT, "amount": DAMOCLES_REPORT,
        "unit": DAMOCLES_REPORT,
    },
    "damocles.Announcement": {
        **_ID, "case": DAMOCLES_REMEDIES, "addressee_person": DAMOCLES_REMEDIES,
        "addressee_name": DAMOCLES_REMEDIES, "role": DAMOCLES_REMEDIES, "method": DAMOCLES_REMEDIES,
        "announced_on": DAMOCLES_REMEDIES, "objection_deadline": DAMOCLES_REMEDIES,
    },
    "damocles.Objection": {
        **_ID, "case": DAMOCLES_REMEDIES, "announcement": DAMOCLES_REMEDIES, "received_on": DAMOCLES_REMEDIES,
        "advisory_committee": DAMOCLES_REMEDIES, "suspension_days": DAMOCLES_REMEDIES,
        "extension_weeks": DAMOCLES_REMEDIES, "extension_ground": DAMOCLES_REMEDIES,
        "decision_due_on": DAMOCLES_REMEDIES, "state": DAMOCLES_REMEDIES, "outcome": DAMOCLES_REMEDIES,
        "decided_on": DAMOCLES_REMEDIES,
    },
    "damocles.InterimRelief": {
        **_ID, "case": DAMOCLES_REMEDIES, "requested_on": DAMOCLES_REMEDIES,
        "municipality_waits": DAMOCLES_REMEDIES, "state": DAMOCLES_REMEDIES, "ruled_on": DAMOCLES_REMEDIES,
    },
    "damocles.Appeal": {
        **_ID, "case": DAMOCLES_REMEDIES, "level": DAMOCLES_REMEDIES, "lodged_on": DAMOCLES_REMEDIES,
        "ruled_on": DAMOCLES_REMEDIES, "outcome": DAMOCLES_REMEDIES,
    },
    "damocles.Letter": {
        **_ID, "case": DAMOCLES_DECISION, "kind": DAMOCLES_DECISION, "announcement": DAMOCLES_DECISION,
        "html": DAMOCLES_DECISION, "pdf": DAMOCLES_DECISION, "created_by": DAMOCLES_DECISION,
        "created_at": DAMOCLES_DECISION,
    },
}


# Each later case type (and the privacy app) keeps its own mapping in its own package.
from casework.park import categories as _park  # noqa: E402 - needs the constants above
from casework.privacy import categories as _privacy  # noqa: E402

CATEGORY_LABELS.update(_park.CATEGORY_LABELS)
SHAREABLE = tuple(CATEGORY_LABELS)
CASE_TYPE_CATEGORIES.update(_park.CASE_TYPE_CATEGORIES)
FIELD_CATEGORIES.update(_park.FIELD_CATEGORIES)
FIELD_CATEGORIES.update(_privacy.FIELD_CATEGORIES)


def category_of(model_label: str, field_name: str) -> str:
    return FIELD_CATEGORIES[model_label][field_name]
