"""'Mijn casussen' (casework:case_list): visibility, filters, sorting, paging, the audit batch and
a query count that does not grow with the number of rows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.errors import AuditWriteError
from casework.categories import PERSONALIA
from casework.models import Case
from casework.pga import workflow as pga
from casework.pga.casetype import PGA_PLAN
from casework.pga.services import agreement_record
from encryption.pseudonyms import subject_pseudonym
from tests.auditlog import events
from tests.casework.web.read_support import expire, share_with
from tests.conftest import count_queries
from tests.factories.casework import clone_cases, make_pga_case

pytestmark = pytest.mark.django_db(databases="__all__")
URL = reverse("casework:case_list")


def listed(response) -> set[str]:
    return {row.case.reference for row in response.context["rows"]}


def test_lists_own_and_team_cases_only(client, login, regisseur, colleague, other_team_user, other_org_user):
    own = make_pga_case(owner=regisseur, surname="Testpersoon-Eigen")
    team_case = make_pga_case(owner=colleague)
    other_team_case = make_pga_case(owner=other_team_user, surname="Testpersoon-Anderteam")
    other_org_case = make_pga_case(owner=other_org_user, surname="Testpersoon-Anderegemeente")
    login(client, regisseur)
    response = client.get(URL)
    assert response.status_code == 200
    assert listed(response) == {own.reference, team_case.reference}
    html = response.content.decode()
    assert "Testpersoon-Eigen" in html
    assert "Testpersoon-Anderteam" not in html and other_team_case.reference not in html
    assert "Testpersoon-Anderegemeente" not in html and other_org_case.reference not in html
    assert html.count("<h1") == 1 and "<caption" in html
    assert "Aangemeld" in html or "Referred" in html


def test_one_list_event_per_case_shown_in_one_batch(client, login, regisseur):
    cases = [make_pga_case(owner=regisseur) for _ in range(3)]
    login(client, regisseur)
    with count_queries() as queries:
        client.get(URL)
    listed_events = list(events(action="list"))
    assert len(listed_events) == 3
    assert {event.case_id for event in listed_events} == {str(case.pk) for case in cases}
    assert {event.subject_pseudonym for event in listed_events} == {subject_pseudonym(c.person_id) for c in cases}
    assert {event.actor_id for event in listed_events} == {str(regisseur.pk)}
    assert all(event.processing_activity == "pga-procesregie" for event in listed_events)
    audit_inserts = [q for q in queries if q["sql"].lstrip().upper().startswith("INSERT")
                     and "audit" in q["sql"].lower() and "auditevent" in q["sql"].lower()]
    assert len(audit_inserts) == 1


def test_a_page_of_cases_of_two_types_records_each_under_its_activity_in_one_insert(client, login, regisseur,
                                                                                     make_user):
    from accounts.roles import HANDHAVER
    from tests.factories.damocles import make_damocles_case

    pga_case = make_pga_case(owner=regisseur)
    damocles_case = make_damocles_case(owner=make_user(role=HANDHAVER, team=regisseur.team))  # a team mate's
    login(client, regisseur)
    with count_queries() as queries:
        client.get(URL)
    activities = {event.case_id: event.processing_activity for event in events(action="list")}
    assert activities == {str(pga_case.pk): "pga-procesregie", str(damocles_case.pk): "damocles"}
    audit_inserts = [q for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "COPY"))
                     and "auditevent" in q["sql"].lower()]
    assert len(audit_inserts) == 1


def _page_queries(client) -> int:
    with count_queries() as queries:
        response = client.get(URL)
    assert response.status_code == 200
    return len(queries), len(response.context["rows"])


def test_query_count_is_constant_for_3_or_30_rows(client, login, regisseur, colleague, partner_org):
    for number in range(3):
        case = make_pga_case(owner=regisseur if number % 2 else colleague)
        agreement_record(actor=regisseur, case=case, description="Testafspraak", owner_organisation=partner_org,
                         due_on=timezone.localdate() + timedelta(days=number))
    login(client, regisseur)
    client.get(URL)  # warm caches (content types, sessions) outside the comparison
    small, small_rows = _page_queries(client)
    for number in range(27):
        case = make_pga_case(owner=regisseur if number % 2 else colleague)
        agreement_record(actor=regisseur, case=case, description="Testafspraak", owner_organisation=partner_org,
                         due_on=timezone.localdate() + timedelta(days=number))
    large, large_rows = _page_queries(client)
    assert (small_rows, large_rows) == (3, 25)
    assert large == small


def test_filters_by_status_team_type_and_overdue(client, login, regisseur, colleague, lead, team_b,
                                                 other_team_user, partner_org):
    fresh = make_pga_case(owner=regisseur)
    accepted = make_pga_case(owner=regisseur, status=pga.IN_BEHANDELING)
    late = make_pga_case(owner=colleague, status=pga.IN_BEHANDELING)
    agreement_record(actor=colleague, case=late, description="Testafspraak", owner_organisation=partner_org,
                     due_on=timezone.localdate() - timedelta(days=1))
    stale_referral = make_pga_case(owner=regisseur)
    Case.objects.filter(pk=stale_referral.pk).update(opened_on=timezone.localdate() - timedelta(days=14))
    team_b_case = make_pga_case(owner=other_team_user)
    login(client, regisseur)
    assert listed(client.get(URL, {"status": pga.IN_BEHANDELING})) == {accepted.reference, late.reference}
    assert listed(client.get(URL, {"deadline": "overdue"})) == {late.reference, stale_referral.reference}
    assert listed(client.get(URL, {"case_type": "pga"})) == {
        fresh.reference, accepted.reference, late.reference, stale_referral.reference}
    assert listed(client.get(URL, {"case_type": "damocles"})) == set()
    # team filter narrows within what is visible; it never widens it
    assert listed(client.get(URL, {"team": str(team_b.pk)})) == set()
    login(client, lead)
    assert listed(client.get(URL, {"team": str(team_b.pk)})) == {team_b_case.reference}


def test_sorting_and_bad_filter_values(client, login, regisseur):
    cases = [make_pga_case(owner=regisseur) for _ in range(3)]
    login(client, regisseur)
    ascending = [row.case.reference for row in client.get(URL, {"sort": "reference"}).context["rows"]]
    descending = [row.case.reference for row in client.get(URL, {"sort": "-reference"}).context["rows"]]
    assert ascending == sorted(c.reference for c in cases) and descending == ascending[::-1]
    response = client.get(URL, {"sort": "person__surname", "status": "nonsense", "page": "x"})
    assert response.status_code == 200
    assert len(response.context["rows"]) == 3  # invalid filters fall back to no filter


def test_pages_of_25_and_a_capped_page_size(client, login, regisseur):
    first_case = make_pga_case(owner=regisseur)
    clone_cases(first_case, 104, reference="TEST-LST-{n:04d}")
    login(client, regisseur)
    first = client.get(URL)
    assert len(first.context["rows"]) == 25 and first.context["page"].paginator.num_pages == 5
    second = client.get(URL, {"page": 2})
    assert len(second.context["rows"]) == 25
    assert listed(first).isdisjoint(listed(second))
    assert len(client.get(URL, {"size": "100"}).context["rows"]) == 100
    assert len(client.get(URL, {"size": "100000"}).context["rows"]) == 25  # not a page size offered: ignored
    far = client.get(URL, {"page": str(10**20)})  # past any OFFSET a database takes (was a 500): the last page
    assert far.status_code == 200 and far.context["page"].number == 5 and len(far.context["rows"]) == 5


def test_a_list_past_its_count_cap_says_more_than_the_cap_and_pages_to_it(client, login, lead, regisseur,
                                                                         monkeypatch):
    """A team lead's organisation may reach every case: the list counts up to `LIST_COUNT_CAP` and then says
    "more than" it, listing the first cases in order; a list at the cap is counted exactly (ADR 0050)."""
    from casework import paging

    monkeypatch.setattr(paging, "LIST_COUNT_CAP", 3)
    cases = [make_pga_case(owner=regisseur) for _index in range(3)]
    login(client, lead)
    at_cap = client.get(URL)
    assert at_cap.context["page"].paginator.count == 3 and not at_cap.context["page"].paginator.object_list.capped
    assert "3 casussen" in at_cap.content.decode() and "Meer dan" not in at_cap.content.decode()
    cases.append(make_pga_case(owner=regisseur))
    response = client.get(URL)
    html = response.content.decode()
    assert "Meer dan 3 casussen" in html and "Alleen de eerste 3 staan in de lijst" in html
    newest_first = list(Case.objects.filter(pk__in=[case.pk for case in cases]).order_by("-opened_on", "reference"))
    assert [row.case.pk for row in response.context["rows"]] == [case.pk for case in newest_first[:3]]
    assert len(events(action="list")) == 3 + 3  # the rows shown, each logged
    past = client.get(URL, {"page": 2})  # past the cap: the last page within it
    assert [row.case.pk for row in past.context["rows"]] == [case.pk for case in newest_first[:3]]


def test_partner_sees_shared_cases_and_names_only_with_personalia(client, login, regisseur, partner, partner_org):
    named = make_pga_case(owner=regisseur, surname="Testpersoon-Gedeeld")
    unnamed = make_pga_case(owner=regisseur, surname="Testpersoon-Zondernaam")
    expired = make_pga_case(owner=regisseur, surname="Testpersoon-Verlopen")
    make_pga_case(owner=regisseur, surname="Testpersoon-Nietgedeeld")
    share_with(named, regisseur, partner_org, [PERSONALIA])
    share_with(unnamed, regisseur, partner_org, [PGA_PLAN])
    expire(share_with(expired, regisseur, partner_org, [PERSONALIA]))
    login(client, partner)
    response = client.get(URL)
    assert listed(response) == {named.reference, unnamed.reference}
    html = response.content.decode()
    assert "Testpersoon-Gedeeld" in html
    assert "Testpersoon-Zondernaam" not in html
    assert "Testpersoon-Verlopen" not in html and "Testpersoon-Nietgedeeld" not in html
    rows = {row.case.reference: row for row in response.context["rows"]}
    assert rows[unnamed.reference].person_name is None


def test_a_failing_audit_write_answers_503_without_personal_data(client, login, regisseur, monkeypatch):
    make_pga_case(owner=regisseur, surname="Testpersoon-Geheim")
    login(client, regisseur)

    def refuse(*args, **kwargs):
        raise AuditWriteError("audit database unavailable (test)")

    monkeypatch.setattr("casework.disclosures.record_batch", refuse)
    response = client.get(URL)
    assert response.status_code == 503
    assert "Testpersoon-Geheim" not in response.content.decode()


def test_empty_list_records_nothing(client, login, regisseur):
    login(client, regisseur)
    response = client.get(URL)
    assert response.status_code == 200
    assert events(action="list").count() == 0
