"""The Mijn werk page (casework:my_work) and the count in the navigation: what the page shows and
records, who is refused, bad filter values, and queries that do not grow with the rows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from accounts.roles import PRIVACY_OFFICER
from casework.pga import workflow as pga
from casework.pga.models import Agreement
from casework.pga.services.conferences import agreement_record
from casework.web.context_processors import my_work
from casework.worklist import overdue_count
from encryption.pseudonyms import subject_pseudonym
from tests.auditlog import events
from tests.conftest import count_queries
from tests.factories.casework import clone_cases, make_pga_case

pytestmark = pytest.mark.django_db(databases="__all__")
URL = reverse("casework:my_work")


def _late_agreement(case, actor, partner_org, days_late: int = 1) -> Agreement:
    agreement = agreement_record(actor=actor, case=case, description="Testafspraak", owner_organisation=partner_org,
                                 due_on=timezone.localdate() + timedelta(days=1))
    Agreement.objects.filter(pk=agreement.pk).update(due_on=timezone.localdate() - timedelta(days=days_late))
    return agreement


def test_the_page_lists_what_waits_records_the_list_and_shows_no_personal_data(
        client, login, regisseur, other_team_user, partner_org):
    late = make_pga_case(owner=regisseur, status=pga.IN_BEHANDELING, surname="Testpersoon-Werk")
    _late_agreement(late, regisseur, partner_org)
    hidden = make_pga_case(owner=other_team_user)
    login(client, regisseur)
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200 and html.count("<h1") == 1
    assert late.reference in html and "Termijn afspraak" in html and "(verlopen)" in html
    assert hidden.reference not in html and "Testpersoon-Werk" not in html
    assert 'aria-current="page">Mijn werk (1<span class="app-sr-only"> verlopen</span>)' in html
    listed = events(action="list")
    assert [(event.case_id, event.reason) for event in listed] == [(str(late.pk), "my work")]


def test_the_empty_state_says_there_is_nothing_to_do(client, login, regisseur):
    login(client, regisseur)
    html = client.get(URL).content.decode()
    assert "Niets te doen: er wachten geen termijnen, goedkeuringen of andere punten op u." in html
    assert events(action="list").count() == 0
    html = client.get(URL, {"window": "overdue"}).content.decode()
    assert "Niets te doen dat aan deze filters voldoet." in html


def test_a_role_without_cases_is_refused_and_the_refusal_is_recorded(client, login, make_user):
    user = make_user(role=PRIVACY_OFFICER)
    login(client, user)
    assert client.get(URL).status_code == 403
    assert events(action="access_denied", actor_id=str(user.pk)).count() == 1


def test_bad_filter_values_filter_nothing_and_the_page_size_is_capped(client, login, regisseur, partner_org):
    case = make_pga_case(owner=regisseur, status=pga.IN_BEHANDELING)
    _late_agreement(case, regisseur, partner_org)
    login(client, regisseur)
    response = client.get(URL, {"window": "tomorrow", "kind": "<script>", "case_type": "x", "size": "100000"})
    assert response.status_code == 200
    assert case.reference in response.content.decode() and "&lt;script&gt;" not in response.content.decode()
    assert response.context["page"].paginator.per_page == 25
    assert client.get(URL, {"size": "100"}).context["page"].paginator.per_page == 100


def test_the_filters_stay_on_the_page_links(client, login, regisseur, partner_org):
    case = make_pga_case(owner=regisseur, status=pga.IN_BEHANDELING)
    first = _late_agreement(case, regisseur, partner_org)
    yesterday = timezone.localdate() - timedelta(days=1)
    Agreement.objects.bulk_create([Agreement(case=case, data_key_id=case.data_key_id, description=first.description,
                                              owner_organisation=partner_org, due_on=yesterday) for _ in range(25)])
    login(client, regisseur)
    html = client.get(URL, {"window": "overdue", "kind": "deadline"}).content.decode()
    assert "?kind=deadline&amp;window=overdue&amp;page=2" in html


def _page_queries(client) -> tuple[int, int]:
    with count_queries() as queries:
        response = client.get(URL, {"size": "100"})
    assert response.status_code == 200
    return len(queries), response.context["page"].paginator.count


def test_query_count_is_the_same_for_10_and_200_items(client, login, regisseur, colleague, partner_org):
    """Ten cases of me and my team; their agreements grow from 1 to 20 each (10 and 200 items)."""
    cases = [make_pga_case(owner=regisseur if number % 2 else colleague, status=pga.IN_BEHANDELING)
             for number in range(10)]
    template = agreement_record(actor=regisseur, case=cases[0], description="Testafspraak",
                                owner_organisation=partner_org, due_on=timezone.localdate() + timedelta(days=2))
    for case in cases[1:]:
        agreement_record(actor=regisseur, case=case, description="Testafspraak", owner_organisation=partner_org,
                         due_on=timezone.localdate() + timedelta(days=2))
    login(client, regisseur)
    client.get(URL)  # warm caches (content types, sessions, the calendar) outside the comparison
    small, small_items = _page_queries(client)
    copies = [Agreement(case=case, data_key_id=case.data_key_id, description=template.description,
                        owner_organisation=partner_org, due_on=timezone.localdate() + timedelta(days=day % 30))
              for case in cases for day in range(19)]
    Agreement.objects.bulk_create(copies)
    large, large_items = _page_queries(client)
    assert (small_items, large_items) == (10, 200)
    assert large == small


def test_cases_without_a_next_step_are_listed_with_a_constant_number_of_queries(client, login, regisseur):
    """Items without a next step read a few columns of their cases (`_LISTED_CASE_FIELDS`): their rows and `list`
    events need nothing more, so a page of 3 or of 30 such cases asks the same queries (none per row)."""
    first = make_pga_case(owner=regisseur, status=pga.IN_BEHANDELING)
    login(client, regisseur)
    client.get(URL)
    small, small_items = _page_queries(client)
    clone_cases(first, 29, reference="TEST-NNS-{n:03d}")
    with count_queries() as queries:
        response = client.get(URL, {"size": "100"})
    rows = response.context["rows"]
    assert (small_items, response.context["page"].paginator.count, len(queries)) == (1, 30, small)
    assert {item.kind for item, *_labels in rows} == {"no_next_step"}
    html = response.content.decode()
    assert "TEST-NNS-028" in html and first.reference in html and "Geen volgende stap of termijn vastgelegd" in html
    assert events(action="list").count() >= 1 + 30  # each shown case's `list` event, with its person
    assert set(events(action="list", case_id=str(first.pk)).values_list("subject_pseudonym", flat=True)) == {
        subject_pseudonym(first.person_id)}


def test_the_navigation_count_is_one_query_per_request_computed_once(regisseur, partner_org):
    case = make_pga_case(owner=regisseur, status=pga.IN_BEHANDELING)
    _late_agreement(case, regisseur, partner_org)
    overdue_count(regisseur)  # the calendar of equated days is kept between requests
    request = RequestFactory().get("/")
    request.user = regisseur
    with count_queries() as queries:
        first, second = my_work(request)["my_work"], my_work(request)["my_work"]
        assert (first.overdue, second.overdue) == (1, 1)
    assert len(queries) == 1
    nothing = RequestFactory().get("/")
    nothing.user = regisseur
    with count_queries() as queries:
        my_work(nothing)  # not shown: not computed
    assert queries == []


def _navigation_counts(client, monkeypatch, path: str) -> list[int]:
    """The overdue counts the navigation computed (not taken from the session) while requesting `path`."""
    from casework import worklist

    computed: list[int] = []
    real = worklist.overdue_count

    def counting(user, today=None):
        computed.append(real(user, today))
        return computed[-1]

    monkeypatch.setattr(worklist, "overdue_count", counting)
    response = client.get(path)
    assert response.status_code == 200 and response.context["my_work"].overdue >= 0
    monkeypatch.setattr(worklist, "overdue_count", real)
    return computed


def test_the_navigation_count_is_kept_in_the_session_and_counted_again_after_the_users_write(
        client, login, regisseur, partner_org, monkeypatch, settings):
    from casework.web.context_processors import SESSION_KEY

    settings.MY_WORK_COUNT_SECONDS = 60
    case = make_pga_case(owner=regisseur, status=pga.IN_BEHANDELING)
    login(client, regisseur)
    assert _navigation_counts(client, monkeypatch, reverse("casework:case_list")) == [0]
    _late_agreement(case, regisseur, partner_org)  # a change that is not this user's web write
    assert _navigation_counts(client, monkeypatch, reverse("casework:case_list")) == []  # kept: 0 still shown
    response = client.post(reverse("casework:case_search"), {"by": "reference", "reference": case.reference})
    assert response.status_code == 200  # a search is sent by POST but writes nothing: the count is kept
    assert _navigation_counts(client, monkeypatch, reverse("casework:case_list")) == []
    response = client.post(reverse("casework:case_search"), {"by": "bsn", "bsn": "12"})
    assert response.status_code == 200 and response.context["form"].errors  # refused input: nothing written
    assert _navigation_counts(client, monkeypatch, reverse("casework:case_list")) == []
    response = client.post(reverse("casework:notifications_all_read"))  # a write (post/redirect/get)
    assert response.status_code == 302
    assert _navigation_counts(client, monkeypatch, reverse("casework:case_list")) == [1]
    session = client.session  # a count of another day, or older than the setting, is counted again
    session[SESSION_KEY] = ["2000-01-01", 7, session[SESSION_KEY][2]]
    session.save()
    assert _navigation_counts(client, monkeypatch, reverse("casework:case_list")) == [1]
    session = client.session
    session[SESSION_KEY] = [session[SESSION_KEY][0], 7, session[SESSION_KEY][2] - 61]
    session.save()
    assert _navigation_counts(client, monkeypatch, reverse("casework:case_list")) == [1]
    settings.MY_WORK_COUNT_SECONDS = 0  # off: counted on every page
    assert _navigation_counts(client, monkeypatch, reverse("casework:case_list")) == [1]
    assert _navigation_counts(client, monkeypatch, reverse("casework:case_list")) == [1]
