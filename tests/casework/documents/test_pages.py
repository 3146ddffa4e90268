"""The documents pages: upload through the form, the case page and timeline, the stale new-version form (409),
download and preview headers, a partner refused outside its categories (403, recorded). Few renders."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from casework import access
from casework.categories import NOTES, PERSONALIA
from casework.documents.models import Document, DocumentVersion
from casework.documents.services import document_upload
from casework.pga.casetype import PGA_PLAN
from tests.auditlog import events
from tests.factories.files import DOCX, PDF

pytestmark = pytest.mark.django_db(databases="__all__")


def _list_url(case) -> str:
    return reverse("casework:document_list", kwargs={"case_id": case.pk})


def _url(name: str, document, **extra) -> str:
    return reverse(f"casework:{name}", kwargs={"case_id": document.case_id, "document_id": document.pk, **extra})


def test_uploading_through_the_form_shows_the_document_on_the_case_page_and_timeline(client, login, regisseur, case):
    login(client, regisseur)
    response = client.post(_list_url(case), {"title": "Verslag (test)", "category": NOTES,
                                             "file": SimpleUploadedFile("verslag.pdf", PDF, "application/pdf")})
    document = Document.objects.get()
    assert response.status_code == 302 and response["Location"] == _url("document_detail", document)
    page = client.get(reverse("casework:case_detail", kwargs={"case_id": case.pk})).content.decode()
    assert "Verslag (test)" in page and "Document toegevoegd" in page and regisseur.organisation.name in page


def test_a_refused_file_keeps_the_form_with_a_dutch_error_and_saves_nothing(client, login, regisseur, case):
    login(client, regisseur)
    response = client.post(_list_url(case), {"title": "Nep (test)", "category": NOTES,
                                             "file": SimpleUploadedFile("nep.pdf", b"<html><script>x</script></html>",
                                                                        "application/pdf")})
    assert response.status_code == 400 and "Dit bestandstype wordt niet geaccepteerd" in response.content.decode()
    assert not Document.objects.exists() and not DocumentVersion.objects.exists()


def test_a_stale_new_version_form_is_a_409_in_dutch_and_adds_nothing(client, login, regisseur, case):
    document = document_upload(actor=regisseur, case=case, title="Plan (test)", category=NOTES, upload=PDF)
    login(client, regisseur)
    stale = case.__class__.objects.get(pk=case.pk).version - 1
    response = client.post(_url("document_version_add", document),
                           {"version": stale, "file": SimpleUploadedFile("v2.docx", DOCX)})
    assert response.status_code == 409 and "gewijzigd" in response.content.decode()
    assert document.versions.count() == 1
    current = case.__class__.objects.get(pk=case.pk).version
    response = client.post(_url("document_version_add", document),
                           {"version": current, "file": SimpleUploadedFile("v2.docx", DOCX)})
    assert response.status_code == 302 and document.versions.count() == 2


def test_download_and_preview_carry_the_safe_headers_and_each_is_one_export_event(client, login, regisseur, case):
    pdf = document_upload(actor=regisseur, case=case, title="Rapport (test)", category=NOTES, upload=PDF)
    docx = document_upload(actor=regisseur, case=case, title="Brief (test)", category=NOTES, upload=DOCX,
                           filename="brief.docx")
    login(client, regisseur)
    preview = client.get(_url("document_preview", pdf, number=1))
    assert preview.content == PDF and preview["Content-Disposition"].startswith("inline")
    assert preview["Content-Security-Policy"].startswith("sandbox") and preview["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in preview["Cache-Control"]
    office = client.get(_url("document_preview", docx, number=1))
    assert office["Content-Disposition"] == 'attachment; filename="brief.docx"'
    assert events(action="export", object_type="documents.DocumentVersion", case_id=str(case.pk)).count() == 2


def test_a_partner_is_refused_a_document_outside_its_categories_and_the_refusal_is_recorded(
        client, login, regisseur, case, partner, plan_share):
    hidden = document_upload(actor=regisseur, case=case, title="Paspoort (test)", category=PERSONALIA, upload=PDF)
    login(client, partner)
    assert client.get(_url("document_download", hidden, number=1)).status_code == 403
    assert events(action="access_denied", actor_id=str(partner.pk), case_id=str(case.pk)).count() == 1
    assert not events(action="export", actor_id=str(partner.pk)).exists()
    response = client.post(_list_url(case), {"title": "Stuk (test)", "category": PERSONALIA,
                                             "file": SimpleUploadedFile("a.pdf", PDF)})
    assert response.status_code == 400 and not Document.objects.filter(organisation=partner.organisation).exists()
    response = client.post(_list_url(case), {"title": "Rapportage (test)", "category": PGA_PLAN,
                                             "file": SimpleUploadedFile("a.pdf", PDF)})
    assert response.status_code == 302
    assert Document.objects.get(organisation=partner.organisation).processing_activity == "chain-sharing"


def test_an_outsider_gets_403_on_the_documents_page(client, login, other_org_user, case):
    login(client, other_org_user)
    assert client.get(_list_url(case)).status_code == 403
    assert events(action="access_denied", actor_id=str(other_org_user.pk)).count() == 1
    assert access.case_access(other_org_user, case).via == ""


def test_a_team_lead_sees_the_documents_but_an_upload_is_refused_and_recorded(client, login, regisseur, case,
                                                                            make_user, team):
    from accounts.roles import TEAMLEIDER

    lead = make_user(role=TEAMLEIDER, team=team)
    document_upload(actor=regisseur, case=case, title="Verslag (test)", category=NOTES, upload=PDF)
    login(client, lead)
    page = client.get(_list_url(case))
    assert page.status_code == 200 and "Verslag (test)" in page.content.decode() and b'type="file"' not in page.content
    refused = client.post(_list_url(case), {"title": "X", "category": NOTES, "file": SimpleUploadedFile("a.pdf", PDF)})
    assert refused.status_code == 403 and Document.objects.count() == 1
    assert events(action="access_denied", actor_id=str(lead.pk), reason="action:upload").count() == 1
