"""The answer to an inzage request as a PDF/A letter (fpdf2, through the shared renderer in casework/pdf.py).

The letter is a decision (UAVG art. 34) on the organisation's letterhead with the request's
reference, dated, signed by the privacy officer, answering AVG 15(1)(a)-(h) and carrying the copy
(15(3)) and the rechtsmiddelenclausule (casework/privacy/inzage_letter.py). It is made only after
the privacy officer reviewed the free text (casework/privacy/inzage_review.py): the withheld
passages are replaced before rendering. The body is a template of its own
(templates/casework/privacy/inzage_pdf.html) in the subset of HTML that fpdf2's `write_html`
understands. The PDF is made on request and never stored: the audit trail records the export.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from casework.pdf import render_pdf
from casework.privacy.inzage import InzageReport
from casework.privacy.inzage_letter import letter_context
from casework.privacy.inzage_review import review_apply, review_require
from casework.privacy.models import DataSubjectRequest

TEMPLATE = "casework/privacy/inzage_pdf.html"


def inzage_pdf_bytes(report: InzageReport, request: DataSubjectRequest | None) -> bytes:
    """The letter; ValidationError when the report is not linked to a request or its free text is not reviewed."""
    review = review_require(report, request)
    assert request is not None  # noqa: S101 - review_require refuses a report without its request
    review_apply(report, review)
    body = render_to_string(TEMPLATE, {"report": report, "letter": letter_context(report, request)})
    return render_pdf(body, title=_("Decision on your request for access"))
