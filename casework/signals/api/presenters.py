"""What the signals API shows of a signal, per sharing category (never the source)."""

from __future__ import annotations

from typing import Any

from casework.access import CaseAccess
from casework.models import Case
from casework.signals.categories import INTAKE, TRIAGE
from casework.signals.selectors import signal_section
from casework.signals.workflow import WORKFLOW


def list_item(case: Case) -> dict[str, Any]:
    return {"id": case.pk, "reference": case.reference, "status": case.status,
            "status_label": WORKFLOW.label(case.status), "opened_on": case.opened_on, "closed_on": case.closed_on,
            "owner": {"id": case.owner_id, "name": case.owner.display_name}}


def detail(case: Case, case_access: CaseAccess) -> tuple[dict[str, Any], list[Any]]:
    """The body, and the data subjects it discloses (the named persons, when the intake is shown)."""
    section = signal_section(case=case, case_access=case_access)
    body: dict[str, Any] = {**list_item(case), "version": case.version, "intake": None, "triage": None}
    if section is None:
        return body, []
    signal = section.signal
    if section.sees[INTAKE]:
        body["intake"] = {
            "category": signal.category, "category_label": signal.get_category_display(),
            "received_on": signal.received_on, "description": signal.description, "address": signal.address,
            "address_verified": signal.address_verified, "legal_ground": signal.legal_ground,
            "legal_ground_label": signal.get_legal_ground_display(),
            "persons": [{"person_id": row.person_id, "name": f"{row.person.first_names} {row.person.surname}".strip(),
                         "involvement": row.involvement, "informing": row.informing,
                         "postponement_ground": row.postponement_ground,
                         "postponement_review_on": row.postponement_review_on} for row in section.persons],
        }
    if section.sees[TRIAGE]:
        body["triage"] = [{"outcome": row.outcome, "outcome_label": row.get_outcome_display(),
                           "decided_on": row.decided_on, "review_on": row.review_on, "routed_to": row.routed_to,
                           "linked_case_id": row.linked_case_id, "partner": row.partner.name if row.partner else None,
                           "reason": row.reason, "purpose": row.purpose} for row in section.triages]
    return body, [row.person_id for row in section.persons]
