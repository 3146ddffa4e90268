"""Damocles states and transitions (domain.md §2, CCV stappenplan art. 13b Opiumwet).

rapportage_ontvangen → beoordeling → waarschuwing (warning letter, no objection term) or
voornemen_verzonden (term for a view) → zienswijze_ontvangen / hoorgesprek → besluit (four-eyes)
→ bekendgemaakt → sluiting_uitgevoerd → sluiting_beeindigd → pand_heropend → afgesloten.
Also spoedeisende_sluiting (Awb 5:31: the view may be skipped, a written decision must follow),
opheffing_wijziging (lifting or change of the closure) and kostenverhaal (Awb 5:25).
Announcements, objections, interim relief and appeals are child rows (models/tracks.py), not states.
Guards that need data (four-eyes approval, an announcement before `bekendgemaakt`, the written
decision after an urgent closure) live in `guard_and_apply` in casework/damocles/services/decisions.py, which the
workflow's `apply` hook calls.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts.roles import HANDHAVER, TEAMLEIDER
from casework.damocles.casetype import CASE_TYPE
from casework.workflow import Transition, Workflow, register

RAPPORTAGE_ONTVANGEN = "rapportage_ontvangen"
BEOORDELING = "beoordeling"
WAARSCHUWING = "waarschuwing"
VOORNEMEN_VERZONDEN = "voornemen_verzonden"
ZIENSWIJZE_ONTVANGEN = "zienswijze_ontvangen"
HOORGESPREK = "hoorgesprek"
BESLUIT = "besluit"
BEKENDGEMAAKT = "bekendgemaakt"
SPOEDEISENDE_SLUITING = "spoedeisende_sluiting"
SLUITING_UITGEVOERD = "sluiting_uitgevoerd"
OPHEFFING_WIJZIGING = "opheffing_wijziging"
SLUITING_BEEINDIGD = "sluiting_beeindigd"
PAND_HEROPEND = "pand_heropend"
KOSTENVERHAAL = "kostenverhaal"
AFGESLOTEN = "afgesloten"

STATES = {
    RAPPORTAGE_ONTVANGEN: _("Police report received"),
    BEOORDELING: _("Assessment"),
    WAARSCHUWING: _("Warning sent"),
    VOORNEMEN_VERZONDEN: _("Intention sent"),
    ZIENSWIJZE_ONTVANGEN: _("View received"),
    HOORGESPREK: _("Hearing"),
    BESLUIT: _("Decision taken"),
    BEKENDGEMAAKT: _("Decision announced"),
    SPOEDEISENDE_SLUITING: _("Urgent closure"),
    SLUITING_UITGEVOERD: _("Closure carried out"),
    OPHEFFING_WIJZIGING: _("Closure lifted or changed"),
    SLUITING_BEEINDIGD: _("Closure ended"),
    PAND_HEROPEND: _("Premises reopened"),
    KOSTENVERHAAL: _("Recovery of costs"),
    AFGESLOTEN: _("Closed"),
}
CLOSED_STATES = frozenset({AFGESLOTEN})

H = frozenset({HANDHAVER})
H_OR_LEAD = frozenset({HANDHAVER, TEAMLEIDER})

TRANSITIONS = (
    Transition(RAPPORTAGE_ONTVANGEN, BEOORDELING, H),
    Transition(BEOORDELING, WAARSCHUWING, H),
    Transition(BEOORDELING, VOORNEMEN_VERZONDEN, H),
    Transition(BEOORDELING, SPOEDEISENDE_SLUITING, H, requires=("urgency_reason",)),
    Transition(BEOORDELING, AFGESLOTEN, H, closes=True),
    Transition(WAARSCHUWING, AFGESLOTEN, H, closes=True),
    Transition(VOORNEMEN_VERZONDEN, ZIENSWIJZE_ONTVANGEN, H),
    Transition(VOORNEMEN_VERZONDEN, HOORGESPREK, H),
    Transition(VOORNEMEN_VERZONDEN, BESLUIT, H),
    Transition(VOORNEMEN_VERZONDEN, AFGESLOTEN, H, closes=True),
    Transition(ZIENSWIJZE_ONTVANGEN, HOORGESPREK, H),
    Transition(ZIENSWIJZE_ONTVANGEN, BESLUIT, H),
    Transition(ZIENSWIJZE_ONTVANGEN, AFGESLOTEN, H, closes=True),
    Transition(HOORGESPREK, BESLUIT, H),
    Transition(HOORGESPREK, AFGESLOTEN, H, closes=True),
    Transition(SPOEDEISENDE_SLUITING, SLUITING_UITGEVOERD, H),
    Transition(SPOEDEISENDE_SLUITING, BESLUIT, H),
    Transition(SLUITING_UITGEVOERD, BESLUIT, H),
    Transition(BESLUIT, BEKENDGEMAAKT, H),
    Transition(BEKENDGEMAAKT, SLUITING_UITGEVOERD, H),
    Transition(BEKENDGEMAAKT, OPHEFFING_WIJZIGING, H),
    Transition(BEKENDGEMAAKT, AFGESLOTEN, H, closes=True),
    Transition(SLUITING_UITGEVOERD, OPHEFFING_WIJZIGING, H),
    Transition(SLUITING_UITGEVOERD, SLUITING_BEEINDIGD, H),
    Transition(OPHEFFING_WIJZIGING, SLUITING_UITGEVOERD, H),
    Transition(OPHEFFING_WIJZIGING, SLUITING_BEEINDIGD, H),
    Transition(SLUITING_BEEINDIGD, PAND_HEROPEND, H),
    Transition(SLUITING_BEEINDIGD, KOSTENVERHAAL, H),
    Transition(PAND_HEROPEND, KOSTENVERHAAL, H),
    Transition(PAND_HEROPEND, AFGESLOTEN, H, closes=True),
    Transition(KOSTENVERHAAL, AFGESLOTEN, H, closes=True),
    Transition(AFGESLOTEN, BEOORDELING, H_OR_LEAD, reopens=True),
)


# Groups of states the pages and services ask about.
# The choice may be (re)recorded until the decision: after a view or hearing it may change.
ASSESSABLE_STATES = frozenset({BEOORDELING, VOORNEMEN_VERZONDEN, ZIENSWIJZE_ONTVANGEN, HOORGESPREK,
                               SPOEDEISENDE_SLUITING})
# States from which the decision (besluit) can be taken: the approval is asked for there.
DECISION_SOURCES = frozenset({VOORNEMEN_VERZONDEN, ZIENSWIJZE_ONTVANGEN, HOORGESPREK, SPOEDEISENDE_SLUITING,
                              SLUITING_UITGEVOERD})
SEALED_STATES = frozenset({SLUITING_UITGEVOERD, OPHEFFING_WIJZIGING, SLUITING_BEEINDIGD})
# The steps that make a procedure count in the figures (a warning, a decision, an urgent closure): the
# first one's date is kept on the details (`DamoclesCase.decisive_step_on`).
DECISIVE_STATES = (WAARSCHUWING, BESLUIT, SPOEDEISENDE_SLUITING)
# The states in which each kind of letter has its legal basis (casework/letters/kinds.py): the
# warning and the intention once the assessment chose them (a draft until the step that sends them),
# the decision once it was taken after the four-eyes approval (a draft until it is announced).
LETTER_STATES = {
    "waarschuwing": frozenset({BEOORDELING, WAARSCHUWING}),
    "voornemen": frozenset({BEOORDELING, VOORNEMEN_VERZONDEN, ZIENSWIJZE_ONTVANGEN, HOORGESPREK}),
    "besluit": frozenset({BESLUIT, BEKENDGEMAAKT, SLUITING_UITGEVOERD, OPHEFFING_WIJZIGING, SLUITING_BEEINDIGD,
                          PAND_HEROPEND, KOSTENVERHAAL}),
}
# The four-eyes approval a closure decision asks for (casework/approvals.py).
APPROVAL_SUBJECT = "damocles.besluit"


# The data each step takes besides what its transition requires (the engine refuses any other): what the guards
# of casework/damocles/services/decisions.py read.
STEP_DATA: dict[str, tuple[str, ...]] = {
    VOORNEMEN_VERZONDEN: ("intention_sent_on", "view_term_weeks", "signatory", "under_mandate"),
    BESLUIT: ("decided_on", "deciding_authority", "compliance_term_days", "signatory", "under_mandate"),
    SLUITING_UITGEVOERD: ("sealed_on", "order_posted"),
    OPHEFFING_WIJZIGING: ("closure_ends_on",),
    PAND_HEROPEND: ("reopened_on",),
    KOSTENVERHAAL: ("costs_recovered",),
}

WORKFLOW = register(Workflow(
    case_type=CASE_TYPE,
    states=STATES,
    initial=RAPPORTAGE_ONTVANGEN,
    transitions=TRANSITIONS,
    # The service that checks a step's legal preconditions and copies its data onto the Damocles
    # details, named (not imported): the table sits below the services that read it.
    apply="casework.damocles.services.decisions:guard_and_apply",
    closed_states=CLOSED_STATES,
    step_data=STEP_DATA,
))
