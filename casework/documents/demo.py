"""Documents demo data for `seed_demo`: on the first open case shared with the demo partner's organisation (by
its owner), a PDF in a category shared with that partner and one in personal details (not shared), so user
'partner' sees one document and may add its own. Idempotent (the first title is the marker)."""

from __future__ import annotations

from django.utils import timezone

from accounts.models import User
from casework.categories import PERSONALIA
from casework.documents.categories import document_categories
from casework.documents.models import Document
from casework.documents.services import document_upload
from casework.models import Case, SharingDecision

MARKER = "Demo: verslag huisbezoek"
PDF = (b"%PDF-1.4\n% synthetisch demodocument\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n"
       b"%%EOF\n")


def demo_lines() -> list[str]:
    if Document.objects.exists():
        return ["Documents: the demo documents exist already."]
    partner = User.objects.filter(username="partner").first()
    if partner is None:
        return []
    today = timezone.localdate()
    for share in SharingDecision.objects.filter(
            case__owner__isnull=False, case__closed_on__isnull=True, partner_id=partner.organisation_id,
            revoked_at__isnull=True, starts_on__lte=today, ends_on__gte=today).select_related("case").order_by("case"):
        offered = document_categories(share.case.case_type)
        shared = next((code for code in share.categories if code in offered), None)
        if shared is None:
            continue
        case: Case = share.case
        owner = case.owner
        document_upload(actor=owner, case=case, title=MARKER, category=shared, upload=PDF, filename="huisbezoek.pdf")
        if PERSONALIA in offered:
            document_upload(actor=owner, case=case, title="Demo: kopie identiteitsbewijs (niet gedeeld)",
                            category=PERSONALIA, upload=PDF, filename="identiteit.pdf")
        return [f"Documents: two demo documents on {case.reference}; user 'partner' sees the one in a shared "
                f"category."]
    return []
