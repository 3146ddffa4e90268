"""The written notice of an extension or postponement of the decision on an objection (Awb 7:10
lid 5), as a PDF/A letter (casework/pdf.py) stating the new due date.

The body is a Dutch template (templates/casework/remedies/extension_notice.html) in the subset of
HTML that fpdf2's `write_html` understands. Like the inzage letter, the PDF is made on request and
never stored: the audit trail records the print, with a structured reason (the letter text is
personal data). The date of sending is recorded on the objection (`extension_notice_sent_on`,
`postponement_notice_sent_on`); without it the term is not extended (casework/remedies/objections.py).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from accounts.models import User
from audit import record
from audit.actions import Action
from casework.letters.dating import LetterDate
from casework.models.cases import processing_activity_of
from casework.pdf import datum, render_pdf
from casework.remedies.models import Objection
from casework.remedies.rules import RemedyRules

TEMPLATE = "casework/remedies/extension_notice.html"
SUBJECT = "Verdaging van de beslissing op uw bezwaarschrift"


def _addressee(objection: Objection) -> str:
    announcement = objection.announcement
    person = announcement.addressee_person
    return announcement.addressee_name or (f"{person.first_names} {person.surname}" if person else "")


def extension_notice_context(objection: Objection) -> dict[str, Any]:
    """What the letter shows, as plain Dutch values."""
    postponed = objection.postponement_weeks > 0
    sent_on = (objection.postponement_notice_sent_on if postponed else objection.extension_notice_sent_on)
    return {
        "municipality": objection.case.controller.name, "reference": objection.case.reference,
        "addressee": _addressee(objection), "letter_date": LetterDate(sent_on),  # a draft until sent
        "subject": SUBJECT, "received_on": datum(objection.received_on),
        "announced_on": datum(objection.announcement.announced_on),
        "extension_weeks": objection.extension_weeks, "extension_ground": objection.extension_ground or "",
        "postponement_weeks": objection.postponement_weeks,
        "consent": objection.postponement_basis == Objection.PostponementBasis.CONSENT,
        "consent_on": datum(objection.consent_on), "postponement_ground": objection.postponement_ground or "",
        "due_on": datum(objection.decision_due_on),
    }


def extension_notice_pdf(*, actor: User, rules: RemedyRules, objection: Objection) -> bytes:
    """The notice of the extension (lid 3) and any postponement (lid 4) with the new due date."""
    rules.authorise(actor, objection.case)
    if not (objection.extension_weeks or objection.postponement_weeks) or objection.decision_due_on is None:
        raise ValidationError(_("The decision term of this objection was not extended: there is no notice to send."),
                              code="not_extended")
    if objection.postponement_weeks and objection.postponement_basis == Objection.PostponementBasis.UNRECORDED:
        # Old over-long extensions moved by remedies/0003 (docs/adr/0015): no basis to state in a letter.
        raise ValidationError(_("The basis of this postponement was never recorded: record it before sending a "
                                "notice."), code="unrecorded_basis")
    body = render_to_string(TEMPLATE, extension_notice_context(objection))
    record(action=Action.PRINT, processing_activity=processing_activity_of(objection.case),
           object_type="remedies.Objection", object_id=objection.pk, case_id=objection.case_id,
           subject_id=objection.case.person_id, reason="notice of extension (Awb 7:10 lid 5) printed", actor=actor)
    return render_pdf(body, title=SUBJECT)
