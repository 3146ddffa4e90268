"""The privacy officer's audit search by person (casework/privacy/audit_search.py and its pages): from a
BSN to the events about the person in one step, never echoing the BSN, paging from a server-side handle;
refused and recorded for other roles; the search itself recorded by person id, never by BSN."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from audit import record_batch
from audit.services import Target
from casework.privacy import audit_search
from encryption.pseudonyms import subject_pseudonym
from tests.auditlog import events
from tests.conftest import count_queries
from tests.factories.casework import TEST_BSNS, make_pga_case

pytestmark = pytest.mark.django_db(databases="__all__")
BSN = TEST_BSNS[2]
TYPO = BSN[:-1] + str((int(BSN[-1]) + 1) % 10)  # fails the 11-test
URL = reverse("casework:privacy_person_audit")


@pytest.fixture
def regisseur(make_user):
    return make_user()


def test_the_search_finds_the_events_of_the_person_and_its_cases_and_is_recorded_by_id(officer, regisseur):
    case = make_pga_case(owner=regisseur, bsn=BSN)
    other = make_pga_case(owner=regisseur, bsn=TEST_BSNS[3])
    before = events().order_by("-sequence").values_list("sequence", flat=True).first()

    scope = audit_search.person_audit_search(user=officer, bsn=BSN)

    assert scope.person_ids == (str(case.person_id),) and scope.case_ids == (str(case.pk),)
    assert scope.controllers == (regisseur.organisation.name,)
    (searched,) = events(sequence__gt=before)
    assert (searched.action, searched.object_type, searched.object_id, searched.subject_pseudonym) == (
        "search", "casework.Person", str(case.person_id), subject_pseudonym(case.person_id))
    assert BSN not in searched.reason and searched.actor_id == str(officer.pk)
    page = audit_search.results_page(scope)
    cases = {event.case_id for event in page.object_list}
    assert str(case.pk) in cases and str(other.pk) not in cases
    created = next(event for event in page.object_list if event.case_id == str(case.pk))
    assert created.case_label == case.reference  # a reference, not the case's id
    assert created.activity_label != created.processing_activity and created.get_action_display() != created.action


def test_only_a_privacy_officer_may_search(regisseur):
    make_pga_case(owner=regisseur, bsn=BSN)
    with pytest.raises(PermissionDenied):
        audit_search.person_audit_search(user=regisseur, bsn=BSN)
    assert events(action="search", actor_id=str(regisseur.pk)).count() == 0


def test_other_roles_get_403_and_the_refusal_is_recorded_without_the_bsn(client, login, regisseur):
    login(client, regisseur)
    response = client.post(URL, {"bsn": BSN})
    assert response.status_code == 403 and BSN not in response.content.decode()
    (refused,) = events(action="access_denied", actor_id=str(regisseur.pk))
    assert all(BSN not in str(value) for value in refused.__dict__.values())


def test_an_invalid_bsn_gets_a_dutch_error_is_not_echoed_and_nothing_is_searched(client, login, officer):
    with pytest.raises(ValidationError):
        audit_search.person_audit_search(user=officer, bsn=TYPO)
    login(client, officer)
    response = client.post(URL, {"bsn": TYPO, "surname": "Testpersoon-Echo"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "elfproef" in html and TYPO not in html and "Testpersoon-Echo" not in html
    assert events(action="search", actor_id=str(officer.pk)).count() == 0


def _extra_events(case, count: int) -> None:
    record_batch(action="view", processing_activity="pga-procesregie", actor=None, targets=[
        Target(object_type="casework.Case", object_id=case.pk, case_id=case.pk, subject_id=case.person_id)
        for _ in range(count)])


def test_one_step_post_then_pages_from_the_handle_never_the_bsn(client, login, officer, regisseur, make_user):
    case = make_pga_case(owner=regisseur, bsn=BSN)
    _extra_events(case, 30)
    login(client, officer)

    response = client.post(URL, {"bsn": BSN})

    html = response.content.decode()
    assert response.status_code == 200 and BSN not in html and case.reference in html
    older = re.search(r'href="(/privacy/audit-per-persoon/[A-Za-z0-9_-]+/\?older=[0-9.]+)"', html)
    assert older is not None and BSN not in older.group(1)
    searched = events(action="search", actor_id=str(officer.pk)).count()
    second = client.get(older.group(1).replace("&amp;", "&"))
    assert second.status_code == 200 and BSN not in second.content.decode()
    assert case.reference in second.content.decode()
    assert events(action="search", actor_id=str(officer.pk)).count() == searched + 1
    stranger = make_user(role=officer.role)
    other_client = client.__class__()
    login(other_client, stranger)
    refused = other_client.get(older.group(1))  # a handle is bound to the session that searched
    assert refused.status_code == 404 and case.reference not in refused.content.decode()


def test_a_handle_expires():
    session: dict = {}
    scope = audit_search.PersonAuditScope(("p",), ("c",), ("Testgemeente Noord",))
    token = audit_search.handle_create(session, scope, now=1000.0)
    assert audit_search.handle_scope(session, token, now=1000.0 + 60) == scope
    assert audit_search.handle_scope(session, token, now=1000.0 + audit_search.HANDLE_SECONDS) is None
    for number in range(audit_search.MAX_HANDLES + 2):
        audit_search.handle_create(session, scope, now=2000.0 + number)
    assert len(session[audit_search.SESSION_KEY]) == audit_search.MAX_HANDLES


def _page_queries(client) -> int:
    with count_queries() as queries:
        response = client.post(URL, {"bsn": BSN})
    assert response.status_code == 200
    return len(queries)


def test_query_count_is_the_same_for_10_and_200_events(client, login, officer, regisseur):
    case = make_pga_case(owner=regisseur, bsn=BSN)
    login(client, officer)
    _extra_events(case, 10)
    client.post(URL, {"bsn": BSN})  # warm caches outside the comparison
    small = _page_queries(client)
    _extra_events(case, 190)
    large = _page_queries(client)
    assert events(case_id=str(case.pk)).count() >= 200
    assert large == small
