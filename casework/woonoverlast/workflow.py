"""Woonoverlast states and transitions (domain.md §5, issue 14).

meldingen (reports and chain consultation) → interventies (lighter means first: a gedragsaanwijzing
is a last resort) → voornemen (intention, term for a view, Awb 4:8) → gedragsaanwijzing (the order
in force: monitoring) → handhaving (forfeiture and collection, or bestuursdwang) → afgesloten.
Escalation: when public order is seriously disturbed from the dwelling, a closure under art. 174a
Gemeentewet — voornemen_sluiting (intention and view) → sluiting; an urgent closure goes to
sluiting straight away (the guard wants the urgency reasons). Closed files are reopened with a reason.

Guards that need data live in casework/woonoverlast/services/guards.py (`guard_and_apply`), which
the workflow's `apply` hook calls; announcements, remedies and penalties are child rows.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts.roles import HANDHAVER, TEAMLEIDER
from casework.woonoverlast.casetype import CASE_TYPE
from casework.workflow import Transition, Workflow, register

MELDINGEN = "meldingen"
INTERVENTIES = "interventies"
VOORNEMEN = "voornemen"
GEDRAGSAANWIJZING = "gedragsaanwijzing"
HANDHAVING = "handhaving"
VOORNEMEN_SLUITING = "voornemen_sluiting"
SLUITING = "sluiting"
AFGESLOTEN = "afgesloten"

STATES = {
    MELDINGEN: _("Reports and chain consultation"),
    INTERVENTIES: _("Lighter interventions"),
    VOORNEMEN: _("Intention of a gedragsaanwijzing sent"),
    GEDRAGSAANWIJZING: _("Gedragsaanwijzing in force"),
    HANDHAVING: _("Enforcement"),
    VOORNEMEN_SLUITING: _("Intention of a closure sent"),
    SLUITING: _("Dwelling closed (art. 174a)"),
    AFGESLOTEN: _("Closed"),
}
CLOSED_STATES = frozenset({AFGESLOTEN})
# States in which a gedragsaanwijzing can be in force (checks, forfeitures, bestuursdwang).
ORDER_STATES = frozenset({GEDRAGSAANWIJZING, HANDHAVING, VOORNEMEN_SLUITING, SLUITING})

H = frozenset({HANDHAVER})
H_OR_LEAD = frozenset({HANDHAVER, TEAMLEIDER})

TRANSITIONS = (
    Transition(MELDINGEN, INTERVENTIES, H),
    Transition(MELDINGEN, SLUITING, H),  # urgent closure (art. 174a; the guard wants the urgency reasons)
    Transition(MELDINGEN, AFGESLOTEN, H, closes=True),
    Transition(INTERVENTIES, VOORNEMEN, H),
    Transition(INTERVENTIES, GEDRAGSAANWIJZING, H),  # urgent (Awb 4:11; the guard wants the urgency reasons)
    Transition(INTERVENTIES, VOORNEMEN_SLUITING, H),
    Transition(INTERVENTIES, SLUITING, H),  # urgent closure
    Transition(INTERVENTIES, AFGESLOTEN, H, closes=True),
    Transition(VOORNEMEN, GEDRAGSAANWIJZING, H),
    Transition(VOORNEMEN, INTERVENTIES, H),  # the view persuaded: back to lighter means
    Transition(VOORNEMEN, AFGESLOTEN, H, closes=True),
    Transition(GEDRAGSAANWIJZING, HANDHAVING, H),
    Transition(GEDRAGSAANWIJZING, VOORNEMEN_SLUITING, H),
    Transition(GEDRAGSAANWIJZING, SLUITING, H),  # urgent closure
    Transition(GEDRAGSAANWIJZING, AFGESLOTEN, H, closes=True),
    Transition(HANDHAVING, GEDRAGSAANWIJZING, H),  # complied again: back to monitoring
    Transition(HANDHAVING, VOORNEMEN_SLUITING, H),
    Transition(HANDHAVING, SLUITING, H),  # urgent closure
    Transition(HANDHAVING, AFGESLOTEN, H, closes=True),
    Transition(VOORNEMEN_SLUITING, SLUITING, H),
    Transition(VOORNEMEN_SLUITING, AFGESLOTEN, H, closes=True),
    Transition(SLUITING, AFGESLOTEN, H, closes=True),
    Transition(AFGESLOTEN, MELDINGEN, H_OR_LEAD, reopens=True),
)


# The data each step takes besides what its transition requires (the engine refuses any other): what the guards
# of casework/woonoverlast/services/guards.py read.
_INTENTION = ("intention_sent_on", "view_term_weeks", "signatory", "under_mandate")
STEP_DATA: dict[str, tuple[str, ...]] = {
    VOORNEMEN: _INTENTION,
    VOORNEMEN_SLUITING: _INTENTION,
    GEDRAGSAANWIJZING: ("order", "decided_on", "signatory", "under_mandate"),
    SLUITING: ("closure", "decided_on", "signatory", "under_mandate"),
}

WORKFLOW = register(Workflow(
    case_type=CASE_TYPE,
    states=STATES,
    initial=MELDINGEN,
    transitions=TRANSITIONS,
    apply="casework.woonoverlast.services.guards:guard_and_apply",
    closed_states=CLOSED_STATES,
    step_data=STEP_DATA,
))
