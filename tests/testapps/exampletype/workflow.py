"""The example type's states: open -> closed, and reopening."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts.roles import PROCESREGISSEUR, TEAMLEIDER
from casework.workflow import Transition, Workflow, register

OPEN = "open"
CLOSED = "closed"

WORKFLOW = register(Workflow(
    case_type="example",
    states={OPEN: _("Open"), CLOSED: _("Closed")},  # labels in Dutch like every type's
    initial=OPEN,
    transitions=(
        Transition(OPEN, CLOSED, frozenset({PROCESREGISSEUR}), closes=True),
        Transition(CLOSED, OPEN, frozenset({PROCESREGISSEUR, TEAMLEIDER}), reopens=True),
    ),
    closed_states=frozenset({CLOSED}),
))
