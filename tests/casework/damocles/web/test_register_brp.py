"""The Damocles registration's persons filled from the BRP by BSN (casework/brp/forms.py): the owner's lookup step
saves nothing and keeps the rest of the form, the saved owner records the BRP as source."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.models import Case
from tests.auditlog import event_list
from tests.casework.damocles.web.test_register import form_data

pytestmark = pytest.mark.django_db(databases="__all__")
URL = reverse("casework:damocles_register")
OWNER = {"owner_entity_name": "", "owner_kvk": "", "owner_first_names": "", "owner_surname": "",
         "owner_bsn": "999999849", "owner_date_of_birth": ""}


def test_the_owner_is_filled_from_the_brp_and_stored_as_verified(client, login, handhaver, brp):
    login(client, handhaver)
    step = client.post(URL, form_data(**OWNER, brp_action="lookup:owner"))
    assert step.status_code == 200 and not Case.objects.exists()
    filled = step.context["form"].initial
    assert (filled["owner_first_names"], filled["owner_surname"], filled["owner_date_of_birth"]) == (
        "Delilah", "van Doodewaard", date(1974, 12, 1))
    assert filled["police_reference"] == "PL-WEB-1" and filled["person_surname"] == "Testbewoner"  # kept
    assert step.context["person_step"].key == "owner"
    response = client.post(URL, filled)
    assert response.status_code == 302
    owner = Case.objects.get().damocles.premises.owner_person
    assert owner.brp_verified_on == timezone.localdate() and owner.surname == "van Doodewaard"
    case_person = Case.objects.get().person
    assert case_person.brp_verified_on is None  # typed by hand
    (lookup,) = event_list(object_type="brp.Persoon")
    assert (lookup.processing_activity, lookup.outcome) == ("damocles", "ok")


def test_an_unknown_bsn_shows_a_clear_message_and_saves_nothing(client, login, handhaver, brp):
    login(client, handhaver)
    step = client.post(URL, form_data(**{**OWNER, "owner_bsn": "999993653"}, brp_action="lookup:owner"))
    assert step.context["person_step"].message and not Case.objects.exists()
