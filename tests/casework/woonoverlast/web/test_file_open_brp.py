"""The person causing the nuisance filled from the BRP by BSN when a woonoverlast file is opened
(casework/brp/forms.py); without a configured BRP the page says the details stay unverified."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.models import Case

pytestmark = pytest.mark.django_db(databases="__all__")
URL = reverse("casework:woonoverlast_file_open")


def _data(**overrides):
    return {"first_names": "", "surname": "", "bsn": "999999850", "date_of_birth": "",
            "dwelling_address": "Turfmarkt 45, Den Haag", "summary": "", **overrides}


def test_the_person_is_filled_from_the_brp_and_stored_as_verified(client, login, officer, apv, brp):
    login(client, officer)
    step = client.post(URL, _data(brp_action="lookup"))
    assert step.status_code == 200 and not Case.objects.filter(case_type="woonoverlast").exists()
    filled = step.context["form"].initial
    assert (filled["first_names"], filled["surname"], filled["dwelling_address"]) == (
        "Daan", "Doornenbal", "Turfmarkt 45, Den Haag")
    assert client.post(URL, filled).status_code == 302
    case = Case.objects.get(case_type="woonoverlast")
    assert case.person.brp_verified_on == timezone.localdate()
    page = client.get(reverse("casework:case_detail", kwargs={"case_id": case.pk}))
    assert "BRP, " in page.content.decode()


def test_without_a_configured_brp_there_is_no_lookup_and_nothing_is_sent(client, login, officer, apv, brp,
                                                                        settings):
    settings.BRP_SOURCE = ""
    login(client, officer)
    page = client.get(URL)
    assert page.context["person_step"].enabled is False
    assert "brp_action" not in page.content.decode()
    client.post(URL, _data(brp_action="lookup"))
    assert brp.received == []
