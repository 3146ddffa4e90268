"""The documents API: list, multipart upload (with Idempotency-Key), metadata with versions, a new version with
the case `version` (409 when stale), withdrawal and the audited download; problem+json in Dutch on refusal."""

from __future__ import annotations

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from casework.categories import NOTES, PERSONALIA
from casework.documents.models import Document, DocumentVersion
from casework.documents.services import document_upload
from casework.models import Case
from casework.pga.casetype import PGA_PLAN
from tests.auditlog import events
from tests.conftest import login_client
from tests.factories.files import DOCX, PDF

pytestmark = pytest.mark.django_db(databases="__all__")


def _client(user) -> APIClient:
    client = APIClient()
    login_client(client, user)
    return client


def _base(case) -> str:
    return f"/api/v1/cases/{case.pk}/documents"


def _version(case) -> int:
    return Case.objects.values_list("version", flat=True).get(pk=case.pk)


def test_upload_list_metadata_and_download(regisseur, case):
    client = _client(regisseur)
    key = str(uuid.uuid4())
    body = {"title": "Verslag (test)", "category": NOTES, "file": SimpleUploadedFile("verslag.pdf", PDF)}
    created = client.post(_base(case), body, format="multipart", HTTP_IDEMPOTENCY_KEY=key)
    assert created.status_code == 201, created.content
    data = created.json()
    assert (data["title"], data["category"], data["version_count"]) == ("Verslag (test)", NOTES, 1)
    assert data["versions"][0]["content_type"] == "application/pdf"
    again = client.post(_base(case), {**body, "file": SimpleUploadedFile("verslag.pdf", PDF)}, format="multipart",
                        HTTP_IDEMPOTENCY_KEY=key)
    assert again.status_code == 200 and again["Idempotent-Replayed"] == "true" and again.json()["id"] == data["id"]
    assert Document.objects.count() == 1 and DocumentVersion.objects.count() == 1
    listed = client.get(_base(case)).json()
    assert [row["id"] for row in listed] == [data["id"]]
    content = client.get(f"{_base(case)}/{data['id']}/versions/1/content")
    assert content.status_code == 200 and content.content == PDF
    assert content["Content-Disposition"].startswith("attachment") and content["X-Content-Type-Options"] == "nosniff"
    assert events(action="export", object_type="documents.DocumentVersion", case_id=str(case.pk)).count() == 1


def test_a_new_version_needs_the_current_case_version(regisseur, case):
    document = document_upload(actor=regisseur, case=case, title="Plan (test)", category=NOTES, upload=PDF)
    client = _client(regisseur)
    url = f"{_base(case)}/{document.pk}/versions"
    stale = client.post(url, {"version": _version(case) - 1, "file": SimpleUploadedFile("v2.docx", DOCX)},
                        format="multipart")
    assert stale.status_code == 409 and stale["Content-Type"].startswith("application/problem+json")
    assert "gewijzigd" in stale.json()["detail"] and document.versions.count() == 1
    fresh = client.post(url, {"version": _version(case), "file": SimpleUploadedFile("v2.docx", DOCX)},
                        format="multipart")
    assert fresh.status_code == 201 and fresh.json()["version_count"] == 2


def test_a_macro_document_is_a_400_in_dutch_and_nothing_is_saved(regisseur, case):
    from tests.factories.files import ooxml_bytes

    response = _client(regisseur).post(_base(case), {"title": "Macro (test)", "category": NOTES,
                                                     "file": SimpleUploadedFile("a.docx", ooxml_bytes("docm"))},
                                       format="multipart")
    assert response.status_code == 400
    assert any("macro" in error["detail"] for error in response.json()["errors"])
    assert not Document.objects.exists()


def test_withdrawal_carries_the_version_and_a_reason(regisseur, case):
    document = document_upload(actor=regisseur, case=case, title="Dubbel (test)", category=NOTES, upload=PDF)
    client = _client(regisseur)
    url = f"{_base(case)}/{document.pk}/withdrawal"
    assert client.post(url, {"version": _version(case), "reason": ""}, format="json").status_code == 400
    response = client.post(url, {"version": _version(case), "reason": "Dubbel geüpload (test)."}, format="json")
    assert response.status_code == 200 and response.json()["withdrawn_at"]


def test_a_partner_uploads_in_a_shared_category_and_is_refused_elsewhere(regisseur, case, partner, plan_share):
    hidden = document_upload(actor=regisseur, case=case, title="Paspoort (test)", category=PERSONALIA, upload=PDF)
    client = _client(partner)
    assert client.get(f"{_base(case)}/{hidden.pk}").status_code == 403
    refused = client.post(_base(case), {"title": "Stuk (test)", "category": PERSONALIA,
                                        "file": SimpleUploadedFile("a.pdf", PDF)}, format="multipart")
    assert refused.status_code == 403 and refused["Content-Type"].startswith("application/problem+json")
    created = client.post(_base(case), {"title": "Rapportage (test)", "category": PGA_PLAN,
                                        "file": SimpleUploadedFile("a.pdf", PDF)}, format="multipart")
    assert created.status_code == 201 and created.json()["processing_activity"] == "chain-sharing"
    assert [row["title"] for row in client.get(_base(case)).json()] == ["Rapportage (test)"]
    assert events(action="access_denied", actor_id=str(partner.pk), case_id=str(case.pk)).count() == 2
