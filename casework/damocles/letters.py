"""Damocles letters: the voornemen, the waarschuwing and the besluit, as sealed HTML and PDF.

One Django template per kind renders the letter body; the same body becomes the stored HTML
document (styled by a static CSS file, so it opens under the strict CSP) and, through fpdf2's
`write_html`, the PDF. Both are sealed with the case's data key: the HTML in an encrypted column,
the PDF in the encrypted storage. The letters are Dutch legal documents, so their text is written
in Dutch in the templates (casework/damocles/templates/damocles/letters/), not as translatable msgids.

A decision letter goes to one addressee (one announcement): it states how, where and by when
that addressee can object (Awb 3:45), with that addressee's own objection deadline. A warning
letter is not an appealable decision and has no objection clause.
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
from casework.damocles.casetype import CASE_TYPE
from casework.damocles.models import DamoclesCase, Letter, PoliceReport, Sanction
from casework.deadlines import objection_deadline, term_end
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
KINDS_NL = {"woning": "woning", "lokaal": "lokaal", "other": "pand"}
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
    return {
        "street": f"{premises.street} {number}", "place": f"{premises.postcode} {premises.city}",
        "kind": KINDS_NL.get(premises.kind, "pand"),
    }


def letter_context(*, case: Case, kind: str, announcement: Announcement | None, today: date) -> dict[str, Any]:
    """Everything a letter template shows, as plain (already formatted, Dutch) values."""
    details = case.damocles
    report = _report(case)
    policy = details.policy_version
    context: dict[str, Any] = {
        "kind": kind, "reference": case.reference, "municipality": case.controller.name,
        "letter_date": datum(today), "addressee": _addressee(announcement), "premises": _premises(details),
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
        "authority": details.deciding_authority or "burgemeester", "signatory": details.signatory or "",
    }
    if kind == Letter.Kind.VOORNEMEN:
        sent_on = details.intention_sent_on or today
        due = details.view_due_on or term_end(event=sent_on, weeks=details.view_term_weeks)
        context.update(view_term_weeks=details.view_term_weeks, view_due_on=datum(due))
    if kind == Letter.Kind.BESLUIT and announcement is not None:
        deadline = announcement.objection_deadline or objection_deadline(announced_on=announcement.announced_on)
        compliance = details.compliance_term_days
        context.update(
            decided_on=datum(details.decided_on), announced_on=datum(announcement.announced_on),
            objection_deadline=datum(deadline), compliance_days=compliance,
            compliance_until=datum(_compliance_until(announcement, compliance)) if compliance else "",
        )
    return context


def _compliance_until(announcement: Announcement, days: int) -> date:
    """The end of this addressee's begunstigingstermijn: the date stored at their announcement (the
    same date the deadline overview, the sealing guard and the API show; casework/remedies/terms.py)."""
    return announcement.compliance_ends_on or compliance_end(announced_on=announcement.announced_on, days=days)


def _check_decision(details: DamoclesCase, announcement: Announcement | None) -> None:
    """A decision letter needs the decision's content and an addressee; say what is missing."""
    errors: dict[str, str] = {}
    if announcement is None:
        errors["announcement"] = _("A decision letter is addressed to one addressee: choose the announcement.")
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
    details = DamoclesCase.objects.select_related("premises", "policy_version").get(case=case)
    if kind == Letter.Kind.BESLUIT:
        _check_decision(details, announcement)
    return details


def render_letter(*, case: Case, kind: str, announcement: Announcement | None, today: date) -> tuple[str, str]:
    """(body HTML for the PDF, full HTML document) of one letter."""
    context = letter_context(case=case, kind=kind, announcement=announcement, today=today)
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
    body, document = render_letter(case=case, kind=kind, announcement=announcement, today=timezone.localdate())
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
