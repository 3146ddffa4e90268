"""Referral form (casework:referral_create): procesregisseurs for their own organisation,
chain partners for a municipality; the person is reused per controller; bad input saves nothing."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from accounts.roles import HANDHAVER, PRIVACY_OFFICER, PROCESREGISSEUR, TEAMLEIDER
from casework import access
from casework.models import Case, Person
from casework.pga.models import InformedStatus
from tests.auditlog import events
from tests.factories.casework import TEST_BSNS, make_pga_case

pytestmark = pytest.mark.django_db(databases="__all__")
URL = reverse("casework:referral_create")
BSN = TEST_BSNS[3]


def form_data(**overrides):
    data = {
        "first_names": "Testine", "surname": "Testpersoon-Aanmelding", "bsn": BSN, "date_of_birth": "1985-06-01",
        "address": "Teststraat 1, 9999 XX Demodorp", "phone": "0600000000",
        "aanleiding": "Zorgen over overlast en schulden (testaanmelding).",
        "conference_goal": "Afstemmen wie wat doet (test).",
        "informed_status": InformedStatus.NOT_YET, "informed_on": "", "postponement_ground": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_procesregisseur_registers_and_owns_the_case(client, login, regisseur, partner_org):
    login(client, regisseur)
    assert client.get(URL).status_code == 200
    response = client.post(URL, form_data(partners_to_invite=[str(partner_org.pk)]))
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "casework:case_detail", kwargs={"case_id": case.pk})
    assert case.owner == regisseur and case.controller == regisseur.organisation and case.status == "aangemeld"
    assert case.person.bsn == BSN and case.person.surname == "Testpersoon-Aanmelding"
    assert case.pga.aanleiding.startswith("Zorgen over overlast")
    assert list(case.pga.partners_to_invite.all()) == [partner_org]
    created = events(action="create", case_id=str(case.pk))
    assert created.exists()
    assert all("Testpersoon" not in event.reason and BSN not in event.reason for event in created)


def test_a_known_bsn_reuses_the_person_and_points_to_the_open_case(client, login, regisseur):
    existing = make_pga_case(owner=regisseur, bsn=BSN)
    login(client, regisseur)
    response = client.post(URL, form_data(), follow=True)
    assert Person.objects.count() == 1
    new = Case.objects.exclude(pk=existing.pk).get()
    assert new.person_id == existing.person_id
    messages = [str(message) for message in response.context["messages"]]
    assert any(existing.reference in message for message in messages)


def test_a_known_bsn_of_another_controller_is_a_new_record_and_reveals_nothing(client, login, regisseur,
                                                                              other_org_user):
    elsewhere = make_pga_case(owner=other_org_user, bsn=BSN)
    login(client, regisseur)
    response = client.post(URL, form_data(), follow=True)
    assert Person.objects.count() == 2
    html = response.content.decode()
    assert elsewhere.reference not in html
    assert all(elsewhere.reference not in str(message) for message in response.context["messages"])


def test_partner_refers_to_a_municipality_and_gets_no_access(client, login, partner, make_user, organisation):
    receiver = make_user(role=PROCESREGISSEUR, organisation=organisation)
    login(client, partner)
    form = client.get(URL).context["form"]
    assert list(form.fields["controller"].queryset) == [organisation]  # only municipalities
    response = client.post(URL, form_data(controller=str(organisation.pk)))
    assert response.status_code == 302 and response["Location"] == reverse("dashboard")
    case = Case.objects.get()
    assert case.owner == receiver and case.controller == organisation and case.status == "aangemeld"
    assert case.referring_organisation == partner.organisation
    assert case.person.controller == organisation
    assert not access.case_access(partner, case)
    assert client.get(reverse("casework:case_detail", kwargs={"case_id": case.pk})).status_code == 403
    login(client, receiver)
    dashboard = client.get(reverse("dashboard"))
    assert case.reference in dashboard.content.decode()


def test_partner_referral_goes_to_the_least_busy_process_director(client, login, partner, make_user, organisation):
    busy = make_user(role=PROCESREGISSEUR, organisation=organisation)
    make_pga_case(owner=busy)
    idle = make_user(role=PROCESREGISSEUR, organisation=organisation)
    login(client, partner)
    client.post(URL, form_data(controller=str(organisation.pk), bsn=TEST_BSNS[4]))
    assert Case.objects.get(referring_organisation=partner.organisation).owner == idle


def test_partner_referral_to_a_municipality_without_process_director(client, login, partner, other_municipality):
    login(client, partner)
    response = client.post(URL, form_data(controller=str(other_municipality.pk)))
    assert response.status_code == 200 and "controller" in response.context["form"].errors
    assert Case.objects.count() == 0 and Person.objects.count() == 0


@pytest.mark.parametrize("overrides, field", [
    ({"bsn": "123456789"}, "bsn"),
    ({"surname": ""}, "surname"),
    ({"aanleiding": ""}, "aanleiding"),
    ({"bsn": "", "date_of_birth": ""}, "date_of_birth"),
    ({"informed_status": InformedStatus.POSTPONED}, "postponement_ground"),
    ({"informed_status": InformedStatus.INFORMED}, "informed_on"),
    ({"informed_status": "maybe"}, "informed_status"),
    ({"date_of_birth": "31-31-1985"}, "date_of_birth"),
])
def test_bad_input_shows_the_error_and_saves_nothing(client, login, regisseur, overrides, field):
    login(client, regisseur)
    response = client.post(URL, form_data(**overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors, response.context["form"].errors
    assert Case.objects.count() == 0 and Person.objects.count() == 0


def test_postponed_informing_with_a_ground_is_saved(client, login, regisseur):
    login(client, regisseur)
    client.post(URL, form_data(informed_status=InformedStatus.POSTPONED,
                               postponement_ground="Lopend strafrechtelijk onderzoek (test)."))
    details = Case.objects.get().pga
    assert details.informed_status == InformedStatus.POSTPONED
    assert details.postponement_ground == "Lopend strafrechtelijk onderzoek (test)."


def test_informed_on_a_date(client, login, regisseur):
    login(client, regisseur)
    client.post(URL, form_data(informed_status=InformedStatus.INFORMED, informed_on="2026-01-05"))
    assert Case.objects.get().pga.informed_on == date(2026, 1, 5)


@pytest.mark.parametrize("role", [HANDHAVER, PRIVACY_OFFICER, TEAMLEIDER])
def test_other_roles_are_refused_with_an_event(client, login, make_user, role):
    user = make_user(role=role)
    login(client, user)
    assert client.get(URL).status_code == 403
    assert client.post(URL, form_data()).status_code == 403
    assert Case.objects.count() == 0
    assert events(action="access_denied", actor_id=str(user.pk)).count() == 2
