"""Field categories of the privacy app's models (merged into casework/categories.py).

These rows are never shared with partners: every field is INTERNAL. One section per module of
casework/privacy/models/ so each can be kept by the module's owner.
"""

from __future__ import annotations

INTERNAL = "internal"
_ID = {"id": INTERNAL}

# --- requests.py (data-subject requests) ---------------------------------------------------------
REQUESTS: dict[str, dict[str, str]] = {
    "privacy.DataSubjectRequest": {**_ID, **dict.fromkeys((
        "data_key_id", "organisation", "person", "subject_pseudonym", "kind", "received_on", "due_on",
        "extension_announced_on", "extended_due_on", "status", "notes", "extension_reason", "postponement_ground",
        "legal_duty_to_keep", "outcome", "motivation", "decided_on", "objection_deadline", "decided_by",
        "created_by", "created_at", "updated_at",
    ), INTERNAL)},
    "privacy.InzageReview": {**_ID, **dict.fromkeys(("request", "marks", "reviewed_by", "reviewed_at"), INTERNAL)},
}

# --- reviews.py (reviews of break-the-glass events and anomalies) ---------------------------------
REVIEWS: dict[str, dict[str, str]] = {
    "privacy.Review": {**_ID, **dict.fromkeys((
        "data_key_id", "rule", "finding_key", "event_sequence", "break_glass_grant", "reviewed_actor_id", "decision",
        "comment", "reviewer", "reviewed_at",
    ), INTERNAL)},
    "privacy.AnomalySetting": {**_ID, **dict.fromkeys(("key", "value", "updated_at", "updated_by"), INTERNAL)},
}

# --- retention.py (retention periods, destruction batches, tombstones) ----------------------------
RETENTION: dict[str, dict[str, str]] = {
    "privacy.RetentionPolicy": {**_ID, **dict.fromkeys((
        "case_type", "years", "counted_from", "basis", "selectielijst_category", "selectielijst_version",
        "archive_action", "is_example", "explanation", "effective_from", "created_by", "created_at",
    ), INTERNAL)},
    "privacy.LegalHold": {**_ID, **dict.fromkeys((
        "data_key_id", "case", "ground", "note", "placed_by", "placed_at", "lifted_at",
    ), INTERNAL)},
    "privacy.DestructionBatch": {**_ID, **dict.fromkeys((
        "number", "case_ids", "case_references", "requested_by", "requested_at", "approved_by", "approved_at",
        "state", "executed_at", "draft_exported_at", "draft_exported_by", "statement_pdf",
    ), INTERNAL)},
    "privacy.Tombstone": {**_ID, **dict.fromkeys((
        "case_id", "case_type", "reference", "opened_on", "closed_on", "basis", "selectielijst_category",
        "retention_years", "batch",
        "erasure_request_id", "requested_by_name", "approved_by_name", "destroyed_at",
    ), INTERNAL)},
}

FIELD_CATEGORIES: dict[str, dict[str, str]] = {**REQUESTS, **REVIEWS, **RETENTION}
