"""A page chosen before its rows are joined (casework/paging.py): the same rows in the same order as the
plain queryset, the joins still loaded (no query per row), one query per page whatever its size."""

from __future__ import annotations

import pytest
from django.db.models import Count

from casework.models import Case
from casework.paging import RowsByPage, late_joined
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
