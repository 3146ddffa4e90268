"""Case search (casework:case_search): by reference, BSN or surname + date of birth, within what
the user may see; BSNs only by POST; one search event per case found, in one batch."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from casework.categories import PERSONALIA
from casework.pga.casetype import PGA_PLAN
from encryption.pseudonyms import subject_pseudonym
from tests.auditlog import events
from tests.casework.web.read_support import share_with
from tests.factories.casework import TEST_BSNS, make_pga_case

pytestmark = pytest.mark.django_db(databases="__all__")
URL = reverse("casework:case_search")
BSN = TEST_BSNS[1]
BIRTH = date(1975, 3, 14)


def found(response) -> set[str]:
    return {row.case.reference for row in response.context["rows"]}


def test_get_shows_an_empty_form_and_records_nothing(client, login, regisseur):
    login(client, regisseur)
    response = client.get(URL)
    assert response.status_code == 200 and response.context["rows"] is None
    assert events(action="search").count() == 0
    assert 'method="post"' in response.content.decode()


def test_by_reference_within_visible_cases_only(client, login, regisseur, other_team_user):
    own = make_pga_case(owner=regisseur)
    foreign = make_pga_case(owner=other_team_user)
    login(client, regisseur)
    assert found(client.post(URL, {"by": "reference", "reference": own.reference.lower()})) == {own.reference}
    assert found(client.post(URL, {"by": "reference", "reference": foreign.reference})) == set()


def test_by_bsn_finds_the_persons_cases_and_records_one_event_per_case(client, login, regisseur, colleague):
    first = make_pga_case(owner=regisseur, bsn=BSN)
    second = make_pga_case(owner=colleague, bsn=BSN)
    make_pga_case(owner=regisseur, bsn=TEST_BSNS[2])
    login(client, regisseur)
    response = client.post(URL, {"by": "bsn", "bsn": BSN})
    assert found(response) == {first.reference, second.reference}
    searched = list(events(action="search"))
    assert {event.case_id for event in searched} == {str(first.pk), str(second.pk)}
    assert {event.subject_pseudonym for event in searched} == {subject_pseudonym(first.person_id)}
    assert all(event.reason == "search:bsn" and BSN not in event.reason for event in searched)


def test_bsn_of_another_controller_reveals_nothing(client, login, regisseur, other_org_user):
    make_pga_case(owner=other_org_user, bsn=BSN, surname="Testpersoon-Elders")
    login(client, regisseur)
    response = client.post(URL, {"by": "bsn", "bsn": BSN})
    assert found(response) == set()
    assert "Testpersoon-Elders" not in response.content.decode()
    (event,) = events(action="search")
    assert event.subject_pseudonym == "" and event.case_id == ""


def test_other_team_does_not_find_by_bsn(client, login, regisseur, other_team_user):
    make_pga_case(owner=regisseur, bsn=BSN)
    login(client, other_team_user)
    assert found(client.post(URL, {"by": "bsn", "bsn": BSN})) == set()


def test_by_surname_and_date_of_birth(client, login, regisseur):
    case = make_pga_case(owner=regisseur, surname="Testpersoon-Zoek", date_of_birth=BIRTH)
    make_pga_case(owner=regisseur, surname="Testpersoon-Zoek", date_of_birth=date(1975, 3, 15))
    login(client, regisseur)
    response = client.post(URL, {"by": "name", "surname": "testpersoon zoek", "date_of_birth": "1975-03-14"})
    assert found(response) == {case.reference}


def test_partner_finds_by_bsn_only_with_personalia_shared(client, login, regisseur, partner, partner_org):
    named = make_pga_case(owner=regisseur, bsn=BSN)
    unnamed = make_pga_case(owner=regisseur, bsn=TEST_BSNS[2])
    share_with(named, regisseur, partner_org, [PERSONALIA])
    share_with(unnamed, regisseur, partner_org, [PGA_PLAN])
    login(client, partner)
    assert found(client.post(URL, {"by": "bsn", "bsn": BSN})) == {named.reference}
    assert found(client.post(URL, {"by": "bsn", "bsn": TEST_BSNS[2]})) == set()
    assert found(client.post(URL, {"by": "reference", "reference": unnamed.reference})) == {unnamed.reference}


@pytest.mark.parametrize("data, field", [
    ({"by": "bsn", "bsn": "123456789"}, "bsn"),
    ({"by": "bsn", "bsn": ""}, "bsn"),
    ({"by": "reference", "reference": " "}, "reference"),
    ({"by": "name", "surname": "Testpersoon"}, "date_of_birth"),
    ({"by": "name", "date_of_birth": "1975-03-14"}, "surname"),
    ({"by": "elsewhere"}, "by"),
])
def test_bad_input_gives_field_errors_and_no_search(client, login, regisseur, data, field):
    login(client, regisseur)
    response = client.post(URL, data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert response.context["rows"] is None
    assert events(action="search").count() == 0


def test_a_bsn_never_appears_in_a_url(client, login, regisseur):
    make_pga_case(owner=regisseur, bsn=BSN)
    login(client, regisseur)
    response = client.get(URL, {"by": "bsn", "bsn": BSN})
    assert response.context["rows"] is None  # GET parameters are ignored: search only by POST
    html = client.post(URL, {"by": "bsn", "bsn": BSN}).content.decode()
    assert f"?bsn={BSN}" not in html and f"bsn={BSN}" not in html
