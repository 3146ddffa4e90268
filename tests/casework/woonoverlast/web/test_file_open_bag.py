"""The dwelling of a woonoverlast file picked in the BAG (casework/bag/forms.py) or typed by hand."""

from __future__ import annotations

import pytest
from django.urls import reverse

from casework.models import Case
from casework.woonoverlast.demo import demo_bsns
from tests.bagfake import ADDRESSES

pytestmark = pytest.mark.django_db(databases="__all__")

URL = reverse("casework:woonoverlast_file_open")
BSN = next(demo_bsns())


def _data(**overrides):
    return {"first_names": "Vera", "surname": "Testveroorzaker-Bag", "bsn": BSN, "dwelling_address": "",
            "summary": "", **overrides}


def test_the_picked_dwelling_is_stored_with_its_bag_ids_as_verified(client, login, officer, apv, locatieserver):
    login(client, officer)
    picked = client.post(URL, _data(bag_action="pick", bag_choice=ADDRESSES[2]["id"]))
    assert picked.status_code == 200 and not Case.objects.filter(case_type="woonoverlast").exists()
    filled = picked.context["form"].initial
    assert filled["dwelling_address"] == "Proefstraat 14B-2, 9999XA Testdorp"
    response = client.post(URL, filled)
    assert response.status_code == 302
    details = Case.objects.get(case_type="woonoverlast").woonoverlast
    assert (details.address_verified, details.bag_id, details.bag_object_id) == (
        True, "9999200000000003", "9999010000000003")


def test_a_typed_dwelling_is_not_verified_and_the_page_says_so(client, login, officer, apv, locatieserver):
    login(client, officer)
    response = client.post(URL, _data(dwelling_address="Proeflaan 3"))
    details = Case.objects.get(case_type="woonoverlast").woonoverlast
    assert (details.address_verified, details.bag_id) == (False, None)
    assert "niet geverifieerd in BAG" in client.get(response["Location"]).content.decode()
