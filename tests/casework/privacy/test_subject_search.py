"""The privacy officer's subject search: BSN or name + birth date → records of every controller → pseudonyms."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from accounts.roles import HANDHAVER, KETENPARTNER, PRIVACY_OFFICER, PROCESREGISSEUR, TEAMLEIDER
from audit.actions import Action
from audit.activities import PRIVACY_SUPERVISION
from audit.models import AuditEvent
from casework.persons import person_register
from encryption.pseudonyms import subject_pseudonym
from tests.factories.casework import TEST_BSNS, person_data

pytestmark = pytest.mark.django_db(databases="__all__")

URL = "/privacy/subjects/"
BSN = TEST_BSNS[1]
SURNAME = "Testpersoon Zoekmij"
BIRTH = date(1975, 3, 14)
TEXT_FIELDS = ("actor_name", "actor_organisation", "on_behalf_of_name", "object_type", "object_id", "case_id",
               "subject_pseudonym", "reason", "request_id", "user_agent", "client_address")


@pytest.fixture
def people(make_user, organisation, other_organisation):
    actor = make_user(role=PROCESREGISSEUR)
    mine, _ = person_register(actor=actor, controller=organisation, **person_data(bsn=BSN, surname=SURNAME))
    theirs, _ = person_register(actor=actor, controller=other_organisation, **person_data(bsn=BSN))
    other, _ = person_register(actor=actor, controller=organisation, **person_data(bsn=TEST_BSNS[2]))
    nameless, _ = person_register(actor=actor, controller=organisation,
                                  **person_data(surname=SURNAME, date_of_birth=BIRTH))
    return {"mine": mine, "theirs": theirs, "other": other, "nameless": nameless}


@pytest.fixture
def officer(make_user, client, login):
    user = make_user(role=PRIVACY_OFFICER)
    login(client, user)
    return user


def search_events():
    return AuditEvent.objects.using("audit").filter(action=Action.SEARCH, processing_activity=PRIVACY_SUPERVISION)


def test_the_url_name_resolves_to_the_privacy_path():
    assert reverse("casework:privacy_subject_search") == URL


def test_a_bsn_finds_the_records_of_every_controller_with_pseudonyms_only(client, officer, people):
    response = client.post(URL, {"bsn": BSN})
    assert response.status_code == 200
    html = response.content.decode()
    expected = {subject_pseudonym(people["mine"].pk), subject_pseudonym(people["theirs"].pk)}
    assert {row.pseudonym for row in response.context["records"]} == expected
    assert {row.controller_name for row in response.context["records"]} == {"Testgemeente Noord", "Testpolitie Zuid"}
    for pseudonym in expected:
        assert f'name="subject" value="{pseudonym}"' in html  # a POST to the audit search, not a URL
    assert subject_pseudonym(people["other"].pk) not in html
    assert BSN not in html and SURNAME not in html and "Testine" not in html  # not even echoed in the form
    events = search_events()
    assert {e.subject_pseudonym for e in events} == expected  # one event per record found
    assert all(e.actor_id == str(officer.pk) and e.reason == "subject search by bsn: 2 record(s)" for e in events)


def test_surname_and_date_of_birth_find_a_person_without_bsn(client, officer, people):
    response = client.post(URL, {"surname": "testpersoon zoekmij", "date_of_birth": BIRTH.isoformat()})
    assert response.status_code == 200
    assert [row.pseudonym for row in response.context["records"]] == [subject_pseudonym(people["nameless"].pk)]
    assert search_events().get().subject_pseudonym == subject_pseudonym(people["nameless"].pk)


def test_no_match_is_still_recorded_as_a_search(client, officer, people):
    response = client.post(URL, {"bsn": TEST_BSNS[4]})
    assert response.status_code == 200 and response.context["records"] == []
    event = search_events().get()
    assert event.subject_pseudonym == "" and event.reason == "subject search by bsn: 0 record(s)"


def test_the_bsn_appears_in_no_audit_row(client, officer, people):
    client.post(URL, {"bsn": BSN})
    client.post(URL, {"bsn": "123456789"})  # invalid: refused, still not logged
    client.post(URL, {"surname": SURNAME, "date_of_birth": BIRTH.isoformat()})
    rows = list(AuditEvent.objects.using("audit").values_list(*TEXT_FIELDS))
    assert rows
    for row in rows:
        text = " ".join(row)
        assert BSN not in text and "123456789" not in text and "Zoekmij" not in text


def test_an_invalid_bsn_gives_the_validation_message_and_searches_nothing(client, officer, people):
    with translation.override("nl"):
        expected = gettext("Enter a valid BSN: 9 digits that pass the 11-test.")
    response = client.post(URL, {"bsn": "123456789"})
    assert response.status_code == 400
    assert expected in response.content.decode()
    assert response.context["records"] is None
    assert not search_events().exists()


def test_an_empty_search_asks_for_bsn_or_name_and_birth_date(client, officer):
    response = client.post(URL, {"surname": SURNAME})
    assert response.status_code == 400 and response.context["form"].non_field_errors()
    assert not search_events().exists()


def test_the_form_page_shows_labelled_inputs_and_a_post_form(client, officer):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200 and 'method="post"' in html
    for name in ("bsn", "surname", "date_of_birth"):
        assert f'for="id_{name}"' in html and f'id="id_{name}"' in html
    assert html.count("<h1") == 1


@pytest.mark.parametrize("role", [PROCESREGISSEUR, HANDHAVER, TEAMLEIDER, KETENPARTNER])
def test_other_roles_are_refused_with_an_access_denied_event(client, login, make_user, people, role):
    user = make_user(role=role)
    login(client, user)
    for method in (client.get, client.post):
        response = method(URL, {"bsn": BSN}) if method is client.post else method(URL)
        assert response.status_code == 403
        assert BSN not in response.content.decode()
    denied = AuditEvent.objects.using("audit").filter(action=Action.ACCESS_DENIED, actor_id=str(user.pk))
    assert denied.count() == 2
    assert not search_events().exists()


def test_anonymous_users_do_not_reach_the_search(client, people):
    response = client.post(URL, {"bsn": BSN})
    assert response.status_code in (302, 403)
    assert not search_events().exists()
