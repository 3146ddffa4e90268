"""Park enforcement states and transitions (domain.md §3, issue 7).

controle → constatering (finding report) → voornemen (term for a view) → last_onder_dwangsom
(four-eyes approval; a compliance term is mandatory) → hercontrole → nageleefd (closed) or, while
penalties are being forfeited, invordering (collection) → afgesloten; closed files are reopened
with a reason. From invordering a further re-inspection (hercontrole) is possible; once complied
with, the file stays in invordering until every forfeiture is settled, then closes (afgesloten).
An inspection that finds nothing, or a file whose intention is dropped, closes straight away.

Announcements per addressee, objections, appeals, forfeitures, collection intentions, requests,
decisions and payments are child rows with their own states and deadlines (models/tracks.py,
models/collection.py), not states. Guards that need data (an inspection before the report, an
approved order naming the object without a tolerance decision in force, a compliant
re-inspection before nageleefd, ...) live in casework/park/services/orders.py (`guard_and_apply`),
which the workflow's `apply` hook calls.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts.roles import HANDHAVER, TEAMLEIDER
from casework.park.casetype import CASE_TYPE
from casework.workflow import Transition, Workflow, register

CONTROLE = "controle"
CONSTATERING = "constatering"
VOORNEMEN = "voornemen"
LAST_ONDER_DWANGSOM = "last_onder_dwangsom"
HERCONTROLE = "hercontrole"
NAGELEEFD = "nageleefd"
INVORDERING = "invordering"
AFGESLOTEN = "afgesloten"

STATES = {
    CONTROLE: _("Inspection"),
    CONSTATERING: _("Finding report"),
    VOORNEMEN: _("Intention sent"),
    LAST_ONDER_DWANGSOM: _("Order subject to a penalty"),
    HERCONTROLE: _("Re-inspection"),
    NAGELEEFD: _("Complied with"),
    INVORDERING: _("Collection"),
    AFGESLOTEN: _("Closed"),
}
CLOSED_STATES = frozenset({NAGELEEFD, AFGESLOTEN})
# States in which an order can be in force (re-inspections, forfeitures, remedies).
ORDER_STATES = frozenset({LAST_ONDER_DWANGSOM, HERCONTROLE, INVORDERING})

H = frozenset({HANDHAVER})
H_OR_LEAD = frozenset({HANDHAVER, TEAMLEIDER})

TRANSITIONS = (
    Transition(CONTROLE, CONSTATERING, H),
    Transition(CONTROLE, AFGESLOTEN, H, closes=True),
    Transition(CONSTATERING, VOORNEMEN, H),
    Transition(CONSTATERING, AFGESLOTEN, H, closes=True),
    Transition(VOORNEMEN, LAST_ONDER_DWANGSOM, H),
    Transition(VOORNEMEN, AFGESLOTEN, H, closes=True),
    Transition(LAST_ONDER_DWANGSOM, HERCONTROLE, H),
    Transition(LAST_ONDER_DWANGSOM, AFGESLOTEN, H, closes=True),
    Transition(HERCONTROLE, NAGELEEFD, H, closes=True),
    Transition(HERCONTROLE, INVORDERING, H),
    Transition(INVORDERING, HERCONTROLE, H),
    Transition(INVORDERING, AFGESLOTEN, H, closes=True),
    Transition(NAGELEEFD, CONTROLE, H_OR_LEAD, reopens=True),
    Transition(AFGESLOTEN, CONTROLE, H_OR_LEAD, reopens=True),
)


# The data each step takes besides what its transition requires (the engine refuses any other): what the guards
# of casework/park/services/orders.py read.
STEP_DATA: dict[str, tuple[str, ...]] = {
    CONSTATERING: ("reported_on", "report_summary"),
    VOORNEMEN: ("intention_sent_on", "view_term_weeks"),
    LAST_ONDER_DWANGSOM: ("order", "decided_on"),
}

WORKFLOW = register(Workflow(
    case_type=CASE_TYPE,
    states=STATES,
    initial=CONTROLE,
    transitions=TRANSITIONS,
    # The service that checks a step's legal preconditions and copies its data onto the park details,
    # named (not imported): the table sits below the services that read it.
    apply="casework.park.services.orders:guard_and_apply",
    closed_states=CLOSED_STATES,
    step_data=STEP_DATA,
))
