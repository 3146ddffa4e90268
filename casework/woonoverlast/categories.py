"""Sharing categories of a woonoverlast file and the category of every field of its models.

- `woonoverlast_melders` (shielded): the nuisance reports and who made them. Never part of a
  default share; a partner sees them only with a sharing decision that names this category and
  carries its own weighing (casework/sharing.py). The veroorzaker's inzage report leaves them out
  and says so (casework/privacy/inzage_content.py `withheld_notes`).
- `woonoverlast_evidence`: the zwartboek — the anonymised statements in which an official records
  having verified the reporters' identities (what goes into the intention and the objection and
  court files, Awb 4:8, 7:4, 8:42) — and the counts of reports per source category (AVG 14).
- `woonoverlast_interventions`: the lighter interventions (buurtbemiddeling, warnings, care offer).
- `woonoverlast_decisions`: intentions and views, the gedragsaanwijzing (art. 151d), the closure
  (art. 174a), compliance checks and enforcement acts. Announcements and remedies are the core's
  `remedies`, forfeitures and their collection the core's `penalties`.
"""

from __future__ import annotations

from casework.categories import INTERNAL, METADATA, NOTES, PERSONALIA

MELDERS = "woonoverlast_melders"
EVIDENCE = "woonoverlast_evidence"
INTERVENTIONS = "woonoverlast_interventions"
DECISIONS = "woonoverlast_decisions"

_ID = {"id": INTERNAL, "data_key_id": INTERNAL}
_BOOK = {"created_by": INTERNAL, "created_at": INTERNAL}


def _all(category: str, *names: str) -> dict[str, str]:
    return {**_ID, **_BOOK, **dict.fromkeys(names, category)}


FIELD_CATEGORIES: dict[str, dict[str, str]] = {
    "woonoverlast.ApvArticle": {
        "id": INTERNAL, "organisation": METADATA, "article": METADATA, "title": METADATA, "text": METADATA,
        "effective_from": METADATA, "max_duration_weeks": METADATA, "landlord_addressable": METADATA,
        "created_at": INTERNAL,
    },
    "woonoverlast.WoonoverlastFile": {
        **_ID, "case": METADATA, "dwelling_address": PERSONALIA, "summary": NOTES,
        "bag_id": PERSONALIA, "bag_object_id": PERSONALIA, "address_verified": METADATA,
    },
    "woonoverlast.Melding": _all(MELDERS, "case", "melder", "source", "reported_on", "kind", "description"),
    "woonoverlast.Zwartboek": {
        **_all(EVIDENCE, "case", "compiled_on", "statements", "verified_on"), "verified_by": EVIDENCE,
    },
    "woonoverlast.Intervention": _all(INTERVENTIONS, "case", "kind", "carried_out_on", "outcome", "linked_case"),
    "woonoverlast.Intention": _all(DECISIONS, "case", "decision", "sent_on", "view_term_weeks", "view_due_on",
                                   "view_received_on", "view_summary", "zwartboek", "signatory", "under_mandate"),
    "woonoverlast.BehaviouralOrder": {
        **_all(DECISIONS, "case", "intention", "apv_article", "addressees", "addressee_capacity", "behaviour",
               "enforcement", "duration_weeks", "compliance_term_days", "penalty_form", "amount", "time_unit",
               "maximum", "urgent", "urgency_reason", "decided_on", "starts_on", "ends_on", "signatory",
               "under_mandate", "state"),
        "approval": INTERNAL,
    },
    "woonoverlast.Closure": {
        **_all(DECISIONS, "case", "intention", "addressees", "grounds", "duration_weeks", "disturbance_term_days",
               "urgent", "urgency_reason", "decided_on", "starts_on", "ends_on", "extension_weeks",
               "extension_ground", "extended_on", "costs_amount", "costs_specification", "costs_decided_on",
               "costs_signatory", "costs_under_mandate", "signatory", "under_mandate", "state"),
        "approval": INTERNAL,
    },
    "woonoverlast.ClosureExtension": {
        **_all(DECISIONS, "case", "closure", "weeks", "ground", "decided_on", "ends_on", "signatory", "under_mandate",
               "state"),
        "approval": INTERNAL,
    },
    "woonoverlast.ComplianceCheck": _all(DECISIONS, "case", "order", "checked_on", "complied", "findings"),
    "woonoverlast.EnforcementAct": _all(DECISIONS, "case", "order", "closure", "carried_out_on", "urgent",
                                        "urgency_reason", "description", "costs"),
}
