"""The case list's filters (owner, deadline window), saved filters, the CSV export and the print
view of a case (issue 19 item 4)."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.categories import PERSONALIA
from casework.models import SavedFilter
from casework.paging import LIST_COUNT_CAP
from casework.pga import workflow as pga
from casework.pga.casetype import PGA_PLAN
from casework.pga.services import agreement_record
from casework.saved_filters import MAX_PER_PAGE
from casework.web.views.cases import EXPORT_LIMIT
from tests.auditlog import events
from tests.casework.web.read_support import share_with
from tests.conftest import count_queries
from tests.factories.casework import clone_cases, make_pga_case

pytestmark = pytest.mark.django_db(databases="__all__")
LIST = reverse("casework:case_list")
EXPORT = reverse("casework:case_list_export")
SAVE = reverse("casework:saved_filter_create", args=["cases"])


def listed(response) -> set[str]:
    return {row.case.reference for row in response.context["rows"]}


def _due_in(case, actor, partner_org, days: int) -> None:
    agreement_record(actor=actor, case=case, description="Testafspraak", owner_organisation=partner_org,
                     due_on=timezone.localdate() + timedelta(days=days))


def test_owner_and_deadline_window_filters(client, login, regisseur, colleague, partner_org):
    mine_soon = make_pga_case(owner=regisseur, status=pga.IN_BEHANDELING)
    _due_in(mine_soon, regisseur, partner_org, 7)
    mine_later = make_pga_case(owner=regisseur, status=pga.IN_BEHANDELING)
    _due_in(mine_later, regisseur, partner_org, 20)
    theirs_late = make_pga_case(owner=colleague, status=pga.IN_BEHANDELING)
    _due_in(theirs_late, colleague, partner_org, -1)
    no_term = make_pga_case(owner=colleague, status=pga.IN_BEHANDELING)
    login(client, regisseur)
    assert listed(client.get(LIST, {"owner": "me"})) == {mine_soon.reference, mine_later.reference}
    assert listed(client.get(LIST, {"owner": str(colleague.pk)})) == {theirs_late.reference, no_term.reference}
    assert listed(client.get(LIST, {"deadline": "overdue"})) == {theirs_late.reference}
    assert listed(client.get(LIST, {"deadline": "7"})) == {theirs_late.reference, mine_soon.reference}
    assert listed(client.get(LIST, {"deadline": "30"})) == {
        theirs_late.reference, mine_soon.reference, mine_later.reference}
    assert listed(client.get(LIST, {"deadline": "30", "owner": "me"})) == {mine_soon.reference, mine_later.reference}


def test_an_owner_of_another_organisation_is_not_offered_and_filters_nothing(client, login, regisseur,
                                                                             other_org_user):
    case = make_pga_case(owner=regisseur)
    login(client, regisseur)
    response = client.get(LIST, {"owner": str(other_org_user.pk)})
    assert listed(response) == {case.reference}  # an id not offered falls back to no filter
    assert str(other_org_user.pk) not in dict(response.context["form"].fields["owner"].choices)


def test_saved_filters_keep_codes_only_and_are_the_users_own(client, login, regisseur, colleague):
    login(client, regisseur)
    query = "owner=me&deadline=7&bsn=111222333&surname=Testpersoon&status=nonsense&sort=reference"
    response = client.post(SAVE, {"query": query})
    assert response.status_code == 302 and "bsn" not in response.url and "Testpersoon" not in response.url
    saved = SavedFilter.objects.get()
    assert (saved.user, saved.page, saved.query) == (regisseur, "cases", "owner=me&deadline=7&sort=reference")
    client.post(SAVE, {"query": query})  # the same filters again: still one
    assert SavedFilter.objects.count() == 1
    html = client.get(LIST).content.decode()
    assert "Eigenaar: Ik · Termijn: Termijn verstreken of binnen 7 dagen · Sorteren op: Kenmerk (oplopend)" in html
    assert f'href="{LIST}?owner=me&amp;deadline=7&amp;sort=reference"' in html

    login(client, colleague)  # another user neither sees nor removes it
    assert "Eigenaar: Ik" not in client.get(LIST).content.decode()
    remove = reverse("casework:saved_filter_delete", args=[saved.pk])
    assert client.post(remove).status_code == 404
    assert SavedFilter.objects.filter(pk=saved.pk).exists()
    login(client, regisseur)
    assert client.get(remove).status_code == 405
    assert client.post(remove).status_code == 302 and not SavedFilter.objects.exists()


def test_saving_nothing_or_too_many_filters_is_refused_with_a_message(client, login, regisseur):
    login(client, regisseur)
    response = client.post(SAVE, {"query": "bsn=111222333"}, follow=True)
    assert "Kies eerst minstens één filter om te bewaren." in response.content.decode()
    assert not SavedFilter.objects.exists()
    SavedFilter.objects.bulk_create([SavedFilter(user=regisseur, page="cases", query=f"sort=x{number}")
                                     for number in range(MAX_PER_PAGE)])
    response = client.post(SAVE, {"query": "owner=me"}, follow=True)
    assert f"U kunt voor deze lijst hoogstens {MAX_PER_PAGE} filters bewaren." in response.content.decode()
    assert SavedFilter.objects.count() == MAX_PER_PAGE
    assert client.post(reverse("casework:saved_filter_create", args=["audit"]), {"query": "x=1"}).status_code == 404


def test_my_work_keeps_saved_filters_of_its_own(client, login, regisseur):
    login(client, regisseur)
    client.post(reverse("casework:saved_filter_create", args=["work"]), {"query": "window=overdue&kind=deadline"})
    saved = SavedFilter.objects.get()
    assert (saved.page, saved.query) == ("work", "kind=deadline&window=overdue")
    assert "Soort punt: Termijn" in client.get(reverse("casework:my_work")).content.decode()
    assert "Soort punt" not in client.get(LIST).content.decode().split("Bewaarde filters")[1].split("</section>")[0]


def _rows(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_the_export_holds_what_the_list_shows_escaped_and_logged(client, login, regisseur, partner, partner_org):
    regisseur.first_name, regisseur.last_name = "=HYPERLINK(1)", "Test"  # a cell that would be a formula
    regisseur.save(update_fields=["first_name", "last_name"])
    named = make_pga_case(owner=regisseur, surname="Testpersoon-Genoemd")
    unnamed = make_pga_case(owner=regisseur, surname="Testpersoon-Zondernaam")
    login(client, regisseur)
    response = client.get(EXPORT, {"sort": "reference"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="casussen-')
    assert "no-store" in response["Cache-Control"]
    rows = _rows(response)
    assert [row["Kenmerk"] for row in rows] == sorted([named.reference, unnamed.reference])
    by_reference = {row["Kenmerk"]: row for row in rows}
    assert by_reference[named.reference]["Eigenaar"] == "'=HYPERLINK(1) Test"  # no formula
    assert "Testpersoon-Genoemd" in by_reference[named.reference]["Betrokkene"]
    assert by_reference[unnamed.reference]["Casustype"] == "PGA-casus"
    exported = events(action="export")
    assert {event.case_id for event in exported} == {str(named.pk), str(unnamed.pk)}

    share_with(named, regisseur, partner_org, [PGA_PLAN])  # no personalia: no name in the partner's file
    share_with(unnamed, regisseur, partner_org, [PERSONALIA])
    login(client, partner)
    rows = {row["Kenmerk"]: row for row in _rows(client.get(EXPORT))}
    assert rows[named.reference]["Betrokkene"] == "niet gedeeld"
    assert "Testpersoon-Zondernaam" in rows[unnamed.reference]["Betrokkene"]


def test_an_export_over_the_limit_is_refused_and_logs_nothing(client, login, regisseur, monkeypatch):
    monkeypatch.setattr("casework.web.views.cases.EXPORT_LIMIT", 1)
    for _ in range(2):
        make_pga_case(owner=regisseur)
    login(client, regisseur)
    response = client.get(EXPORT, {"owner": "me"})
    assert response.status_code == 302 and response.url == f"{LIST}?owner=me"
    assert events(action="export").count() == 0


def test_an_export_at_the_limit_is_given_and_one_over_it_refused_without_reading_a_case_row(
        client, login, regisseur, monkeypatch):
    """The limit is told by the ids of the first page and the list's count, read as a list page reads them
    (casework/paging.py `read_page`): a refused export reads no case row; the count stops above the limit."""
    assert EXPORT_LIMIT < LIST_COUNT_CAP
    monkeypatch.setattr("casework.web.views.cases.EXPORT_LIMIT", 2)
    first, second = make_pga_case(owner=regisseur), make_pga_case(owner=regisseur)
    login(client, regisseur)
    assert {row["Kenmerk"] for row in _rows(client.get(EXPORT))} == {first.reference, second.reference}
    make_pga_case(owner=regisseur)
    with count_queries() as queries:
        response = client.get(EXPORT)
    assert response.status_code == 302
    assert not [query["sql"] for query in queries if '"casework_case"."data_key_id"' in query["sql"]]
    assert events(action="export").count() == 2  # the export given, not the refused one


def _export_queries(client) -> tuple[int, int]:
    with count_queries() as queries:
        response = client.get(EXPORT)
    assert response.status_code == 200
    return len(queries), len(_rows(response))


def test_export_query_count_is_the_same_for_10_and_200_cases(client, login, regisseur, colleague):
    cases = [make_pga_case(owner=regisseur if number % 2 else colleague) for number in range(10)]
    first = cases[0]
    login(client, regisseur)
    client.get(EXPORT)  # warm caches outside the comparison
    small, small_rows = _export_queries(client)
    clone_cases(first, 190, reference="TEST-EXP-{n:04d}", owner=lambda n: regisseur if n % 2 else colleague)
    large, large_rows = _export_queries(client)
    assert (small_rows, large_rows) == (10, 200)
    assert large == small


def test_the_print_view_shows_the_case_without_actions_and_is_logged(client, login, regisseur, other_org_user):
    case = make_pga_case(owner=regisseur, surname="Testpersoon-Afdruk")
    login(client, regisseur)
    url = reverse("casework:case_print", args=[case.pk])
    assert f'href="{url}"' in client.get(reverse("casework:case_detail", args=[case.pk])).content.decode()
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200 and "Testpersoon-Afdruk" in html and case.reference in html
    assert "Vertrouwelijk" in html and "app-nav" not in html and "Overdragen" not in html
    assert [(event.action, event.case_id) for event in events(action="print")] == [("print", str(case.pk))]
    login(client, other_org_user)
    assert client.get(url).status_code == 403
    assert "Testpersoon-Afdruk" not in client.get(url).content.decode()
    assert events(action="print", actor_id=str(other_org_user.pk)).count() == 0


def test_saved_filters_do_not_add_queries_per_filter(client, login, regisseur, colleague):
    make_pga_case(owner=regisseur)
    login(client, regisseur)
    SavedFilter.objects.create(user=regisseur, page="cases", query="owner=me")
    client.get(LIST)  # warm caches outside the comparison
    with count_queries() as one:
        client.get(LIST)
    SavedFilter.objects.bulk_create([SavedFilter(user=regisseur, page="cases", query=query) for query in (
        "deadline=7", "deadline=30&owner=me", f"owner={colleague.pk}", "sort=reference", "size=50")])
    with count_queries() as six:
        html = client.get(LIST).content.decode()
    assert html.count('class="utrecht-unordered-list__item"') >= 6
    assert len(six) == len(one)
