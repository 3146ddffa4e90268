"""casework/bag/picks.py: a pick verifies the address only while the submitted fields are the picked ones."""

from __future__ import annotations

from django.core import signing

from casework.bag.client import Address
from casework.bag.picks import SALT, pick_token, pick_verified

ADDRESS = Address(lookup_id="adr-1", nummeraanduiding_id="9999200000000001", adresseerbaarobject_id="9999010000000001",
                  street="Proefstraat", house_number="12", house_letter="", house_number_suffix="", postcode="9999XA",
                  city="Testdorp", label="Proefstraat 12, 9999XA Testdorp")
FILLED = {"street": "Proefstraat", "house_number": "12", "postcode": "9999 XA", "city": "Testdorp"}


def test_the_picked_fields_are_verified_also_when_spaces_or_case_differ():
    token = pick_token(ADDRESS, FILLED)
    pick = pick_verified(token, {**FILLED, "postcode": "9999xa", "city": " Testdorp "})
    assert pick is not None and pick.adresseerbaarobject_id == "9999010000000001"


def test_a_changed_field_an_empty_or_forged_token_is_not_verified():
    token = pick_token(ADDRESS, FILLED)
    assert pick_verified(token, {**FILLED, "house_number": "14"}) is None
    assert pick_verified("", FILLED) is None
    assert pick_verified(token[:-2] + "xx", FILLED) is None
    forged = signing.dumps({"n": "9999200000000009", "o": "9999010000000009", "d": "0" * 64}, salt="other")
    assert pick_verified(forged, FILLED) is None


def test_the_token_holds_the_ids_and_a_digest_not_the_address():
    data = signing.loads(pick_token(ADDRESS, FILLED), salt=SALT)
    assert set(data) == {"n", "o", "d"} and "Proefstraat" not in str(data)
