"""The inzage report as a PDF (fpdf2, through the shared renderer in casework/pdf.py).

The body is a template of its own (templates/casework/privacy/inzage_pdf.html) in the subset of
HTML that fpdf2's `write_html` understands: headings, paragraphs and lists. The PDF is made on
request and never stored: the copy goes to the data subject, the audit trail records the export.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from casework.pdf import render_pdf
from casework.privacy.inzage import InzageReport

TEMPLATE = "casework/privacy/inzage_pdf.html"


def inzage_pdf_bytes(report: InzageReport) -> bytes:
    body = render_to_string(TEMPLATE, {"report": report})
    return render_pdf(body, title=_("Inzage report"))
