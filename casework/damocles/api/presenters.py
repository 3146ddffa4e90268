"""Output rows of the Damocles API, one sharing-category check per part (casework/categories.py).

A part the caller does not see is `None` and its encrypted fields are never decrypted: the
premises' address and parties need `personalia`, the police report and findings
`damocles_report`, the assessment, decision and letters `damocles_decision`, and the
announcements, objections, interim relief and appeals `remedies` (the core's legal remedies). The kind of premises
and the case metadata come with any access. Letters are listed as metadata only: their content
is served (and audited) by the letter download, never inline.
"""

from __future__ import annotations

from typing import Any

from casework.access import CaseAccess, visible_cases
from casework.api.presenters import person_or_none, person_summary, ref, step
from casework.categories import NOTES, PERSONALIA
from casework.damocles.casetype import DAMOCLES_DECISION, DAMOCLES_REPORT
from casework.damocles.models import DamoclesCase, Premises, PremisesKind
from casework.models import Case
from casework.remedies.component import REMEDIES
from casework.workflow import workflow_for


def _label(choices, value: str) -> str:
    return str(dict(choices.choices).get(value, value)) if value else ""


def address_line(premises: Premises) -> str:
    number = f"{premises.house_number}{premises.house_number_addition or ''}"
    return f"{premises.street} {number}, {premises.postcode} {premises.city}"


def premises_summary(premises: Premises, access: CaseAccess) -> dict[str, Any]:
    """Kind (metadata) always; the address only with personalia."""
    return {
        "id": premises.pk, "kind": premises.kind, "kind_label": _label(PremisesKind, premises.kind),
        "address": address_line(premises) if access.sees(PERSONALIA) else None,
    }


def premises_full(premises: Premises, access: CaseAccess) -> dict[str, Any]:
    body = premises_summary(premises, access)
    if not access.sees(PERSONALIA):
        return {**body, "street": None, "house_number": None, "house_number_addition": None, "postcode": None,
                "city": None, "bag_id": None, "bag_object_id": None, "address_verified": None, "owner": None,
                "parties": None, "notes": None}
    owner = {"person": person_or_none(premises.owner_person) if premises.owner_person_id else None,
             "entity_name": premises.owner_entity_name, "kvk": premises.owner_kvk}
    parties = [{"id": p.pk, "role": p.role, "person": person_or_none(p.person), "since": p.since, "until": p.until}
               for p in premises.parties.select_related("person")]
    return {
        **body, "street": premises.street, "house_number": premises.house_number,
        "house_number_addition": premises.house_number_addition, "postcode": premises.postcode,
        "city": premises.city, "bag_id": premises.bag_id, "bag_object_id": premises.bag_object_id,
        "address_verified": premises.address_verified, "owner": owner, "parties": parties,
        "notes": premises.notes if access.sees(NOTES) else None,
    }


def police_reports(case: Case) -> list[dict[str, Any]]:
    return [
        {
            "id": r.pk, "received_on": r.received_on, "found_on": r.found_on, "ground": r.ground,
            "police_reference": r.police_reference, "summary": r.summary, "has_document": bool(r.document),
            "findings": [{"substance": f.substance, "amount": f.amount, "unit": f.unit} for f in r.findings.all()],
        }
        for r in case.police_reports.prefetch_related("findings").order_by("received_on")
    ]


def policy_version(version) -> dict[str, Any] | None:
    if version is None:
        return None
    return {"id": version.pk, "name": version.name, "effective_from": version.effective_from,
            "lookback_years": version.lookback_years}


def assessment(detail: DamoclesCase) -> dict[str, Any]:
    return {
        "policy_version": policy_version(detail.policy_version), "offence_number": detail.offence_number,
        "proposed_sanction": detail.proposed_sanction, "proposed_days": detail.proposed_days,
        "chosen_sanction": detail.chosen_sanction, "chosen_days": detail.chosen_days,
        "deviation_reasons": detail.deviation_reasons, "geschikt": detail.geschikt,
        "noodzakelijk": detail.noodzakelijk, "evenwichtig": detail.evenwichtig,
    }


def proposal(found) -> dict[str, Any]:
    return {"policy_version": policy_version(found.policy_version), "offence_number": found.offence_number,
            "sanction": found.sanction, "days": found.days, "tier": found.tier.label if found.tier else None,
            "explanation": str(found.explanation)}


def approval(row) -> dict[str, Any] | None:
    if row is None:
        return None
    return {"id": row.pk, "subject": row.subject, "decision": row.decision, "requested_by": ref(row.requested_by),
            "requested_at": row.requested_at, "decided_by": ref(row.decided_by), "decided_at": row.decided_at}


def decision(detail: DamoclesCase, access: CaseAccess) -> dict[str, Any]:
    internal = access.via != "share"  # the approval row is internal bookkeeping, never a partner's
    return {
        "view_term_weeks": detail.view_term_weeks, "intention_sent_on": detail.intention_sent_on,
        "view_due_on": detail.view_due_on, "intention_signatory": detail.intention_signatory,
        "intention_under_mandate": detail.intention_under_mandate, "decided_on": detail.decided_on,
        "deciding_authority": detail.deciding_authority, "signatory": detail.signatory,
        "under_mandate": detail.under_mandate,
        "compliance_term_days": detail.compliance_term_days, "urgent": detail.urgent,
        "urgency_reason": detail.urgency_reason, "sealed_on": detail.sealed_on, "order_posted": detail.order_posted,
        "wkpb_due_on": detail.wkpb_due_on, "wkpb_registered_on": detail.wkpb_registered_on,
        "closure_ends_on": detail.closure_ends_on, "reopened_on": detail.reopened_on,
        "costs_recovered": detail.costs_recovered,
        "approval": approval(detail.approval) if internal else None,
    }


def announcement(row) -> dict[str, Any]:
    return {
        "id": row.pk, "role": row.role, "method": row.method, "announced_on": row.announced_on,
        "objection_deadline": row.objection_deadline, "compliance_ends_on": row.compliance_ends_on,
        "addressee_person": person_summary(row.addressee_person) if row.addressee_person_id else None,
        "addressee_name": row.addressee_name,
    }


OBJECTION_FIELDS = (
    "received_on", "posted_on", "late", "lateness_excused", "excuse_reasons", "advisory_committee", "suspended_from",
    "suspended_until", "suspension_days", "extension_weeks", "extension_ground", "extension_notice_sent_on",
    "postponement_weeks", "postponement_basis", "consent_on", "postponement_ground", "postponement_notice_sent_on",
    "decision_due_on", "state", "outcome", "decided_on",
)


def objection(row) -> dict[str, Any]:
    values = {name: getattr(row, name) for name in OBJECTION_FIELDS}
    return {"id": row.pk, "announcement": row.announcement_id, **values}


def interim_relief(row) -> dict[str, Any]:
    return {"id": row.pk, "requested_on": row.requested_on, "municipality_waits": row.municipality_waits,
            "state": row.state, "ruled_on": row.ruled_on}


def appeal(row) -> dict[str, Any]:
    return {"id": row.pk, "level": row.level, "lodged_on": row.lodged_on, "ruled_on": row.ruled_on,
            "annulled": row.annulled, "outcome": row.outcome}


def letter(row) -> dict[str, Any]:
    return {"id": row.pk, "kind": row.kind, "announcement": row.announcement_id, "created_by": ref(row.created_by),
            "created_at": row.created_at}


def remedies(case: Case) -> dict[str, Any]:
    return {
        "announcements": [announcement(r) for r in case.announcements.select_related("addressee_person")],
        "objections": [objection(r) for r in case.objections.all()],
        "interim_reliefs": [interim_relief(r) for r in case.interim_reliefs.all()],
        "appeals": [appeal(r) for r in case.appeals.all()],
    }


def list_item(case: Case, access: CaseAccess) -> dict[str, Any]:
    detail = case.damocles
    return {
        "id": case.pk, "reference": case.reference, "status": case.status,
        "status_label": workflow_for(case).label(case.status), "opened_on": case.opened_on,
        "closed_on": case.closed_on, "owner": ref(case.owner), "team": ref(case.team),
        "urgent": detail.urgent if access.sees(DAMOCLES_DECISION) else None,
        "premises": premises_summary(detail.premises, access),
    }


def procedure_detail(case: Case, access: CaseAccess, *, transitions: list[dict[str, Any]]) -> dict[str, Any]:
    """The whole procedure as far as `access` reaches; each hidden part is None."""
    detail = case.damocles
    sees_notes = access.sees(NOTES)
    changes = bool(transitions) or access.allows("change")
    return {
        **list_item(case, access),
        "controller": ref(case.controller), "categories": sorted(access.categories),
        "version": case.version if changes else None, "available_transitions": transitions,
        "person": person_or_none(case.person) if case.person_id and access.sees(PERSONALIA) else None,
        "premises": premises_full(detail.premises, access),
        "police_reports": police_reports(case) if access.sees(DAMOCLES_REPORT) else None,
        "assessment": assessment(detail) if access.sees(DAMOCLES_DECISION) else None,
        "decision": decision(detail, access) if access.sees(DAMOCLES_DECISION) else None,
        "letters": [letter(r) for r in case.letters.select_related("created_by")]
        if access.sees(DAMOCLES_DECISION) else None,
        "remedies": remedies(case) if access.sees(REMEDIES) else None,
        "steps": [step(s, sees_notes=sees_notes) for s in case.steps.select_related("by").order_by("sequence")],
    }


def earlier_visible(user, case: Case) -> int:
    """Other procedures at the same premises that this user may see (never other controllers' secrets)."""
    return visible_cases(user).filter(damocles__premises_id=case.damocles.premises_id).exclude(pk=case.pk).count()


def persons_shown(case: Case, access: CaseAccess) -> list:
    """Ids of the data subjects a detail response discloses (one audit event each)."""
    ids = [case.person_id] if case.person_id else []
    if access.sees(PERSONALIA):
        premises = case.damocles.premises
        ids += [premises.owner_person_id] if premises.owner_person_id else []
        ids += list(premises.parties.values_list("person_id", flat=True))
    if access.sees(REMEDIES):
        ids += [pid for pid in case.announcements.values_list("addressee_person_id", flat=True) if pid]
    return list(dict.fromkeys(ids))
