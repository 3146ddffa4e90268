"""The privacy officer's event search pages by keyset: no count, every event once, either way.

Events written in one batch share their time, so the pages must order by (time, sequence) and
cut between equal times correctly.
"""

from __future__ import annotations

import uuid

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.actions import Action
from audit.models import AuditEvent
from tests.audit.test_workspace import _views

pytestmark = pytest.mark.django_db(databases="__all__")


def _page(client, **params):
    response = client.get(reverse("audit:search"), {"action": Action.VIEW, **params})
    assert response.status_code == 200
    return response.context["page"]


def test_older_and_newer_pages_show_every_event_once_in_order(officer_client, procesregisseur):
    _views(procesregisseur, [uuid.uuid4() for _ in range(60)])  # one batch: one time
    _views(procesregisseur, [uuid.uuid4() for _ in range(7)])
    expected = list(AuditEvent.objects.filter(action=Action.VIEW).order_by("-sequence")
                    .values_list("sequence", flat=True))
    seen, pages, page = [], [], _page(officer_client)
    assert page.newer is None
    while True:
        pages.append(page)
        seen += [event.sequence for event in page.object_list]
        if page.older is None:
            break
        page = _page(officer_client, older=page.older)
    assert seen == expected and [len(p.object_list) for p in pages] == [25, 25, 17]
    back = _page(officer_client, newer=pages[-1].newer)
    assert [e.sequence for e in back.object_list] == [e.sequence for e in pages[1].object_list]
    assert back.newer is not None and back.older == pages[1].older
    top = _page(officer_client, newer=pages[1].newer)
    assert [e.sequence for e in top.object_list] == expected[:25] and top.newer is None


def test_a_malformed_cursor_shows_the_newest_page(officer_client, procesregisseur):
    _views(procesregisseur, [uuid.uuid4() for _ in range(3)])
    assert len(_page(officer_client, older="1;DROP").object_list) == 3


def _queries(client, **params) -> int:
    contexts = [CaptureQueriesContext(connections[alias]) for alias in connections]
    for context in contexts:
        context.__enter__()
    try:
        page = _page(client, **params)
    finally:
        for context in contexts:
            context.__exit__(None, None, None)
    assert page.object_list
    return sum(len(context) for context in contexts)


@pytest.mark.parametrize("rows", [10, 200])
def test_query_count_does_not_grow_with_the_events(officer_client, procesregisseur, rows):
    _views(procesregisseur, [uuid.uuid4() for _ in range(10)])
    _page(officer_client)  # warm up (session, caches)
    baseline = _queries(officer_client)
    _views(procesregisseur, [uuid.uuid4() for _ in range(rows)])
    first = _page(officer_client)
    assert _queries(officer_client) == baseline
    if first.older:
        assert _queries(officer_client, older=first.older) == baseline
