"""Build the API's output rows from model objects, one category check per part.

Every part of a case that belongs to a sharing category (casework/categories.py) is read only
when the caller's `CaseAccess` sees that category; otherwise it is `None` and its encrypted
fields are never decrypted. Metadata is shown with any access.
"""

from __future__ import annotations

from typing import Any

from casework.models import Case, CaseStep, Person, SharingDecision


def ref(obj: Any) -> dict[str, Any] | None:
    if obj is None:
        return None
    name = getattr(obj, "display_name", None) or getattr(obj, "name", "")
    return {"id": obj.pk, "name": str(name)}


def person_summary(person: Person) -> dict[str, Any]:
    return {"id": person.pk, "first_names": person.first_names, "surname": person.surname,
            "date_of_birth": person.date_of_birth}


def person_full(person: Person, *, sees_notes: bool, cases: list[Case]) -> dict[str, Any]:
    return {
        **person_summary(person), "bsn": person.bsn, "address": person.address, "phone": person.phone,
        "contact_notes": person.contact_notes if sees_notes else None,
        "cases": [{"id": c.pk, "reference": c.reference, "status": c.status} for c in cases],
    }


def step(row: CaseStep, *, sees_notes: bool) -> dict[str, Any]:
    return {
        "sequence": row.sequence, "from_status": row.from_status, "to_status": row.to_status, "at": row.at,
        "by": ref(row.by), "reason": row.reason if sees_notes else None, "data": row.data if sees_notes else None,
    }


def share(row: SharingDecision, *, show_weighing: bool, today) -> dict[str, Any]:
    return {
        "id": row.pk, "partner": ref(row.partner), "categories": list(row.categories),
        "processing_activity": row.processing_activity, "legal_basis": row.legal_basis, "purpose": row.purpose,
        "weighing": row.weighing if show_weighing else None, "starts_on": row.starts_on, "ends_on": row.ends_on,
        "decided_by": ref(row.decided_by), "decided_at": row.decided_at, "revoked_at": row.revoked_at,
        "active": row.revoked_at is None and row.starts_on <= today <= row.ends_on,
    }
