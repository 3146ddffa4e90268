"""The person overview page (casework:person_overview): reached from the case page, one audit event,
the same 404 whether the person has hidden cases or none, refused roles, and queries that do not
grow with the cases."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from accounts.roles import PRIVACY_OFFICER
from casework.persons import person_register
from encryption.pseudonyms import subject_pseudonym
from tests.auditlog import events
from tests.casework.support import case_url
from tests.conftest import count_queries
from tests.factories.casework import clone_cases, make_pga_case, person_data

pytestmark = pytest.mark.django_db(databases="__all__")
BSN = "999990019"


def _url(person_id) -> str:
    return reverse("casework:person_overview", kwargs={"person_id": person_id})


def test_the_case_page_links_the_overview_which_lists_the_visible_cases_and_records_one_view(
        client, login, regisseur, other_team_user):
    mine = make_pga_case(owner=regisseur, bsn=BSN, surname="Testpersoon-Overzicht")
    hidden = make_pga_case(owner=other_team_user, bsn=BSN)
    login(client, regisseur)
    assert _url(mine.person_id) in client.get(case_url(mine)).content.decode()
    before = events().count()

    response = client.get(_url(mine.person_id))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Testpersoon-Overzicht" in html and mine.reference in html and hidden.reference not in html
    assert "persoon om wie de casus draait" in html and "1 casus" in html
    (event,) = events(sequence__gt=events().order_by("-sequence").values_list("sequence", flat=True)[0] - 1)
    assert events().count() == before + 1
    assert (event.action, event.object_type, event.object_id, event.subject_pseudonym, event.processing_activity) \
        == ("view", "casework.Person", str(mine.person_id), subject_pseudonym(mine.person_id), "pga-procesregie")
    assert BSN not in event.reason and "Testpersoon" not in event.reason


def _body(response) -> str:
    """The page without what differs per request (tokens, nonces)."""
    return re.sub(r'(nonce|value)="[^"]*"', "", response.content.decode())


def test_hidden_cases_and_no_cases_get_the_same_answer_and_the_refusal_is_recorded(
        client, login, regisseur, other_org_user):
    hidden = make_pga_case(owner=regisseur, bsn=BSN, surname="Testpersoon-Verborgen")
    loner, _created = person_register(actor=other_org_user, controller=other_org_user.organisation,
                                      **person_data(bsn="999990020", surname="Testpersoon-Zonder"))
    login(client, other_org_user)

    with_hidden = client.get(_url(hidden.person_id))
    without = client.get(_url(loner.pk))

    assert with_hidden.status_code == without.status_code == 404
    assert _body(with_hidden) == _body(without)
    assert "Testpersoon" not in _body(with_hidden) and hidden.reference not in _body(with_hidden)
    refused = events(action="access_denied", actor_id=str(other_org_user.pk), object_type="casework.Person")
    assert sorted(event.object_id for event in refused) == sorted([str(hidden.person_id), str(loner.pk)])
    assert all(event.case_id == "" for event in refused)


def test_a_user_who_sees_one_of_two_cases_gets_the_page_of_a_person_with_one_case(
        client, login, regisseur, other_team_user):
    seen = make_pga_case(owner=regisseur, bsn=BSN, surname="Testpersoon-Een")
    make_pga_case(owner=other_team_user, bsn=BSN)  # hidden from the regisseur
    only = make_pga_case(owner=regisseur, bsn="999990020", surname="Testpersoon-Twee")
    login(client, regisseur)

    def neutral(case, surname) -> str:
        body = _body(client.get(_url(case.person_id)))
        for value, placeholder in ((case.reference, "REF"), (str(case.person_id), "PID"), (str(case.pk), "CID"),
                                   (surname, "NAME")):
            body = body.replace(value, placeholder)
        return body

    assert neutral(seen, "Testpersoon-Een") == neutral(only, "Testpersoon-Twee")


def test_a_role_without_case_access_is_refused_and_the_refusal_is_recorded(client, login, regisseur, make_user):
    case = make_pga_case(owner=regisseur, bsn=BSN)
    officer = make_user(role=PRIVACY_OFFICER)
    login(client, officer)
    assert client.get(_url(case.person_id)).status_code == 403
    assert events(action="access_denied", actor_id=str(officer.pk)).count() == 1
    assert events(action="view", actor_id=str(officer.pk)).count() == 0


def _page_queries(client, person_id) -> tuple[int, int]:
    with count_queries() as queries:
        response = client.get(_url(person_id), {"size": "100"})
    assert response.status_code == 200
    return len(queries), response.context["page"].paginator.count


def test_query_count_is_the_same_for_10_and_200_cases(client, login, regisseur, colleague):
    cases = [make_pga_case(owner=regisseur if number % 2 else colleague, bsn=BSN) for number in range(10)]
    first = cases[0]
    login(client, regisseur)
    client.get(_url(first.person_id))  # warm caches (content types, sessions) outside the comparison
    small, small_rows = _page_queries(client, first.person_id)
    clone_cases(first, 190, reference="TEST-OVZ-{n:04d}", owner=lambda n: regisseur if n % 2 else colleague)
    large, large_rows = _page_queries(client, first.person_id)
    assert (small_rows, large_rows) == (10, 200)
    assert large == small
