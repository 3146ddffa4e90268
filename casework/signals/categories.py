"""Sharing categories of a signal and the category of every field of its models.

- `signal_intake`: what was signalled — category, date, address or premises, description, the persons
  named in it with the state of informing them (AVG 14), and the legal basis for criminal-law data
  (AVG art. 10, UAVG art. 33). A partner who registered a signal receives this category (and nothing
  else) through the sharing decision written at intake.
- `signal_triage`: the triage — its outcome, the review date of monitoring, the routing (purpose,
  linked case, partner) and the reasons. Only who holds it sees what became of a signal.
- `signal_sources` (shielded): who reported — a person or an organisation. Never part of a default
  share; a sharing decision naming it needs its own weighing (casework/sharing.py).

No category holds Bibob information or advice (Wet Bibob art. 28): "routed to a Bibob check" is an
outcome only, with a fixed text (casework/signals/services/triage.py).
"""

from __future__ import annotations

from casework.categories import INTERNAL, METADATA

INTAKE = "signal_intake"
TRIAGE = "signal_triage"
SOURCES = "signal_sources"

_ID = {"id": INTERNAL, "data_key_id": INTERNAL}
_BOOK = {"created_by": INTERNAL, "created_at": INTERNAL}

FIELD_CATEGORIES: dict[str, dict[str, str]] = {
    "signals.Signal": {
        **_ID, "case": METADATA, "category": INTAKE, "received_on": INTAKE, "description": INTAKE,
        "address": INTAKE, "bag_id": INTAKE, "bag_object_id": INTAKE, "address_verified": INTAKE,
        "legal_ground": INTAKE, "outcome": TRIAGE, "routed_to": TRIAGE, "triaged_on": TRIAGE, "review_on": TRIAGE,
        "follow_up_ended_on": TRIAGE, "created_at": INTERNAL,
    },
    "signals.SignalPerson": {
        **_ID, **_BOOK, "case": INTAKE, "person": INTAKE, "involvement": INTAKE, "informing": INTAKE,
        "postponement_ground": INTAKE, "postponement_review_on": INTAKE, "informed_on": INTAKE,
    },
    "signals.SignalSource": {
        **_ID, **_BOOK, "case": SOURCES, "kind": SOURCES, "person": SOURCES, "organisation": SOURCES,
        "organisation_name": SOURCES,
    },
    "signals.Triage": {
        **_ID, **_BOOK, "case": TRIAGE, "outcome": TRIAGE, "decided_on": TRIAGE, "reason": TRIAGE,
        "purpose": TRIAGE, "review_on": TRIAGE, "routed_to": TRIAGE, "linked_case": TRIAGE, "partner": TRIAGE,
        "share": TRIAGE,
    },
}
