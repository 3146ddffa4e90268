"""Review: the case search never echoes a searched BSN back into the page (as the privacy
officer's subject search does not): the number is in the POST body only, not in the response."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories.casework import TEST_BSNS, make_pga_case

pytestmark = pytest.mark.django_db(databases="__all__")
URL = reverse("casework:case_search")


def test_a_successful_bsn_search_does_not_echo_the_bsn(client, login, regisseur):
    make_pga_case(owner=regisseur, bsn=TEST_BSNS[1])
    other = TEST_BSNS[2]  # a BSN of nobody the user may see
    login(client, regisseur)
    response = client.post(URL, {"by": "bsn", "bsn": other})
    assert response.status_code == 200 and response.context["rows"] == []
    assert other not in response.content.decode()


def test_a_rejected_bsn_is_not_echoed_either(client, login, regisseur):
    login(client, regisseur)
    typo = TEST_BSNS[1][:-1] + str((int(TEST_BSNS[1][-1]) + 1) % 10)
    response = client.post(URL, {"by": "bsn", "bsn": typo})
    assert response.context["form"].errors
    assert typo not in response.content.decode()
