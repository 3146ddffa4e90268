"""The premises address of a Damocles registration picked in the BAG (casework/bag/forms.py) through the
fake Locatieserver, typed by hand, and a BAG source that fails: nothing is saved by a search or pick step."""

from __future__ import annotations

import pytest
from django.urls import reverse

from casework.damocles.models import Premises
from casework.models import Case
from tests.auditlog import event_list
from tests.bagfake import ADDRESSES
from tests.casework.damocles.web.test_register import form_data

pytestmark = pytest.mark.django_db(databases="__all__")

URL = reverse("casework:damocles_register")
EMPTY_ADDRESS = {"street": "", "house_number": "", "house_number_addition": "", "postcode": "", "city": "",
                 "bag_id": ""}


def _step(client, data, **step):
    response = client.post(URL, {**data, **step})
    assert response.status_code == 200 and not Case.objects.exists() and not Premises.objects.exists()
    return response


def test_search_pick_and_register_stores_a_verified_address_with_both_bag_ids(client, login, handhaver,
                                                                            locatieserver):
    login(client, handhaver)
    data = form_data(**EMPTY_ADDRESS)
    found = _step(client, data, bag_action="search", bag_query="9999 XA 12")
    page = found.content.decode()
    assert "Proefstraat 12A, 9999XA Testdorp" in page and "PL-WEB-1" in page  # the rest of the form is kept
    picked = _step(client, data, bag_action="pick", bag_choice=ADDRESSES[1]["id"])
    filled = picked.context["form"].initial
    assert (filled["street"], filled["house_number_addition"], filled["postcode"], filled["bag_id"]) == (
        "Proefstraat", "A", "9999 XA", "9999200000000002")
    response = client.post(URL, filled)
    assert response.status_code == 302
    premises = Premises.objects.get()
    assert (premises.address_verified, premises.bag_id, premises.bag_object_id) == (
        True, "9999200000000002", "9999010000000002")
    lookups = event_list(object_type="bag.Address", action="view")
    assert [(e.object_id, e.processing_activity) for e in lookups] == [("9999200000000002", "damocles")]
    case_page = client.get(response["Location"]).content.decode()
    assert "geverifieerd in de BAG" in case_page and "niet geverifieerd in BAG" not in case_page


def test_an_address_changed_after_the_pick_is_stored_as_not_verified(client, login, handhaver, locatieserver):
    login(client, handhaver)
    picked = _step(client, form_data(**EMPTY_ADDRESS), bag_action="pick", bag_choice=ADDRESSES[0]["id"])
    response = client.post(URL, {**picked.context["form"].initial, "house_number": "13"})
    assert response.status_code == 302
    premises = Premises.objects.get()
    assert (premises.address_verified, premises.bag_object_id, premises.house_number) == (False, None, "13")


def test_typed_by_hand_without_a_bag_source_is_not_verified_and_says_so(client, login, handhaver, settings):
    settings.BAG_SOURCE = ""
    login(client, handhaver)
    form = client.get(URL).content.decode()
    assert "bag_query" not in form and "niet geverifieerd in BAG" in form
    response = client.post(URL, form_data(bag_id="9999200000000077"))
    assert response.status_code == 302
    premises = Premises.objects.get()
    assert (premises.address_verified, premises.bag_id, premises.bag_object_id) == (False, "9999200000000077", None)
    assert "niet geverifieerd in BAG" in client.get(response["Location"]).content.decode()


def test_a_failing_bag_source_gives_a_dutch_message_and_the_form_stays_usable(client, login, handhaver,
                                                                             locatieserver):
    locatieserver.mode = "error"
    login(client, handhaver)
    failed = _step(client, form_data(), bag_action="search", bag_query="9999 XA 12")
    page = failed.content.decode()
    assert "niet beschikbaar" in page and 'value="Teststraat"' in page
    assert event_list(object_type="bag.Address")[0].outcome == "error"


def test_a_forged_verified_token_does_not_verify(client, login, handhaver, locatieserver):
    login(client, handhaver)
    response = client.post(URL, form_data(bag_token="not-a-signed-token"))
    assert response.status_code == 302 and Premises.objects.get().address_verified is False


def test_someone_who_may_not_register_cannot_search_through_the_form(client, login, regisseur, locatieserver):
    login(client, regisseur)
    response = client.post(URL, {**form_data(), "bag_action": "search", "bag_query": "9999 XA 12"})
    assert response.status_code == 403 and locatieserver.received == []
    assert event_list(object_type="bag.Address") == []
    assert event_list(action="access_denied")
