"""The documents list page (registered with `bench`) and the case page cost the same number of queries with
10 and with 200 documents (rows made directly: the list reads rows, never the files)."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from casework.categories import NOTES
from casework.documents.models import Document, DocumentVersion
from tests.conftest import count_queries

pytestmark = pytest.mark.django_db(databases="__all__")


def _documents(case, user, count: int) -> None:
    documents = [Document(case=case, data_key_id=case.data_key_id, title=f"Stuk {n} (test)", category=NOTES,
                          organisation_id=user.organisation_id, processing_activity="pga-procesregie",
                          created_by=user) for n in range(count)]
    Document.objects.bulk_create(documents)
    DocumentVersion.objects.bulk_create([
        DocumentVersion(document=d, case=case, data_key_id=case.data_key_id, number=1, file=f"files/{uuid.uuid4()}.bin",
                        content_type="application/pdf", size=100, filename="stuk.pdf",
                        organisation_id=user.organisation_id, processing_activity="pga-procesregie", created_by=user)
        for d in documents])


@pytest.mark.parametrize("page", ["casework:document_list", "casework:case_detail"])
def test_the_pages_cost_the_same_queries_with_10_and_200_documents(client, login, regisseur, case, page):
    login(client, regisseur)
    url = reverse(page, kwargs={"case_id": case.pk})
    _documents(case, regisseur, 10)
    client.get(url)
    with count_queries() as few:
        assert client.get(url).status_code == 200
    _documents(case, regisseur, 190)
    with count_queries() as many:
        response = client.get(url)
    assert response.content.decode().count("Stuk ") >= 200
    assert len(many) == len(few)
