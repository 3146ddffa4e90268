"""The letters of the decisions that follow an imposed closure, as PDF/A (ADR 0012) from the core's
letter parts (ADR 0013), each to one addressee of the closure and signed by the signatory recorded
with the decision:

- `verlenging`: the extension of the closure (art. 174a lid 3 Gemeentewet), once decided after its
  four-eyes approval: the closure's period, the extension in weeks with its ground and the new last day;
- `kostenverhaal`: the cost recovery (Awb 5:25), once decided: the amount, its specification and the
  payment term of Awb 4:87 (six weeks).
Both only while the file is in the closure's state (`sluiting`); refused elsewhere. The objection term
is counted from the decision date (the letter's date; it is sent that day). No reporter is ever read.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from django.utils.translation import gettext as _

from casework.letters import kinds
from casework.letters.clauses import interim_relief_clause, objection_clause, require_letter_details
from casework.letters.dating import LetterDate
from casework.models import Person
from casework.pdf import datum
from casework.woonoverlast import letters
from casework.woonoverlast import workflow as wf
from casework.woonoverlast.models import Closure, ClosureExtension, DecisionState

EXTENSION, COSTS = "verlenging", "kostenverhaal"
TITLES = {EXTENSION: "Besluit tot verlenging van de sluiting", COSTS: "Besluit kostenverhaal sluiting"}
STATES = frozenset({wf.SLUITING})


def _extension_ready(extension: ClosureExtension) -> str | None:
    if extension.state != DecisionState.IMPOSED or extension.decided_on is None:
        return _("An extension letter needs the extension decided, after the four-eyes approval.")
    return None


def _costs_ready(closure: Closure) -> str | None:
    if closure.costs_decided_on is None:
        return _("A cost-recovery letter needs the cost recovery decided.")
    return None


KINDS = {
    EXTENSION: kinds.LetterKind(code=EXTENSION, title=TITLES[EXTENSION], states=STATES, ready=_extension_ready),
    COSTS: kinds.LetterKind(code=COSTS, title=TITLES[COSTS], states=STATES, ready=_costs_ready),
}


def extension_letter_allowed(extension: ClosureExtension) -> bool:
    return kinds.refusal(KINDS[EXTENSION], status=extension.case.status, details=extension,
                         state_labels=wf.STATES) is None


def costs_letter_allowed(closure: Closure) -> bool:
    return kinds.refusal(KINDS[COSTS], status=closure.case.status, details=closure, state_labels=wf.STATES) is None


def closure_addressees(closure: Closure) -> list[Person]:
    return list(closure.addressees.order_by("surname", "pk"))


def _decision(closure: Closure, *, decided_on: Any, person: Person, signed: Any) -> dict[str, Any]:
    case = closure.case
    organisation = case.controller
    return {
        **letters.letter_parts(case, letter_date=LetterDate(decided_on), person=person, signed=signed),
        "closure": closure, "closure_decided_on": datum(closure.decided_on),
        "closure_starts_on": datum(closure.starts_on), "decided_on": datum(decided_on),
        "objection": objection_clause(authority=letters.AUTHORITY, organisation=organisation,
                                      reference=case.reference, announced_on=decided_on),
        "interim_relief": interim_relief_clause(organisation=organisation),
    }


def extension_context(extension: ClosureExtension, person: Person) -> dict[str, Any]:
    closure = extension.closure
    return {**_decision(closure, decided_on=extension.decided_on, person=person, signed=extension),
            "extension": extension, "ends_on": datum(extension.ends_on), "title": TITLES[EXTENSION]}


def costs_context(closure: Closure, person: Person) -> dict[str, Any]:
    signed = SimpleNamespace(signatory=closure.costs_signatory, under_mandate=closure.costs_under_mandate)
    return {**_decision(closure, decided_on=closure.costs_decided_on, person=person, signed=signed),
            "amount": letters.euros(closure.costs_amount), "specification": closure.costs_specification,
            "closure_ends_on": datum(closure.ends_on), "title": TITLES[COSTS]}


def extension_letter_pdf(extension: ClosureExtension, person: Person | None = None) -> bytes:
    """The extension letter to `person` (default: the first addressee of the closure)."""
    kinds.require_allowed(KINDS[EXTENSION], status=extension.case.status, details=extension, state_labels=wf.STATES)
    require_letter_details(extension.case.controller, appealable=True)
    addressee = letters.require_addressee(person, closure_addressees(extension.closure))
    return letters.render_letter(EXTENSION, extension_context(extension, addressee), TITLES[EXTENSION])


def costs_letter_pdf(closure: Closure, person: Person | None = None) -> bytes:
    """The cost-recovery letter (Awb 5:25) to `person` (default: the first addressee of the closure)."""
    kinds.require_allowed(KINDS[COSTS], status=closure.case.status, details=closure, state_labels=wf.STATES)
    require_letter_details(closure.case.controller, appealable=True)
    addressee = letters.require_addressee(person, closure_addressees(closure))
    return letters.render_letter(COSTS, costs_context(closure, addressee), TITLES[COSTS])


__all__ = ["closure_addressees", "costs_context", "costs_letter_allowed", "costs_letter_pdf", "extension_context",
           "extension_letter_allowed", "extension_letter_pdf"]
