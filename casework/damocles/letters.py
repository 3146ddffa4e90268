"""Damocles letters: the voornemen, the waarschuwing and the besluit, as sealed HTML and PDF.

One Django template per kind renders the letter body; the same body becomes the stored HTML
document (styled by a static CSS file, so it opens under the strict CSP) and, through fpdf2's
`write_html`, the PDF. Both are sealed with the case's data key: the HTML in an encrypted column,
the PDF in the encrypted storage. The letters are Dutch legal documents, so their text is written
in Dutch in the templates (casework/damocles/templates/damocles/letters/), not as translatable msgids.

The parts every case type's letters share come from the core (casework/letters/): the grammar of
the object (de woning, het pand, het lokaal), the letterhead, the rechtsmiddelenclausule, the
interim-relief paragraph, the signature and the dating rule. A kind of letter can be made only in
the states where its legal basis exists (LETTER_STATES in workflow.py, plus the data it states).

A letter is dated on its sending date: the voornemen on the recorded sending of the intention,
the waarschuwing on the step that sent it, the besluit on the announcement to its addressee (each
addressee has their own date and objection deadline, Awb 3:45). Without one it is a draft that
says "CONCEPT" and states no binding date. A warning is not an appealable decision and has no
objection clause.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.history import save_with_reason
from casework import access
from casework.damocles import workflow as wf
from casework.damocles.casetype import CASE_TYPE
from casework.damocles.models import DamoclesCase, Letter, PoliceReport, Sanction
from casework.deadlines import objection_deadline
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
from casework.models import Case
from casework.pdf import datum, render_pdf
from casework.remedies.models import Announcement
from casework.remedies.terms import compliance_end
from encryption.storage import sealed_content

TEMPLATE_DIR = "damocles/letters"
SUBSTANCES_NL = {
    "softdrugs": "softdrugs", "hemp_plants": "hennepplanten", "harddrugs": "harddrugs", "ghb": "GHB",
    "sub_b_objects": "voorwerpen of stoffen voor de voorbereiding van drugsdelicten (artikel 13b lid 1 sub b)",
}
UNITS_NL = {"g": "gram", "plants": "planten", "ml": "milliliter", "pieces": "stuks", "items": "voorwerpen"}
ROLES_NL = {"owner": "eigenaar", "tenant": "huurder", "occupant": "gebruiker"}
GROUNDS_NL = {"sub_a": "artikel 13b, eerste lid, aanhef en onder a",
              "sub_b": "artikel 13b, eerste lid, aanhef en onder b"}
# Damocles premises kinds as the nouns of casework/letters/objects.py ("other" is "het pand").
PREMISES_OBJECTS = {"woning": "woning", "lokaal": "lokaal", "other": "pand"}
OFFENCES_NL = {1: "eerste", 2: "tweede", 3: "derde"}
TITLES = {"voornemen": "Voornemen tot sluiting", "waarschuwing": "Waarschuwing", "besluit": "Besluit tot sluiting"}

def amount_nl(value: Decimal) -> str:
    """6.00 -> '6', 0.50 -> '0,5' (Dutch decimal comma, no trailing zeros)."""
    return format(value.normalize(), "f").replace(".", ",")


def duration_nl(days: int | None) -> str:
    if days is None:
        return "onbepaalde tijd"
    if days % 7 == 0:
        return f"{days} dagen ({days // 7} weken)"
    return f"{days} dagen"


@dataclass(frozen=True)
class Finding:
    substance: str
    amount: str
    unit: str


def _report(case: Case) -> PoliceReport | None:
    return PoliceReport.objects.filter(case=case).prefetch_related("findings").order_by("-received_on").first()


def _addressee(announcement: Announcement | None) -> dict[str, str]:
    if announcement is None:
        return {"name": "", "role": ""}
    person = announcement.addressee_person
    name = announcement.addressee_name or (f"{person.first_names} {person.surname}" if person else "")
    return {"name": name, "role": ROLES_NL.get(announcement.role, announcement.role)}


def _premises(details: DamoclesCase) -> dict[str, str]:
    premises = details.premises
    number = f"{premises.house_number}{'-' + premises.house_number_addition if premises.house_number_addition else ''}"
    return {"street": f"{premises.street} {number}", "place": f"{premises.postcode} {premises.city}"}


# --- which letter, when ---------------------------------------------------------------------------

def _warning_ready(details: DamoclesCase) -> str | None:
    if details.chosen_sanction != Sanction.WARNING or details.policy_version_id is None:
        return _("A warning letter needs a recorded assessment that chose a warning under a policy version.")
    return None


def _intention_ready(details: DamoclesCase) -> str | None:
    if details.chosen_sanction != Sanction.CLOSURE or details.policy_version_id is None:
        return _("An intention letter needs a recorded assessment that chose a closure under a policy version.")
    return None


def _decision_ready(details: DamoclesCase) -> str | None:
    if details.decided_on is None:
        return _("A decision letter needs the decision, taken after the four-eyes approval.")
    return None


LETTER_KINDS = {
    code: kinds.LetterKind(code=code, title=TITLES[code], states=wf.LETTER_STATES[code], ready=ready)
    for code, ready in (("waarschuwing", _warning_ready), ("voornemen", _intention_ready),
                        ("besluit", _decision_ready))
}


def letter_kinds_allowed(case: Case) -> list[str]:
    """The kinds of letter that can be made in the case's current state (the page offers only these)."""
    details = DamoclesCase.objects.get(case=case)
    return kinds.allowed(LETTER_KINDS.values(), status=case.status, details=details, state_labels=wf.STATES)


def sent_on(*, case: Case, kind: str, details: DamoclesCase, announcement: Announcement | None) -> date | None:
    """The recorded sending date of this letter, or None while it is a draft."""
    if kind == Letter.Kind.BESLUIT:
        return announcement.announced_on if announcement is not None else None
    if kind == Letter.Kind.VOORNEMEN:
        return details.intention_sent_on if case.status != wf.BEOORDELING else None
    if case.status == wf.WAARSCHUWING:
        step = case.steps.filter(to_status=wf.WAARSCHUWING).order_by("-sequence").first()
        return timezone.localdate(step.at) if step else None
    return None


# --- what the letter says --------------------------------------------------------------------------

def letter_context(*, case: Case, kind: str, announcement: Announcement | None) -> dict[str, Any]:
    """Everything a letter template shows, as plain (already formatted, Dutch) values."""
    details = case.damocles
    report = _report(case)
    policy = details.policy_version
    organisation = case.controller
    authority = details.deciding_authority or "burgemeester"
    letter_date = LetterDate(sent_on(case=case, kind=kind, details=details, announcement=announcement))
    context: dict[str, Any] = {
        "kind": kind, "reference": case.reference, "letter_date": letter_date,
        "sender": letterhead(authority=authority, organisation=organisation),
        "addressee": _addressee(announcement), "premises": _premises(details),
        "object": object_kind(PREMISES_OBJECTS.get(details.premises.kind, "pand")),
        "findings": [Finding(SUBSTANCES_NL.get(f.substance, f.substance), amount_nl(f.amount),
                             UNITS_NL.get(f.unit, f.unit)) for f in (report.findings.all() if report else [])],
        "found_on": datum(report.found_on) if report else "",
        "ground": GROUNDS_NL.get(report.ground, "") if report else "",
        "policy": f"{policy.name}, geldend vanaf {datum(policy.effective_from)}" if policy else "",
        "lookback_years": policy.lookback_years if policy else 5,
        "offence": OFFENCES_NL.get(details.offence_number or 0, ""),
        "geschikt": details.geschikt or "", "noodzakelijk": details.noodzakelijk or "",
        "evenwichtig": details.evenwichtig or "", "deviation_reasons": details.deviation_reasons or "",
        "duration": duration_nl(details.chosen_days or details.proposed_days),
        "authority": authority,
        "signature": _signature(kind, details, authority=authority, organisation=organisation),
    }
    if kind == Letter.Kind.VOORNEMEN:
        due = details.view_due_on if not letter_date.draft else None
        context.update(view_term_weeks=details.view_term_weeks, view_due_on=datum(due))
    if kind == Letter.Kind.BESLUIT:
        context.update(
            decided_on=datum(details.decided_on),
            objection=objection_clause(authority=authority, organisation=organisation, reference=case.reference,
                                       announced_on=letter_date.sent_on,
                                       deadline=announcement.objection_deadline if announcement else None),
            interim_relief=interim_relief_clause(organisation=organisation),
            compliance_term_days=details.compliance_term_days,
        )
    if kind == Letter.Kind.BESLUIT and announcement is not None:
        deadline = announcement.objection_deadline or objection_deadline(announced_on=announcement.announced_on)
        compliance = details.compliance_term_days
        context.update(
            decided_on=datum(details.decided_on), announced_on=datum(announcement.announced_on),
            objection_deadline=datum(deadline), compliance_days=compliance,
            compliance_until=datum(_compliance_until(announcement, compliance)) if compliance else "",
        )
    return context


def _signature(kind: str, details: DamoclesCase, *, authority: str, organisation: Any) -> tuple[str, ...]:
    """The signature of the letter: the intention's signatory (recorded with its sending) on a
    voornemen, the decision's on the others; one rule (casework/letters/clauses.py `signature`)."""
    if kind == Letter.Kind.VOORNEMEN:
        return signature(authority=authority, organisation=organisation,
                         signatory=details.intention_signatory or "", under_mandate=details.intention_under_mandate)
    return signature(authority=authority, organisation=organisation, signatory=details.signatory or "",
                     under_mandate=details.under_mandate)


def _compliance_until(announcement: Announcement, days: int) -> date:
    """The end of this addressee's begunstigingstermijn: the date stored at their announcement (the
    same date the deadline overview, the sealing guard and the API show; casework/remedies/terms.py)."""
    return announcement.compliance_ends_on or compliance_end(announced_on=announcement.announced_on, days=days)


def _check_decision(details: DamoclesCase, announcement: Announcement | None) -> None:
    """A decision letter needs the decision's content; an addressee's letter their announcement of it."""
    errors: dict[str, str] = {}
    if announcement is not None and not announcement.is_about(details):
        errors["announcement"] = _("This announcement is of another decision.")
    if details.chosen_sanction != Sanction.CLOSURE and not details.urgent:
        errors["kind"] = _("A decision letter needs a closure decision; record the chosen sanction first.")
    missing = [name for name in ("geschikt", "noodzakelijk", "evenwichtig", "signatory")
               if not (getattr(details, name) or "").strip()]
    if details.policy_version_id is None:
        missing.append("policy_version")
    if details.decided_on is None:
        missing.append("decided_on")
    if missing:
        errors["__all__"] = _("The decision is incomplete; missing: %(fields)s.") % {"fields": ", ".join(missing)}
    if errors:
        raise ValidationError(errors)


def _validate(case: Case, kind: str, announcement: Announcement | None) -> DamoclesCase:
    if case.case_type != CASE_TYPE:
        raise ValidationError(_("Letters are generated for Damocles procedures only."))
    if kind not in Letter.Kind.values:
        raise ValidationError({"kind": _("Choose the kind of letter.")})
    if announcement is not None and announcement.case_id != case.pk:
        raise ValidationError({"announcement": _("This announcement belongs to another case.")})
    if announcement is not None and kind != Letter.Kind.BESLUIT:
        raise ValidationError({"announcement": _("Only a decision letter is addressed to an announcement.")})
    details = DamoclesCase.objects.select_related("premises", "policy_version").get(case=case)
    kinds.require_allowed(LETTER_KINDS[kind], status=case.status, details=details, state_labels=wf.STATES)
    if kind == Letter.Kind.BESLUIT:
        _check_decision(details, announcement)
    if kind == Letter.Kind.VOORNEMEN and details.intention_sent_on is not None and case.status != wf.BEOORDELING \
            and not (details.intention_signatory or "").strip():
        raise ValidationError(_("The intention letter cannot be made: who signs it was not recorded when the "
                                "intention was sent."), code="letter_signatory")
    require_letter_details(case.controller, appealable=kind == Letter.Kind.BESLUIT)
    return details


def render_letter(*, case: Case, kind: str, announcement: Announcement | None) -> tuple[str, str]:
    """(body HTML for the PDF, full HTML document) of one letter."""
    context = letter_context(case=case, kind=kind, announcement=announcement)
    body = render_to_string(f"{TEMPLATE_DIR}/{kind}.html", context)
    document = render_to_string(f"{TEMPLATE_DIR}/document.html", {**context, "body": body, "title": TITLES[kind]})
    return body, document


@transaction.atomic
def letter_generate(*, actor: User, case: Case, kind: str, announcement: Announcement | None = None) -> Letter:
    """Render, seal and store one letter; the history row of the Letter is its `create` event.

    The change reason is structured ("letter besluit generated"): the letter text is personal
    data and lives only in the sealed columns.
    """
    access.require(actor, access.CHANGE, case)
    _validate(case, kind, announcement)
    body, document = render_letter(case=case, kind=kind, announcement=announcement)
    letter = Letter(id=uuid.uuid4(), case=case, data_key_id=case.data_key_id, kind=kind, announcement=announcement,
                    html=document, created_by=actor)
    pdf_bytes = render_pdf(body, title=f"{TITLES[kind]} {case.reference}")
    letter.pdf.save(f"{letter.id}.pdf", sealed_content(pdf_bytes, data_key_id=case.data_key_id, owner_id=letter.id),
                    save=False)
    try:
        save_with_reason(letter, reason=f"letter {kind} generated", user=actor)
    except Exception:
        letter.pdf.storage.delete(letter.pdf.name)
        raise
    return letter


def letter_pdf_bytes(letter: Letter) -> bytes:
    """The decrypted PDF, checked to belong to this letter row."""
    with letter.pdf.storage.open_for(letter.pdf.name, owner_id=letter.id) as handle:
        return handle.read()
