"""PGA services: the plan of approach (versioned) and escalation (bestuurlijk opschalen)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from audit.history import save_with_reason
from casework import access
from casework.models import Case
from casework.pga.models import Leefgebied, PgaCase, PlanVersion


def _clean_goals(goals: list[dict[str, Any]]) -> list[dict[str, Any]]:
    cleaned = []
    for goal in goals:
        if goal.get("leefgebied") not in Leefgebied.values or not str(goal.get("goal", "")).strip():
            raise ValidationError({"goals": _("Every goal needs a life domain and a description.")})
        interventions = [
            {"description": str(item.get("description", "")).strip(), "partner_id": str(item.get("partner_id") or ""),
             "due_on": str(item.get("due_on") or "")}
            for item in goal.get("interventions", []) if str(item.get("description", "")).strip()
        ]
        cleaned.append({"leefgebied": goal["leefgebied"], "goal": str(goal["goal"]).strip(),
                        "interventions": interventions})
    if not cleaned:
        raise ValidationError({"goals": _("The plan needs at least one goal.")})
    return cleaned


@transaction.atomic
def plan_update(*, actor: User, case: Case, goals: list[dict[str, Any]]) -> PlanVersion:
    """Append a new version of the plan of approach; earlier versions stay as they were.

    The number is allocated under a lock on the case row: two concurrent saves get consecutive numbers
    (never the same number, which the unique constraint would answer with an IntegrityError, a 500).
    A form or API request also sends the version it read (casework/versions.py): a save based on a
    plan that was replaced in the meantime is refused as a conflict before it gets here.
    """
    access.require(actor, access.CHANGE, case)
    Case.objects.select_for_update().filter(pk=case.pk).values_list("pk", flat=True).get()
    last = case.plan_versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = PlanVersion(case=case, data_key_id=case.data_key_id, number=last + 1, goals=_clean_goals(goals),
                          created_by=actor)
    save_with_reason(version, reason=f"plan version {last + 1}", user=actor)
    return version


@transaction.atomic
def escalation_set(*, actor: User, case: Case, escalated: bool, reason: str) -> PgaCase:
    """Bestuurlijk opschalen: a flag with a reason, not a state."""
    access.require(actor, access.CHANGE, case)
    if escalated and not reason.strip():
        raise ValidationError({"reason": _("State why the case is escalated.")})
    details = case.pga
    details.escalated = escalated
    details.escalation_reason = reason.strip() or None
    save_with_reason(details, reason="escalation set" if escalated else "escalation lifted", user=actor)
    return details
