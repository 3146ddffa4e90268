"""Registering a Damocles procedure through the web form (casework:damocles_register)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from casework.damocles.models import DamoclesCase, Finding, PoliceReport, Premises
from casework.damocles.storage import report_files as report_storage
from casework.models import Case, Person
from tests.casework.damocles.web.support import PDF, events
from tests.factories.casework import TEST_BSNS
from tests.factories.damocles import make_damocles_case, premises_data

pytestmark = pytest.mark.django_db(databases="__all__")

URL = reverse("casework:damocles_register")


def form_data(**overrides):
    data = {
        "kind": "woning", "street": "Teststraat", "house_number": "7", "house_number_addition": "",
        "postcode": "9999xx", "city": "Demodorp", "bag_id": "", "owner_entity_name": "Testverhuur B.V.",
        "owner_kvk": "99999999",
        "received_on": "2026-03-05", "found_on": "2026-03-02", "ground": "sub_a", "police_reference": "PL-WEB-1",
        "summary": "Testrapportage: handelsvoorraad in de keuken.",
        "finding1_substance": "harddrugs", "finding1_amount": "12", "finding1_unit": "g",
        "finding2_substance": "softdrugs", "finding2_amount": "40", "finding2_unit": "g",
        "person_first_names": "Testine", "person_surname": "Testbewoner", "person_bsn": TEST_BSNS[0],
        "person_date_of_birth": "1980-02-03",
    }
    data.update(overrides)
    return data


def test_the_form_renders_for_a_handhaver(client, login, handhaver):
    login(client, handhaver)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    for name in ("id_kind_0", "id_postcode", "id_found_on", "id_ground_0", "id_document", "id_finding4_unit",
                 "id_person_bsn", "id_owner_kvk"):
        assert f'id="{name}"' in html, name
        assert f'for="{name}"' in html, name


def test_register_creates_premises_case_report_findings_and_person(client, login, handhaver):
    login(client, handhaver)
    upload = SimpleUploadedFile("rapport.pdf", PDF, content_type="application/pdf")
    response = client.post(URL, {**form_data(), "document": upload})
    case = Case.objects.get()
    assert response.status_code == 302 and response.url == reverse("casework:case_detail",
                                                                   kwargs={"case_id": case.pk})
    assert case.case_type == "damocles" and case.status == "rapportage_ontvangen" and case.owner == handhaver
    assert case.team == handhaver.team
    details = DamoclesCase.objects.get(case=case)
    assert details.premises.postcode == "9999 XX" and details.premises.owner_kvk == "99999999"
    report = PoliceReport.objects.get(case=case)
    assert report.found_on == date(2026, 3, 2) and report.police_reference == "PL-WEB-1"
    assert sorted(f.substance for f in Finding.objects.filter(report=report)) == ["harddrugs", "softdrugs"]
    assert case.person.surname == "Testbewoner" and case.person.bsn == TEST_BSNS[0]
    # The PDF is sealed at rest and opens only for its own report row.
    assert report_storage.open_for(report.document.name, owner_id=report.pk).read() == PDF
    with report_storage.inner.open(report.document.name, "rb") as raw:
        assert PDF not in raw.read()
    assert events(action="create", case_id=str(case.pk)).exists()


def test_a_repeat_offence_at_known_premises_shows_the_count(client, login, handhaver):
    make_damocles_case(owner=handhaver, premises=premises_data(number=7), found_on=date(2025, 1, 10))
    login(client, handhaver)
    response = client.post(URL, form_data(), follow=True)
    assert response.status_code == 200
    assert Premises.objects.count() == 1 and DamoclesCase.objects.count() == 2
    messages = [str(m) for m in response.context["messages"]]
    assert len(messages) == 2 and "1" in messages[1], messages


def test_procedures_of_another_controller_are_not_counted(client, login, handhaver, other_org_handhaver):
    make_damocles_case(owner=other_org_handhaver, premises=premises_data(number=7))
    login(client, handhaver)
    response = client.post(URL, form_data(), follow=True)
    assert Premises.objects.count() == 1  # same premises, found by the blind index
    assert len(list(response.context["messages"])) == 1  # only "registered": nothing about the other controller


@pytest.mark.parametrize("overrides, field", [
    ({"postcode": "ABCDE"}, "postcode"),
    ({"found_on": "2026-03-09"}, "found_on"),  # after the report was received
    ({"finding1_substance": "", "finding1_amount": "", "finding1_unit": "", "finding2_substance": "",
      "finding2_amount": "", "finding2_unit": ""}, "finding1_substance"),
    ({"finding1_unit": ""}, "finding1_substance"),
    ({"finding1_unit": "plants"}, None),  # the service: unit does not fit the substance
    ({"person_bsn": "123456789"}, "person_bsn"),
    ({"owner_kvk": "12"}, "owner_kvk"),
])
def test_bad_input_shows_errors_and_saves_nothing(client, login, handhaver, overrides, field):
    login(client, handhaver)
    response = client.post(URL, form_data(**overrides))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors
    if field:
        assert field in form.errors, form.errors
    assert not Case.objects.exists() and not Premises.objects.exists() and not Person.objects.exists()
    assert not PoliceReport.objects.exists()


def test_a_file_that_is_not_a_pdf_is_refused(client, login, handhaver):
    login(client, handhaver)
    upload = SimpleUploadedFile("rapport.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = client.post(URL, {**form_data(), "document": upload})
    assert "document" in response.context["form"].errors
    assert not Case.objects.exists()


@pytest.mark.parametrize("who", ["regisseur", "lead", "partner"])
def test_other_roles_get_403_and_an_access_denied_event(client, login, who, request):
    user = request.getfixturevalue(who)
    login(client, user)
    assert client.get(URL).status_code == 403
    assert client.post(URL, form_data()).status_code == 403
    assert not Case.objects.exists()
    assert events(action="access_denied", actor_id=str(user.pk)).count() == 2
