"""Documents go with their dossier: destroying the case deletes the document rows and their history, removes
the files from storage and shreds the case key (no orphan file or key); afterwards nothing opens."""

from __future__ import annotations

import pytest

from casework.categories import NOTES
from casework.documents.models import Document, DocumentVersion
from casework.documents.services import document_upload, document_version_add
from casework.documents.storage import document_files
from casework.privacy.destruction import case_destroy
from encryption.models import DataKey
from tests.factories.files import DOCX, PDF

pytestmark = pytest.mark.django_db(databases="__all__")


def test_destroying_the_case_takes_its_documents_files_and_key_along(regisseur, case):
    document = document_upload(actor=regisseur, case=case, title="Verslag (test)", category=NOTES, upload=PDF)
    document_version_add(actor=regisseur, document=document, upload=DOCX, filename="verslag.docx")
    names = list(DocumentVersion.objects.values_list("file", flat=True))
    assert len(names) == 2 and all(document_files.exists(name) for name in names)
    case_destroy(case=case, basis="retention", retention_years=5, actor=None, reason="test: vernietiging")
    assert not Document.objects.exists() and not DocumentVersion.objects.exists()
    assert not Document.history.exists() and not DocumentVersion.history.exists()
    assert not any(document_files.exists(name) for name in names)
    assert DataKey.objects.get(pk=case.data_key_id).is_destroyed
