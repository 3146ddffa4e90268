"""A recreation object's address picked in the BAG (casework/bag/forms.py) or typed by hand."""

from __future__ import annotations

import pytest
from django.urls import reverse

from casework.park.models import RecreationObject
from tests.bagfake import ADDRESSES

pytestmark = pytest.mark.django_db(databases="__all__")

URL = reverse("casework:park_object_create")


def _data(park, **overrides):
    return {"park": str(park.pk), "number": "C-003", "kind": "chalet", "street": "", "house_number": "",
            "house_number_addition": "", "postcode": "", "city": "", "bag_id": "", "owner_entity": "", **overrides}


def test_pick_fills_the_address_and_the_object_is_verified(client, login, handhaver, park, locatieserver):
    login(client, handhaver)
    found = client.post(URL, {**_data(park), "bag_action": "search", "bag_query": "Oefenlaan 3"})
    assert found.status_code == 200 and "Oefenlaan 3, 9999XB Proefdorp" in found.content.decode()
    assert "errorlist" not in found.content.decode() and not RecreationObject.objects.exists()
    picked = client.post(URL, {**_data(park), "bag_action": "pick", "bag_choice": ADDRESSES[3]["id"]})
    response = client.post(URL, picked.context["form"].initial)
    assert response.status_code == 302
    obj = RecreationObject.objects.get()
    assert (obj.street, obj.postcode, obj.address_verified, obj.bag_object_id) == (
        "Oefenlaan", "9999 XB", True, "9999010000000004")
    assert "geverifieerd in de BAG" in client.get(response["Location"]).content.decode()


def test_typed_by_hand_is_not_verified(client, login, handhaver, park, locatieserver):
    login(client, handhaver)
    response = client.post(URL, _data(park, street="Recreatielaan", house_number="5", postcode="9999 XX",
                                      city="Demodorp"))
    assert response.status_code == 302
    obj = RecreationObject.objects.get()
    assert (obj.address_verified, obj.bag_object_id) == (False, None)
    assert "niet geverifieerd in BAG" in client.get(response["Location"]).content.decode()
    assert locatieserver.received == []  # saving by hand sends nothing
