"""The example type's states: open -> closed, and reopening."""

from __future__ import annotations

from accounts.roles import PROCESREGISSEUR, TEAMLEIDER
from casework.workflow import Transition, Workflow, register

OPEN = "open"
CLOSED = "closed"

WORKFLOW = register(Workflow(
    case_type="example",
    states={OPEN: "Open", CLOSED: "Closed"},
    initial=OPEN,
    transitions=(
        Transition(OPEN, CLOSED, frozenset({PROCESREGISSEUR}), closes=True),
        Transition(CLOSED, OPEN, frozenset({PROCESREGISSEUR, TEAMLEIDER}), reopens=True),
    ),
    closed_states=frozenset({CLOSED}),
))
