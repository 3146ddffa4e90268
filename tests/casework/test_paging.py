"""A page chosen before its rows are joined (casework/paging.py): the same rows in the same order as the
plain queryset, the joins still loaded (no query per row), one query per page whatever its size."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.paginator import Paginator
from django.db.models import Count
from django.utils import timezone
from guardian.shortcuts import assign_perm

from accounts.roles import TEAMLEIDER
from audit.activities import CHAIN_SHARING
from casework import access, paging, selectors
from casework.categories import PERSONALIA
from casework.models import Case, Person
from casework.paging import CountedPaginator, RowsByPage, late_joined
from casework.sharing import share_create
from tests.conftest import count_queries
from tests.factories.casework import make_pga_case

pytestmark = pytest.mark.django_db(databases="__all__")


def test_a_late_joined_page_holds_the_rows_of_the_plain_page_with_their_joins(regisseur, other_team_user):
    for index in range(7):
        make_pga_case(owner=regisseur if index % 2 else other_team_user)
    plain = Case.objects.select_related("owner", "team", "person").order_by("owner__username", "-reference")
    paged = late_joined(plain)
    assert isinstance(paged, RowsByPage) and paged.count() == plain.count() == 7
    for start, end in ((0, 3), (3, 6), (6, 9)):
        with count_queries() as queries:
            rows = list(paged[start:end])
            names = [(case.owner.username, case.team.name, case.person.pk) for case in rows]
        assert rows == list(plain[start:end])
        assert len(queries) == 1 and len(names) == len(rows)  # owner, team and person came with the rows


def test_a_queryset_without_joins_or_with_annotations_is_paged_as_it_is(regisseur):
    make_pga_case(owner=regisseur)
    counted = Case.objects.select_related("owner").annotate(steps_count=Count("steps"))
    assert late_joined(counted) is counted
    plain = Case.objects.order_by("reference")
    assert late_joined(plain) is plain


@pytest.mark.parametrize("number", [1, 2, 3, "3", 4, 99, "abc", None, 0, -1, 10**20, str(2**63)])
def test_the_counted_paginator_shows_what_djangos_shows_running_the_filter_once(regisseur, colleague, number):
    """7 rows at 3 a page: pages 1-3 (the last holds one row); past the end the last page, no number the
    first, below 1 the last. The count and the page's ids come from one query: the filter runs once where
    Django's runs it for the COUNT and again for the page."""
    for index in range(9):
        make_pga_case(owner=regisseur if index < 7 else colleague)
    plain = Case.objects.select_related("owner").filter(owner=regisseur).order_by("-reference")

    def shown(paginator_class):
        with count_queries() as queries:
            page = paginator_class(late_joined(plain), 3).get_page(number)
            rows = [(case.reference, case.owner.username) for case in page.object_list]
        filtered = [query for query in queries if regisseur.pk.hex in query["sql"]]
        return (page.number, page.paginator.count, page.paginator.num_pages, rows), len(filtered)

    ours, our_filters = shown(CountedPaginator)
    django_own, django_filters = shown(Paginator)
    assert ours == django_own
    assert ours[1] == 7 and len(ours[3]) == (1 if ours[0] == 3 else 3)
    given = int(number) if str(number).lstrip("-").isdigit() else 1
    # past the end: the read finds no row, then Django's count and page; below 1, or further down than any OFFSET
    # a database takes (10**20: SQLite's OverflowError was a 500): Django's way at once
    huge = given > 10**9
    assert django_filters == 2 and our_filters == (2 if given < 1 or huge else 3 if given > 3 else 1)


def test_the_counted_paginator_counts_an_empty_list_and_distinct_ids_as_django_does(regisseur):
    empty = late_joined(Case.objects.select_related("owner").filter(reference="none").order_by("reference"))
    with count_queries() as queries:
        page = CountedPaginator(empty, 3).get_page(1)
    assert (page.paginator.count, list(page.object_list)) == (0, []) and len(queries) == 1
    for _index in range(4):
        make_pga_case(owner=regisseur)
    ids = Case.objects.filter(owner=regisseur).distinct().order_by("reference")
    rows = RowsByPage(ids, lambda found: Case.objects.filter(pk__in=found))
    assert rows.read_page(0, 3) is None  # the window would count before DISTINCT: Django's way instead
    page = CountedPaginator(rows, 3).get_page(2)
    assert page.paginator.count == 4 and [case.reference for case in page.object_list] == [
        case.reference for case in ids[3:]]


def _case_list_world(regisseur, colleague, other_team_user) -> dict[str, Case]:
    """Cases a regisseur reaches as owner, through the team (a colleague's), by a guardian grant and by two paths
    at once (owner and team), with opening dates that tie, and a case of a restricted person (reached by none)."""
    cases = {f"own{index}": make_pga_case(owner=regisseur) for index in range(4)}
    cases.update({f"team{index}": make_pga_case(owner=colleague) for index in range(3)})
    cases["granted"] = make_pga_case(owner=other_team_user)
    assign_perm("view_case", regisseur, cases["granted"])
    cases["restricted"] = make_pga_case(owner=regisseur)
    Person.objects.filter(pk=cases["restricted"].person_id).update(restricted=True)
    cases["elsewhere"] = make_pga_case(owner=other_team_user)  # reached by no path
    for index, case in enumerate(cases.values()):
        Case.objects.filter(pk=case.pk).update(opened_on=date(2026, 1, 1 + index % 3),
                                               status=("a", "b")[index % 2])
    return cases


@pytest.mark.both_databases
@pytest.mark.parametrize("sort", ["-opened", "opened", "reference", "-reference", "status", "-status"])
def test_a_case_list_read_path_by_path_has_the_rows_count_and_order_of_the_visibility_filter(
        regisseur, colleague, other_team_user, sort):
    """The list's page query is the UNION of one query per access path (owner, team, the other tables' ids);
    every page of it holds what the plain filter's ORDER BY and LIMIT hold, a case two paths reach once."""
    cases = _case_list_world(regisseur, colleague, other_team_user)
    plain = access.visible_cases(regisseur).order_by(*selectors._ordering(sort))
    assert {case.pk for case in plain} == {cases[name].pk for name in cases if name not in ("restricted",
                                                                                             "elsewhere")}
    paths = access.paths_of(selectors.case_list(user=regisseur, filters=selectors.CaseFilters(sort=sort)).ids)
    assert paths is not None and len(paths) == 3  # owner, team, the other tables' ids
    for number in (1, 2, 3):
        listed = selectors.case_list(user=regisseur, filters=selectors.CaseFilters(sort=sort))
        with count_queries() as queries:
            page = CountedPaginator(listed, 3).get_page(number)
            ids = [case.pk for case in page.object_list]
        assert page.paginator.count == 8 and ids == [case.pk for case in plain[(number - 1) * 3:number * 3]]
        assert len(queries) == 2 and queries[0]["sql"].startswith("WITH")  # the page's ids and count; its rows
    narrowed = selectors.case_list(user=regisseur, filters=selectors.CaseFilters(sort=sort, status="b"))
    page = CountedPaginator(narrowed, 25).get_page(1)
    assert [case.pk for case in page.object_list] == [case.pk for case in plain.filter(status="b")]


@pytest.mark.both_databases
def test_a_list_of_one_path_or_of_no_case_is_read_as_one_filter(regisseur, partner, partner_org, other_team_user,
                                                                 make_user):
    case = make_pga_case(owner=other_team_user)
    share_create(actor=other_team_user, case=case, partner=partner_org, categories=[PERSONALIA],
                 processing_activity=CHAIN_SHARING, purpose="Afstemming in het casusoverleg (test).",
                 weighing="Proportioneel en subsidiair (testafweging).",
                 ends_on=timezone.localdate() + timedelta(days=30))
    assert access.paths_of(access.visible_cases(partner)) is None  # shares only: nothing to unite
    either = access.visible_cases(regisseur) | Case.objects.filter(pk=case.pk)  # an OR above the paths
    assert set().union(*(path.values_list("pk", flat=True) for path in access.paths_of(either))) == {case.pk}
    assert access.paths_of(Case.objects.exclude(pk__in=access.visible_cases(regisseur))) is None
    assert access.paths_of(Person.objects.all()) is None
    lead = make_user(role=TEAMLEIDER, organisation=regisseur.organisation)
    assert access.paths_of(access.visible_cases(lead)) is None  # the organisation's path has no covering index
    with count_queries() as queries:
        page = CountedPaginator(selectors.case_list(user=lead, filters=selectors.CaseFilters()), 25).get_page(1)
        assert case.pk in [found.pk for found in page.object_list]
    assert "_list_count" in queries[0]["sql"]
    listed = selectors.case_list(user=partner, filters=selectors.CaseFilters())
    with count_queries() as queries:
        page = CountedPaginator(listed, 25).get_page(1)
        ids = [found.pk for found in page.object_list]
    assert ids == [case.pk] and page.paginator.count == 1 and "_list_count" in queries[0]["sql"]  # one filter
    nothing = selectors.case_list(user=regisseur, filters=selectors.CaseFilters(case_type="nothing"))
    assert CountedPaginator(nothing, 25).get_page(1).paginator.count == 0


@pytest.mark.both_databases
def test_a_capped_list_counts_to_its_cap_in_the_query_of_its_page(regisseur, colleague, other_team_user, make_user,
                                                                   monkeypatch):
    """Past `count_cap` a list's count is the cap and `capped` says so, whether its page is read path by path
    (a regisseur's) or as one filter (a team lead's); the cases within the cap are paged in the plain order,
    the page's ids and the capped count in one query; at or below the cap the count is exact."""
    _case_list_world(regisseur, colleague, other_team_user)
    lead = make_user(role=TEAMLEIDER, organisation=regisseur.organisation)
    monkeypatch.setattr(paging, "LIST_COUNT_CAP", 5)
    for user, reached in ((regisseur, 8), (lead, 9)):
        plain = list(access.visible_cases(user).order_by(*selectors._ordering("-opened")))
        assert len(plain) == reached
        for number, shown in ((1, plain[:3]), (2, plain[3:5]), (3, plain[3:5])):  # page 3 is past the cap
            listed = selectors.case_list(user=user, filters=selectors.CaseFilters())
            with count_queries() as queries:
                page = CountedPaginator(listed, 3).get_page(number)
                ids = [case.pk for case in page.object_list]
            assert (page.paginator.count, page.paginator.num_pages, listed.capped) == (5, 2, True)
            assert ids == [case.pk for case in shown]
            if number == 1:
                assert len(queries) == 2  # the page's ids with the capped count; its rows
        assert selectors.case_list(user=user, filters=selectors.CaseFilters()).count() == 5
    assert "LIMIT 6" in _first_query_of(lead)  # the team lead's count reads at most one case past the cap
    monkeypatch.setattr(paging, "LIST_COUNT_CAP", 9)
    for user, reached in ((regisseur, 8), (lead, 9)):
        listed = selectors.case_list(user=user, filters=selectors.CaseFilters())
        assert (CountedPaginator(listed, 3).get_page(1).paginator.count, listed.capped) == (reached, False)
        assert selectors.case_list(user=user, filters=selectors.CaseFilters()).count() == reached
    nothing = selectors.case_list(user=lead, filters=selectors.CaseFilters(case_type="nothing"))
    assert (CountedPaginator(nothing, 3).get_page(1).paginator.count, nothing.capped) == (0, False)


def _first_query_of(user) -> str:
    with count_queries() as queries:
        CountedPaginator(selectors.case_list(user=user, filters=selectors.CaseFilters()), 3).get_page(1)
    return queries[0]["sql"]


@pytest.mark.parametrize("limit", [7, 8, 9, 20])
def test_the_first_rows_within_a_limit_are_the_lists_first_or_none_when_it_holds_more(
        regisseur, colleague, other_team_user, limit):
    """An export's limit (`first_within`): the list's first `limit` rows in its order when it holds no more, None
    (and no row read: the ids and count only) when it does; a count that stops at or below the limit cannot tell."""
    _case_list_world(regisseur, colleague, other_team_user)  # 8 cases the regisseur sees
    plain = list(access.visible_cases(regisseur).order_by(*selectors._ordering("reference")))
    listed = selectors.case_list(user=regisseur, filters=selectors.CaseFilters(sort="reference"))
    with count_queries() as queries:
        found = listed.first_within(limit)
    if limit < 8:
        assert found is None and len(queries) == 1 and queries[0]["sql"].startswith("WITH")
    else:
        assert [case.pk for case in found] == [case.pk for case in plain] and len(queries) == 2
    with pytest.raises(ValueError, match="stops at or below"):
        RowsByPage(Case.objects.order_by("pk"), lambda ids: Case.objects.filter(pk__in=ids), count_cap=5) \
            .first_within(5)
