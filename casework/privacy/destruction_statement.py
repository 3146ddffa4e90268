"""The destruction statement (verklaring van vernietiging) of an executed batch, as a PDF.

A Dutch legal document (Archiefwet, Archiefbesluit 1995 art. 8): its text is Dutch in the template
templates/casework/privacy/retention_statement.html, not translatable msgids. It lists the
tombstones only — type, reference, dates, basis in the selection list, period — and who requested,
approved and executed the destruction; never personal data of the destroyed dossiers.
"""

from __future__ import annotations

from django.template.loader import render_to_string

from casework.pdf import datum, render_pdf
from casework.privacy.models import DestructionBatch, RetentionBasis

TEMPLATE = "casework/privacy/retention_statement.html"


def statement_context(batch: DestructionBatch) -> dict:
    tombstones = list(batch.tombstones.order_by("reference"))
    return {
        "batch": batch,
        "rows": [{
            "reference": t.reference, "case_type": t.get_case_type_display(), "opened_on": datum(t.opened_on),
            "closed_on": datum(t.closed_on), "basis": RetentionBasis(t.basis).label, "years": t.retention_years,
            "category": t.selectielijst_category,
        } for t in tombstones],
        "requested_on": datum(batch.requested_at.date()),
        "approved_on": datum(batch.approved_at.date()) if batch.approved_at else "",
        "executed_on": datum(batch.executed_at.date()) if batch.executed_at else "",
        "requested_by": batch.requested_by.display_name,
        "approved_by": batch.approved_by.display_name if batch.approved_by else "",
        "organisation": getattr(batch.requested_by.organisation, "name", ""),
    }


def statement_pdf(batch: DestructionBatch) -> bytes:
    body = render_to_string(TEMPLATE, statement_context(batch))
    return render_pdf(body, title=f"Verklaring van vernietiging {batch.number}")
