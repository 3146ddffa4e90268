"""Build the API's output rows from model objects, one category check per part.

Every part of a case that belongs to a sharing category (casework/categories.py) is read only
when the caller's `CaseAccess` sees that category; otherwise it is `None` and its encrypted
fields are never decrypted. Metadata is shown with any access.
"""

from __future__ import annotations

from typing import Any

from casework.access import CaseAccess
from casework.categories import PERSONALIA
from casework.models import Case, CaseStep, Person, SharingDecision
from casework.workflow import workflow_for


def ref(obj: Any) -> dict[str, Any] | None:
    if obj is None:
        return None
    name = getattr(obj, "display_name", None) or getattr(obj, "name", "")
    return {"id": obj.pk, "name": str(name)}


def person_summary(person: Person) -> dict[str, Any]:
    return {"id": person.pk, "first_names": person.first_names, "surname": person.surname,
            "date_of_birth": person.date_of_birth}


def person_or_none(person: Person | None) -> dict[str, Any] | None:
    """A nullable link to a person (an owner that may be a legal entity, an addressee's person)."""
    return person_summary(person) if person is not None else None


def person_full(person: Person, *, sees_notes: bool, cases: list[Case]) -> dict[str, Any]:
    return {
        **person_summary(person), "bsn": person.bsn, "address": person.address, "phone": person.phone,
        "contact_notes": person.contact_notes if sees_notes else None,
        "cases": [{"id": c.pk, "reference": c.reference, "status": c.status} for c in cases],
    }


def shows_person(case: Case, access: CaseAccess, shielded: dict[Any, set[str]]) -> bool:
    """The case's main person is shown with personalia, and when they are also a shielded party of
    the case (casework/person_roles.py `shielded_subjects`) only with those categories too."""
    return bool(case.person_id) and access.sees(PERSONALIA) and all(
        access.sees(category) for category in shielded.get(case.pk, ()))


def case_item(case: Case, access: CaseAccess, *, show_person: bool) -> dict[str, Any]:
    """The core columns of a case of any type (the list of all cases and its detail)."""
    return {
        "id": case.pk, "reference": case.reference, "case_type": case.case_type, "status": case.status,
        "status_label": workflow_for(case).label(case.status), "opened_on": case.opened_on,
        "closed_on": case.closed_on, "owner": ref(case.owner), "team": ref(case.team),
        "person": person_summary(case.person) if show_person and case.person is not None else None,
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
