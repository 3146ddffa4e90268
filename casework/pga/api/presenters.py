"""Build the PGA API's output rows from model objects, one category check per part
(as casework/api/presenters.py does for the parts every case type shares)."""

from __future__ import annotations

from typing import Any

from casework import access as case_access_rules
from casework.access import CaseAccess
from casework.api.presenters import person_full, person_summary, ref, step
from casework.categories import NOTES, PERSONALIA
from casework.models import Case
from casework.pga.casetype import PGA_PLAN, PGA_REFERRAL
from casework.pga.models import (
    Agreement,
    AgreementNote,
    Conference,
    PartnerContribution,
    PlanVersion,
    SelfRelianceMeasurement,
)
from casework.workflow import available_transitions, workflow_for


def case_list_item(case: Case, access: CaseAccess) -> dict[str, Any]:
    pga = getattr(case, "pga", None)
    return {
        "id": case.pk, "reference": case.reference, "case_type": case.case_type, "status": case.status,
        "status_label": workflow_for(case).label(case.status), "opened_on": case.opened_on,
        "closed_on": case.closed_on, "owner": ref(case.owner), "team": ref(case.team),
        "escalated": bool(pga and pga.escalated),
        "person": person_summary(case.person) if case.person and access.sees(PERSONALIA) else None,
    }


def _referral(case: Case) -> dict[str, Any] | None:
    pga = getattr(case, "pga", None)
    if pga is None:
        return None
    return {
        "aanleiding": pga.aanleiding, "conference_goal": pga.conference_goal,
        "partners_to_invite": [ref(o) for o in pga.partners_to_invite.all()],
        "informed_status": pga.informed_status, "informed_on": pga.informed_on,
        "postponement_ground": pga.postponement_ground, "triage_advice": pga.triage_advice,
    }


def latest_plan(case: Case) -> dict[str, Any] | None:
    latest = PlanVersion.objects.filter(case=case).select_related("created_by").order_by("-number").first()
    if latest is None:
        return None
    return {"number": latest.number, "created_at": latest.created_at, "created_by": ref(latest.created_by),
            "goals": latest.goals}


def case_detail(case: Case, access: CaseAccess, *, user) -> dict[str, Any]:
    pga = getattr(case, "pga", None)
    sees_notes = access.sees(NOTES)
    person = None
    if case.person and access.sees(PERSONALIA):
        person = person_full(case.person, sees_notes=sees_notes, cases=[case])
    changes = access.allows(case_access_rules.CHANGE) or access.allows(case_access_rules.TRANSITION)
    return {
        **case_list_item(case, access),
        "controller": ref(case.controller), "referring_organisation": ref(case.referring_organisation),
        "closure_reason": pga.closure_reason if pga else "",
        "aftercare_check_on": pga.aftercare_check_on if pga else None,
        "categories": sorted(access.categories),
        "version": case.version if changes else None,
        "available_transitions": [
            {"to": t.target, "label": workflow_for(case).label(t.target), "requires": list(t.requires)}
            for t in available_transitions(case=case, user=user)
        ],
        "person": person,
        "referral": _referral(case) if access.sees(PGA_REFERRAL) else None,
        "plan": latest_plan(case) if access.sees(PGA_PLAN) else None,
        "escalation_reason": pga.escalation_reason if pga and sees_notes else None,
        "steps": [step(s, sees_notes=sees_notes) for s in case.steps.select_related("by").order_by("sequence")],
    }


def conference(row: Conference) -> dict[str, Any]:
    return {
        "id": row.pk, "held_on": row.held_on, "invited": [ref(o) for o in row.invited.all()],
        "attending": [ref(o) for o in row.attending.all()], "minutes": row.minutes, "created_by": ref(row.created_by),
    }


def agreement(row: Agreement) -> dict[str, Any]:
    return {
        "id": row.pk, "conference": row.conference_id, "description": row.description,
        "owner_organisation": ref(row.owner_organisation), "due_on": row.due_on, "status": row.status,
    }


def partner_contribution(row: PartnerContribution) -> dict[str, Any]:
    return {
        "id": row.pk, "agreement": row.agreement_id, "kind": row.kind, "text": row.text,
        "organisation": ref(row.organisation), "processing_activity": row.processing_activity,
        "written_by": ref(row.written_by), "written_at": row.written_at, "reviewed_at": row.reviewed_at,
    }


def measurement(row: SelfRelianceMeasurement) -> dict[str, Any]:
    return {"id": row.pk, "measured_on": row.measured_on, "scores": dict(row.scores or {}),
            "created_by": ref(row.created_by)}


def agreement_note(row: AgreementNote) -> dict[str, Any]:
    return {"id": row.pk, "agreement": row.agreement_id, "text": row.text, "written_by": ref(row.written_by),
            "written_at": row.written_at}

