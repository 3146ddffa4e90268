"""Persons without a BSN on the woonoverlast forms: surname and date of birth instead (as the core's
person_register allows), the date of birth within its bounds, and a clear Dutch error (400, nothing
saved) when neither a BSN nor a date of birth is given."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.models import Case, Person
from casework.woonoverlast.models import Melding

pytestmark = pytest.mark.django_db(databases="__all__")
OPEN = reverse("casework:woonoverlast_file_open")
FILE = {"first_names": "Vera", "surname": "Testveroorzaker-Zonderbsn", "bsn": "", "date_of_birth": "",
        "dwelling_address": "Proeflaan 5", "summary": ""}


def _errors(response, field: str) -> str:
    return " ".join(response.context["form"].errors.get(field, []))


def test_a_file_opens_with_surname_and_date_of_birth_instead_of_a_bsn(client, login, officer, apv):
    login(client, officer)
    response = client.post(OPEN, {**FILE, "date_of_birth": "1979-04-12"})
    assert response.status_code == 302
    case = Case.objects.get(case_type="woonoverlast")
    assert case.person.bsn is None and case.person.date_of_birth == date(1979, 4, 12)


@pytest.mark.parametrize(("born", "message"), [
    ("", "Vul een BSN in of, zonder BSN, de geboortedatum"),
    ((timezone.localdate() + timedelta(days=1)).isoformat(), "in de toekomst"),
    ("1899-12-31", "vóór 1900"),
])
def test_without_a_bsn_the_date_of_birth_is_required_and_bounded(client, login, officer, apv, born, message):
    login(client, officer)
    response = client.post(OPEN, {**FILE, "date_of_birth": born})
    assert response.status_code == 400 and message in _errors(response, "date_of_birth")
    assert not Case.objects.filter(case_type="woonoverlast").exists()
    assert not Person.objects.filter(date_of_birth__isnull=False, bsn__isnull=True).exists()


def test_an_invalid_bsn_is_refused_on_the_form(client, login, officer, apv):
    login(client, officer)
    response = client.post(OPEN, {**FILE, "bsn": "123456789", "date_of_birth": "1979-04-12"})
    assert response.status_code == 400 and "elfproef" in _errors(response, "bsn")


def test_a_reporter_is_registered_without_a_bsn_and_refused_without_a_date_of_birth(client, login, officer, case):
    url = reverse("casework:woonoverlast_melding_create", args=[case.pk])
    login(client, officer)
    data = {"melder_first_names": "Mila", "melder_surname": "Testmelder-Zonderbsn", "melder_bsn": "",
            "melder_date_of_birth": "", "melder_address": "", "source": "neighbour", "reported_on": "2025-05-01",
            "kind": "noise", "description": "Geluid (test)."}
    refused = client.post(url, data)
    assert refused.status_code == 400 and "geboortedatum" in _errors(refused, "melder_date_of_birth")
    assert Melding.objects.filter(case=case).count() == 1
    assert client.post(url, {**data, "melder_date_of_birth": "1990-02-03"}).status_code == 302
    melding = Melding.objects.filter(case=case).latest("created_at")
    assert melding.melder.bsn is None and melding.melder.date_of_birth == date(1990, 2, 3)
