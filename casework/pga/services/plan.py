"""PGA services: the plan of approach (versioned, with its interventions) and escalation (bestuurlijk opschalen).

A plan version is one sealed JSON value: a list of goals {"id", "leefgebied", "goal", "interventions": [{"id",
"description", "partner_id", "due_on", "done"}]}. Each intervention has a responsible organisation and a due
date. Saving a version also rewrites the case's `PlanIntervention` rows (one per intervention of the new
version), which the deadline overviews and Mijn werk query by date (docs/adr/0029-...).
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from audit.history import delete_with_reason, save_with_reason
from casework import access, bounds
from casework.models import Case
from casework.pga.models import Leefgebied, PgaCase, PlanIntervention, PlanVersion

MAX_GOALS = 30
MAX_INTERVENTIONS = 20  # per goal


def _uuid(value: Any) -> str:
    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        return str(uuid.uuid4())


def _due(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value or ""))
    except ValueError:
        return None


def _clean_intervention(item: dict[str, Any], where: str, organisations: dict[str, Organisation],
                        errors: dict[str, str]) -> dict[str, Any]:
    description = str(item.get("description") or "").strip()
    partner_id = str(item.get("partner_id") or "")
    due_on = _due(item.get("due_on"))
    if not description:
        errors[f"{where}-description"] = _("Describe the intervention.")
    errors.update(bounds.lengths({f"{where}-description": description}, bounds.SHORT_TEXT))
    if partner_id not in organisations:
        errors[f"{where}-organisation"] = _("Choose the organisation responsible for the intervention.")
    if due_on is None:
        errors[f"{where}-due_on"] = _("Enter the due date of the intervention.")
    errors.update(bounds.planning_date(due_on, f"{where}-due_on"))
    return {"id": _uuid(item.get("id")), "description": description, "partner_id": partner_id,
            "due_on": due_on.isoformat() if due_on else "", "done": bool(item.get("done"))}


def clean_goals(goals: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The plan as stored, or a ValidationError naming each problem ("goals" and "g<n>-..." keys)."""
    errors: dict[str, str] = {}
    if not goals:
        errors["goals"] = _("The plan needs at least one goal.")
    if len(goals) > MAX_GOALS:
        errors["goals"] = _("A plan has at most %(count)s goals.") % {"count": MAX_GOALS}
    wanted = {str(item.get("partner_id") or "") for goal in goals for item in goal.get("interventions") or []}
    organisations = {str(org.pk): org for org in Organisation.objects.filter(
        pk__in=[pk for pk in wanted if _is_uuid(pk)], is_active=True)}
    cleaned, seen = [], set()
    for number, goal in enumerate(goals):
        text = str(goal.get("goal") or "").strip()
        if goal.get("leefgebied") not in Leefgebied.values:
            errors[f"g{number}-leefgebied"] = _("Choose the life domain of this goal.")
        if not text:
            errors[f"g{number}-goal"] = _("Describe the goal.")
        errors.update(bounds.lengths({f"g{number}-goal": text}, bounds.SHORT_TEXT))
        items = list(goal.get("interventions") or [])
        if len(items) > MAX_INTERVENTIONS:
            errors[f"g{number}-goal"] = _("A goal has at most %(count)s interventions.") % {"count": MAX_INTERVENTIONS}
        interventions = [_clean_intervention(item, f"g{number}-i{index}", organisations, errors)
                         for index, item in enumerate(items)]
        for intervention in interventions:  # an id twice (a copied form): the second gets a new one
            if intervention["id"] in seen:
                intervention["id"] = str(uuid.uuid4())
            seen.add(intervention["id"])
        cleaned.append({"id": _uuid(goal.get("id")), "leefgebied": goal.get("leefgebied"), "goal": text,
                        "interventions": interventions})
    if errors:
        raise ValidationError(errors)
    return cleaned


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def _sync_interventions(version: PlanVersion, actor: User) -> None:
    """The case's intervention rows become those of `version`: changed ones updated, removed ones deleted."""
    case = version.case
    current = {str(row.key): row for row in PlanIntervention.objects.filter(case=case)}
    wanted = {item["id"]: item for goal in version.goals for item in goal["interventions"]}
    for key, row in current.items():
        if key not in wanted:
            delete_with_reason(row, reason=f"plan version {version.number}", user=actor)
    for key, item in wanted.items():
        row = current.get(key) or PlanIntervention(case=case, data_key_id=case.data_key_id, key=key)
        values = {"description": item["description"], "organisation_id": uuid.UUID(item["partner_id"]),
                  "due_on": date.fromisoformat(item["due_on"]), "done": item["done"]}
        if row._state.adding or any(getattr(row, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(row, name, value)
            row.plan_version = version
            save_with_reason(row, reason=f"plan version {version.number}", user=actor)
        elif row.plan_version_id != version.pk:
            PlanIntervention.objects.filter(pk=row.pk).update(plan_version=version)


@transaction.atomic
def plan_update(*, actor: User, case: Case, goals: list[dict[str, Any]]) -> PlanVersion:
    """Append a new version of the plan of approach; earlier versions stay as they were.

    The number is allocated under a lock on the case row: two concurrent saves get consecutive numbers
    (never the same number, which the unique constraint would answer with an IntegrityError, a 500).
    A form or API request also sends the version it read (casework/versions.py): a save based on a
    plan that was replaced in the meantime is refused as a conflict before it gets here.
    """
    access.require(actor, access.CHANGE, case)
    cleaned = clean_goals(goals)
    Case.objects.select_for_update().filter(pk=case.pk).values_list("pk", flat=True).get()
    last = case.plan_versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = PlanVersion(case=case, data_key_id=case.data_key_id, number=last + 1, goals=cleaned, created_by=actor)
    save_with_reason(version, reason=f"plan version {last + 1}", user=actor)
    _sync_interventions(version, actor)
    return version


@transaction.atomic
def escalation_set(*, actor: User, case: Case, escalated: bool, reason: str) -> PgaCase:
    """Bestuurlijk opschalen: a flag with a reason, not a state."""
    access.require(actor, access.CHANGE, case)
    bounds.raise_errors(bounds.lengths({"reason": reason}, bounds.SHORT_TEXT))
    if escalated and not reason.strip():
        raise ValidationError({"reason": _("State why the case is escalated.")})
    details = case.pga
    details.escalated = escalated
    details.escalation_reason = reason.strip() or None
    save_with_reason(details, reason="escalation set" if escalated else "escalation lifted", user=actor)
    return details
