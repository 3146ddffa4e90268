"""The woonoverlast letters, as PDF/A documents (ADR 0012), built from the core's shared letter parts
(casework/letters/: letterhead, dating, object grammar, rechtsmiddelenclausule, interim relief,
signature; ADR 0013). Dutch legal text lives in the templates (templates/woonoverlast/letters/), not in
msgids; choice labels come from the models' translated choices, rendered in Dutch.

Three kinds, each only in the states where its legal basis exists (`LETTER_STATES`):
- `voornemen`: the intention of a gedragsaanwijzing or of a closure, to each addressee of the decision
  it announces (always including the person causing the nuisance), with the term for a view (Awb
  4:8) ending on the intention's recorded due date; dated on the recorded sending of the intention;
- `gedragsaanwijzing`: the decision as announced to one addressee (art. 151d Gemeentewet, the APV
  text in force), with that addressee's own compliance end date (stored at announcement);
- `sluiting`: the closure under art. 174a Gemeentewet as announced to one addressee: its duration
  and, unless urgent, the addressee's own end date of the term to end the disturbance (lid 4).
Each letter is signed by the signatory recorded with its decision ("namens deze" when in mandate).
The extension and cost-recovery letters are in followup_letters.py.
Evidence is only the anonymised zwartboek with the official's verification of the reporters'
identities: no reporter (melder) is ever read here.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from casework.letters import kinds
from casework.letters.clauses import (
    interim_relief_clause,
    letterhead,
    objection_clause,
    require_letter_details,
    signature,
)
from casework.letters.dating import LetterDate
from casework.letters.objects import object_kind
from casework.models import Case, Person
from casework.pdf import datum, render_pdf
from casework.remedies.models import Announcement
from casework.woonoverlast import workflow as wf
from casework.woonoverlast.models import (
    BehaviouralOrder,
    Closure,
    DecisionKind,
    DecisionState,
    Enforcement,
    Intention,
    Intervention,
    PenaltyForm,
    Zwartboek,
)

TEMPLATE_DIR = "woonoverlast/letters"
AUTHORITY = "burgemeester"
DWELLING = object_kind("woning")
VOORNEMEN, ORDER, CLOSURE = "voornemen", "gedragsaanwijzing", "sluiting"
TITLES = {VOORNEMEN: "Voornemen", ORDER: "Besluit gedragsaanwijzing",
          CLOSURE: "Besluit tot sluiting van de woning"}
LETTER_STATES = {
    # The intention is pending while its state lasts; afterwards the decision letter takes over.
    (VOORNEMEN, DecisionKind.ORDER): frozenset({wf.VOORNEMEN}),
    (VOORNEMEN, DecisionKind.CLOSURE): frozenset({wf.VOORNEMEN_SLUITING}),
    ORDER: wf.ORDER_STATES,
    CLOSURE: frozenset({wf.SLUITING}),
}
IMPOSED = (DecisionState.IMPOSED, DecisionState.ENDED)


def _intention_ready(intention: Intention) -> str | None:
    if intention.zwartboek_id is None:
        return _("An intention letter needs the zwartboek its facts rest on.")
    return None


def _decision_ready(row: BehaviouralOrder | Closure) -> str | None:
    if row.state not in IMPOSED or row.decided_on is None:
        return _("A decision letter needs the decision, taken after the four-eyes approval.")
    return None


def _kind(key: Any) -> kinds.LetterKind:
    code = key[0] if isinstance(key, tuple) else key
    title = f"Voornemen {'gedragsaanwijzing' if key[1] == DecisionKind.ORDER else 'tot sluiting'}" \
        if isinstance(key, tuple) else TITLES[code]
    return kinds.LetterKind(code=code, title=title, states=LETTER_STATES[key],
                            ready=_intention_ready if code == VOORNEMEN else _decision_ready)


def intention_letter_allowed(case: Case, intention: Intention) -> bool:
    kind = _kind((VOORNEMEN, intention.decision))
    return kinds.refusal(kind, status=case.status, details=intention, state_labels=wf.STATES) is None


def decision_letter_allowed(case: Case, row: BehaviouralOrder | Closure) -> bool:
    kind = _kind(ORDER if isinstance(row, BehaviouralOrder) else CLOSURE)
    return kinds.refusal(kind, status=case.status, details=row, state_labels=wf.STATES) is None


# --- what the letters say ------------------------------------------------------------------------

def _name(person: Person | None) -> str:
    return " ".join(part for part in (person.first_names, person.surname) if part) if person else ""


def _lower_first(label: Any) -> str:
    text = str(label)
    return text[:1].lower() + text[1:]


def _zwartboek(case: Case, intention: Intention | None) -> Zwartboek | None:
    if intention is not None and intention.zwartboek_id:
        return intention.zwartboek
    return Zwartboek.objects.filter(case=case).order_by("-compiled_on", "-created_at").first()


def letter_parts(case: Case, *, letter_date: LetterDate, person: Person | None, signed: Any) -> dict[str, Any]:
    """The parts every woonoverlast letter shares; `signed` is the row recording who signs it
    (`signatory`, `under_mandate`), as Damocles records them ("namens deze" only in mandate)."""
    organisation = case.controller
    dwelling = case.woonoverlast.dwelling_address  # type: ignore[attr-defined]
    return {
        "reference": case.reference, "letter_date": letter_date, "object": DWELLING, "dwelling": dwelling,
        "sender": letterhead(authority=AUTHORITY, organisation=organisation),
        "addressee": {"name": _name(person), "address": (person.address if person else None) or dwelling},
        "signature": signature(authority=AUTHORITY, organisation=organisation,
                               signatory=getattr(signed, "signatory", None) or "",
                               under_mandate=bool(getattr(signed, "under_mandate", False))),
    }


def _remedies(case: Case, announcement: Announcement) -> dict[str, Any]:
    organisation = case.controller
    return {
        "objection": objection_clause(authority=AUTHORITY, organisation=organisation, reference=case.reference,
                                      announced_on=announcement.announced_on,
                                      deadline=announcement.objection_deadline),
        "interim_relief": interim_relief_clause(organisation=organisation),
    }


def _book(book: Zwartboek | None) -> dict[str, Any]:
    if book is None:
        return {"zwartboek": None}
    return {"zwartboek": book, "zwartboek_compiled_on": datum(book.compiled_on),
            "zwartboek_verified_on": datum(book.verified_on)}


def _intended(intention: Intention) -> BehaviouralOrder | Closure | None:
    """The decision the intention announces: the one taken on it, else the latest draft of its kind."""
    model: type[BehaviouralOrder] | type[Closure] = (BehaviouralOrder if intention.decision == DecisionKind.ORDER
                                                      else Closure)
    rows = model.objects.filter(case=intention.case)
    return (rows.filter(intention=intention).first()
            or rows.filter(state=DecisionState.DRAFT).order_by("-created_at").first())


def intention_addressees(intention: Intention) -> list[Person]:
    """Everyone the intention goes to: the addressees of the decision it announces (a landlord as well
    as an occupant), and always the person the file is about; each gets a letter of their own."""
    main = intention.case.person
    people: list[Person] = [main] if main is not None else []
    intended = _intended(intention)
    if intended is not None:
        people += [p for p in intended.addressees.order_by("surname", "pk") if p.pk != intention.case.person_id]
    return people


def intention_context(intention: Intention, person: Person | None = None) -> dict[str, Any]:
    case = intention.case
    letter_date = LetterDate(intention.sent_on)
    interventions = Intervention.objects.filter(case=case, carried_out_on__lte=intention.sent_on) \
        .order_by("carried_out_on", "created_at")
    intended = _intended(intention)
    closure = intended if isinstance(intended, Closure) and intended.state == DecisionState.DRAFT else None
    return {
        **letter_parts(case, letter_date=letter_date, person=person or case.person, signed=intention),
        **_book(_zwartboek(case, intention)),
        "order": intention.decision == DecisionKind.ORDER,
        "title": _kind((VOORNEMEN, intention.decision)).title,
        "interventions": [(datum(row.carried_out_on), _lower_first(row.get_kind_display()))
                          for row in interventions],
        "closure_weeks": closure.duration_weeks if closure else None,
        "view_term_weeks": intention.view_term_weeks, "view_due_on": datum(intention.view_due_on),
    }


def _penalty(order: BehaviouralOrder) -> str:
    if order.penalty_form == PenaltyForm.PER_TIME_UNIT:
        return order.get_time_unit_display()  # type: ignore[attr-defined, no-any-return]
    return _lower_first(order.get_penalty_form_display())  # type: ignore[attr-defined]


def euros(value: Decimal | None) -> str:
    """1500 -> '1.500,00' (Dutch: thousands point, decimal comma), whatever the active locale."""
    if value is None:
        return ""
    whole, cents = f"{Decimal(value):,.2f}".split(".")
    return f"{whole.replace(',', '.')},{cents}"


def order_context(order: BehaviouralOrder, announcement: Announcement) -> dict[str, Any]:
    case = order.case
    return {
        **letter_parts(case, letter_date=LetterDate(announcement.announced_on), person=announcement.addressee_person,
                  signed=order),
        **_remedies(case, announcement), **_book(_zwartboek(case, order.intention)),
        "order": order, "apv": order.apv_article, "apv_since": datum(order.apv_article.effective_from),
        "capacity": _lower_first(order.get_addressee_capacity_display()),  # type: ignore[attr-defined]
        "dwangsom": order.enforcement == Enforcement.DWANGSOM,
        "penalty": _penalty(order) if order.enforcement == Enforcement.DWANGSOM else "",
        "amount": euros(order.amount), "maximum": euros(order.maximum),
        "decided_on": datum(order.decided_on), "starts_on": datum(order.starts_on), "ends_on": datum(order.ends_on),
        "announced_on": datum(announcement.announced_on),
        "compliance_ends_on": datum(announcement.compliance_ends_on),
        "intention_sent_on": datum(order.intention.sent_on) if order.intention else "",
    }


def closure_context(closure: Closure, announcement: Announcement) -> dict[str, Any]:
    case = closure.case
    assert closure.starts_on is not None  # noqa: S101 - an imposed closure (the letter's `ready`)
    return {
        **letter_parts(case, letter_date=LetterDate(announcement.announced_on), person=announcement.addressee_person,
                  signed=closure),
        **_remedies(case, announcement), **_book(_zwartboek(case, closure.intention)),
        "closure": closure, "decided_on": datum(closure.decided_on), "starts_on": datum(closure.starts_on),
        # The decision as taken; an extension (lid 3) is a decision of its own.
        "ends_on": datum(closure.starts_on + timedelta(weeks=closure.duration_weeks)),
        "announced_on": datum(announcement.announced_on),
        "disturbance_ends_on": "" if closure.urgent else datum(announcement.compliance_ends_on),
        "intention_sent_on": datum(closure.intention.sent_on) if closure.intention else "",
    }


# --- making them ---------------------------------------------------------------------------------

def render_letter(template: str, context: dict[str, Any], title: str) -> bytes:
    with translation.override("nl"):
        body = render_to_string(f"{TEMPLATE_DIR}/{template}.html", context)
    return render_pdf(body, title=title)


def require_addressee(person: Person | None, addressees: list[Person]) -> Person:
    """The letter's addressee, who must be one of the decision's (or intention's) addressees."""
    if person is None and addressees:
        return addressees[0]
    if person is None or person.pk not in {row.pk for row in addressees}:
        raise ValidationError({"addressee": _("This person is not an addressee of this decision.")})
    return person


def intention_letter_pdf(intention: Intention, person: Person | None = None) -> bytes:
    """The intention letter to `person` (default: the file's main person), one of its addressees;
    refused (ValidationError) outside the intention's state or without a zwartboek."""
    case = intention.case
    kinds.require_allowed(_kind((VOORNEMEN, intention.decision)), status=case.status, details=intention,
                          state_labels=wf.STATES)
    require_letter_details(case.controller, appealable=False)
    context = intention_context(intention, require_addressee(person, intention_addressees(intention)))
    return render_letter(VOORNEMEN, context, context["title"])


def decision_letter_pdf(row: BehaviouralOrder | Closure, announcement: Announcement) -> bytes:
    """The gedragsaanwijzing or closure letter to the addressee of `announcement`."""
    case = row.case
    code = ORDER if isinstance(row, BehaviouralOrder) else CLOSURE
    if announcement.decision_id != row.pk or announcement.case_id != case.pk:
        raise ValidationError({"announcement": _("This announcement is of another decision.")})
    kinds.require_allowed(_kind(code), status=case.status, details=row, state_labels=wf.STATES)
    require_letter_details(case.controller, appealable=True)
    if isinstance(row, BehaviouralOrder):
        return render_letter(ORDER, order_context(row, announcement), TITLES[ORDER])
    return render_letter(CLOSURE, closure_context(row, announcement), TITLES[CLOSURE])


__all__ = ["LETTER_STATES", "closure_context", "decision_letter_allowed", "decision_letter_pdf",
           "intention_addressees", "intention_context", "intention_letter_allowed", "intention_letter_pdf",
           "letter_parts", "order_context", "render_letter", "require_addressee"]
