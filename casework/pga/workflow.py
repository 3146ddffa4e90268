"""PGA states and transitions (domain.md §1): one visible table, read by casework.workflow.

aangemeld → triage → niet_voor_zvh (closed, with an advice) | in_behandeling → casusoverleg →
plan → uitvoering → afgesloten (with a closure reason); a closed case can be reopened with a
reason. Conferences repeat, so uitvoering can return to casusoverleg and plan.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import PROCESREGISSEUR, TEAMLEIDER
from casework import bounds
from casework.models import Case
from casework.pga.casetype import CASE_TYPE
from casework.values import parse_date
from casework.workflow import Transition, Workflow, applied_step, register

AANGEMELD = "aangemeld"
TRIAGE = "triage"
NIET_VOOR_ZVH = "niet_voor_zvh"
IN_BEHANDELING = "in_behandeling"
CASUSOVERLEG = "casusoverleg"
PLAN = "plan"
UITVOERING = "uitvoering"
AFGESLOTEN = "afgesloten"

STATES = {
    AANGEMELD: _("Referred"),
    TRIAGE: _("Triage"),
    NIET_VOOR_ZVH: _("Not for the ZVH"),
    IN_BEHANDELING: _("Accepted"),
    CASUSOVERLEG: _("Case conference"),
    PLAN: _("Plan of approach"),
    UITVOERING: _("Execution and monitoring"),
    AFGESLOTEN: _("Closed"),
}
OPEN_STATES = (AANGEMELD, TRIAGE, IN_BEHANDELING, CASUSOVERLEG, PLAN, UITVOERING)
CLOSED_STATES = frozenset({NIET_VOOR_ZVH, AFGESLOTEN})

REGISSEUR = frozenset({PROCESREGISSEUR})
REGISSEUR_OR_LEAD = frozenset({PROCESREGISSEUR, TEAMLEIDER})

TRANSITIONS = (
    Transition(AANGEMELD, TRIAGE, REGISSEUR),
    Transition(TRIAGE, NIET_VOOR_ZVH, REGISSEUR, requires=("triage_advice",), closes=True),
    Transition(TRIAGE, IN_BEHANDELING, REGISSEUR),
    Transition(IN_BEHANDELING, CASUSOVERLEG, REGISSEUR),
    Transition(CASUSOVERLEG, PLAN, REGISSEUR),
    Transition(PLAN, UITVOERING, REGISSEUR),
    Transition(UITVOERING, CASUSOVERLEG, REGISSEUR),
    Transition(UITVOERING, PLAN, REGISSEUR),
    Transition(IN_BEHANDELING, AFGESLOTEN, REGISSEUR, requires=("closure_reason",), closes=True),
    Transition(CASUSOVERLEG, AFGESLOTEN, REGISSEUR, requires=("closure_reason",), closes=True),
    Transition(PLAN, AFGESLOTEN, REGISSEUR, requires=("closure_reason",), closes=True),
    Transition(UITVOERING, AFGESLOTEN, REGISSEUR, requires=("closure_reason",), closes=True),
    Transition(AFGESLOTEN, UITVOERING, REGISSEUR_OR_LEAD, reopens=True),
    Transition(NIET_VOOR_ZVH, TRIAGE, REGISSEUR_OR_LEAD, reopens=True),
)

STEP_FIELDS = ("triage_advice", "closure_reason", "aftercare_check_on")
# The data each step takes besides what its transition requires (the engine refuses any other; the core's step
# form shows the same): closing may set the date of an aftercare check.
STEP_DATA: dict[str, tuple[str, ...]] = {AFGESLOTEN: ("aftercare_check_on",)}


def apply_step(case: Case, step: Transition, data: dict[str, Any]) -> None:
    """Copy the data this step takes onto the PGA details (advice, closure reason, aftercare date), and keep
    the date of the first acceptance (the engine wrote the step's row first). Only the step's own fields: a
    transition that moved a case to triage with a closure reason set it on the open case before."""
    from audit.history import save_with_reason

    pga = case.pga
    changed = False
    for name in WORKFLOW.takes(step):
        if name in STEP_FIELDS and data.get(name) not in (None, ""):
            value = data[name]
            if name == "aftercare_check_on":
                value = parse_date(value, name)
                bounds.raise_errors(bounds.planning_date(value, name))
            setattr(pga, name, value)
            changed = True
    if step.reopens:
        pga.closure_reason = ""
        changed = True
    if step.target == IN_BEHANDELING and pga.accepted_on is None:
        pga.accepted_on = timezone.localdate(applied_step(case).at)
        changed = True
    if changed:
        save_with_reason(pga, reason=f"transition {step.source} -> {step.target}")


def scale_details(*, path: list[str], times: list[datetime], today: date | None = None) -> dict[str, Any]:
    """The details `seed_scale` gives a case that went through `path` at `times` (registry `scale_details`):
    the first acceptance, as its step would have kept it."""
    accepted = next((at for state, at in zip(path, times, strict=True) if state == IN_BEHANDELING), None)
    return {"accepted_on": timezone.localdate(accepted) if accepted else None}


WORKFLOW = register(Workflow(
    case_type=CASE_TYPE,
    states=STATES,
    initial=AANGEMELD,
    transitions=TRANSITIONS,
    apply=apply_step,
    closed_states=CLOSED_STATES,
    step_data=STEP_DATA,
))
