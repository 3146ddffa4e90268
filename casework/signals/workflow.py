"""Signal states and transitions, and the triage outcome table (issue 21 item 1).

ontvangen (received: awaiting triage) → beoordeeld (triaged, follow-up running: monitoring until its
review date) → afgesloten. The state labels say nothing of the outcome: whoever sees only the
signal's metadata (a partner who reported it) learns no triage outcome from its status.

`OUTCOMES` is the explicit table of triage: which outcome may be chosen in which status and to which
status it moves. The triage service (casework/signals/services/triage.py) is the only way through
these transitions: the `apply` hook refuses a step without a triage outcome from the table.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.roles import TEAMLEIDER
from casework.models import Case
from casework.signals.casetype import CASE_TYPE, TRIAGE_ROLES
from casework.signals.models import Outcome
from casework.workflow import Transition, Workflow, register

ONTVANGEN = "ontvangen"
BEOORDEELD = "beoordeeld"
AFGESLOTEN = "afgesloten"

STATES = {
    ONTVANGEN: gettext_lazy("Received, awaiting triage"),
    BEOORDEELD: gettext_lazy("Triaged, follow-up running"),
    AFGESLOTEN: gettext_lazy("Closed"),
}
CLOSED_STATES = frozenset({AFGESLOTEN})

ROUTES = frozenset({Outcome.CASE, Outcome.POLICE, Outcome.RIEC, Outcome.BIBOB})

# (status, outcome) -> the status the signal moves to. Monitoring ends in no action or a routing.
OUTCOMES: dict[tuple[str, str], str] = {
    (ONTVANGEN, Outcome.NO_ACTION): AFGESLOTEN,
    (ONTVANGEN, Outcome.MONITOR): BEOORDEELD,
    **{(ONTVANGEN, route): AFGESLOTEN for route in ROUTES},
    (BEOORDEELD, Outcome.NO_ACTION): AFGESLOTEN,
    (BEOORDEELD, Outcome.MONITOR): BEOORDEELD,
    **{(BEOORDEELD, route): AFGESLOTEN for route in ROUTES},
}

TRANSITIONS = (
    Transition(ONTVANGEN, BEOORDEELD, TRIAGE_ROLES, requires=("outcome",)),
    Transition(ONTVANGEN, AFGESLOTEN, TRIAGE_ROLES, requires=("outcome",), closes=True),
    Transition(BEOORDEELD, AFGESLOTEN, TRIAGE_ROLES, requires=("outcome",), closes=True),
    Transition(AFGESLOTEN, ONTVANGEN, frozenset({TEAMLEIDER}), reopens=True),
)


def outcomes_from(status: str) -> list[str]:
    """The outcomes a triage may choose in `status` (for forms; the service checks the table again)."""
    return [outcome for (source, outcome) in OUTCOMES if source == status]


def guard(case: Case, step: Transition, data: dict[str, Any]) -> None:
    """The `apply` hook: a step other than reopening carries an outcome of the table for its source and target."""
    if step.reopens:
        return
    if OUTCOMES.get((step.source, data.get("outcome", ""))) != step.target:
        raise ValidationError({"outcome": _("Use the triage of the signal to take this step.")})


WORKFLOW = register(Workflow(
    case_type=CASE_TYPE,
    states=STATES,
    initial=ONTVANGEN,
    transitions=TRANSITIONS,
    apply=guard,
    closed_states=CLOSED_STATES,
))
