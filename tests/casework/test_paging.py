"""A page chosen before its rows are joined (casework/paging.py): the same rows in the same order as the
plain queryset, the joins still loaded (no query per row), one query per page whatever its size."""

from __future__ import annotations

import pytest
from django.core.paginator import Paginator
from django.db.models import Count

from casework.models import Case
from casework.paging import CountedPaginator, RowsByPage, late_joined
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


@pytest.mark.parametrize("number", [1, 2, 3, "3", 4, 99, "abc", None, 0, -1])
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
    # past the end: the read finds no row, then Django's count and page; below 1: Django's way at once
    assert django_filters == 2 and our_filters == (3 if given > 3 else 2 if given < 1 else 1)


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
