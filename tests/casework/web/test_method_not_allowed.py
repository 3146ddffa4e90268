"""A page opened with a method it does not take answers the Dutch 405 page with its `Allow` header, not Django's
empty body (casework/web/methods.py); the API keeps its own problem (tests/casework/api/test_rules.py)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.roles import PRIVACY_OFFICER

pytestmark = pytest.mark.django_db(databases="__all__")


@pytest.mark.parametrize(("method", "name", "allowed"), [
    ("get", "casework:privacy_inzage_review", "POST"),  # a form's address opened as a page (a bookmark, a reload)
    ("delete", "casework:privacy_inzage", "GET, POST"),
])
def test_a_method_a_page_does_not_take_gets_the_dutch_page(client, login, make_user, method, name, allowed):
    login(client, make_user(role=PRIVACY_OFFICER))
    response = getattr(client, method)(reverse(name))
    assert response.status_code == 405 and response["Allow"] == allowed
    page = response.content.decode()
    assert 'lang="nl"' in page and "Deze pagina kan zo niet worden geopend" in page
    assert "Terug naar het dashboard" in page


def test_the_api_keeps_its_problem(client, login, make_user):
    login(client, make_user(role=PRIVACY_OFFICER))
    response = client.delete("/api/v1/cases")
    assert response.status_code == 405 and response["Content-Type"] == "application/problem+json"
