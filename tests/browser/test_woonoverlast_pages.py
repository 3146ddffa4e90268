"""The woonoverlast pages through the browser: the overview, the case page with reports, zwartboek,
interventions and an imposed gedragsaanwijzing, the action forms (the care offer, the closure
extension (draft and decision) and cost recovery, and the collection pages too; one in its error state) and the
core's step page with the woonoverlast step fields. Each page must pass axe-core (WCAG 2.1 AA), log
no console errors and make no request that leaves the machine."""

from __future__ import annotations

import pytest

from accounts.roles import HANDHAVER, TEAMLEIDER
from casework.woonoverlast import workflow as wf
from tests.browser.test_damocles_lifecycle import _check, _log_in, _submit
from tests.browser.test_park_pages import _check_error_state
from tests.factories.accounts import TeamFactory
from tests.factories.woonoverlast import make_apv, make_file, walk_to_order

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]


def test_every_woonoverlast_page_is_accessible(live_server, watched_page, make_user, organisation):
    team = TeamFactory(organisation=organisation, name="Team Woonoverlast Browser")
    handhaver = make_user(role=HANDHAVER, team=team)
    lead = make_user(role=TEAMLEIDER, team=team)
    make_apv(organisation)
    case = make_file(owner=handhaver, reports=2)
    walk_to_order(case, by=handhaver, lead=lead)
    page, base, visited = watched_page, live_server.url, []
    _log_in(page, base, handhaver)
    _check(page, visited)
    for path in ("/woonoverlast/", "/woonoverlast/files/new/", f"/cases/{case.pk}/",
                 f"/cases/{case.pk}/transition/{wf.HANDHAVING}/"):
        page.goto(f"{base}{path}")
        _check(page, visited)
    for kind in ("reports", "zwartboek", "interventions", "views", "orders", "closures", "announcements",
                 "checks", "forfeitures", "enforcement", "care-offers"):
        page.goto(f"{base}/cases/{case.pk}/woonoverlast/{kind}/new/")
        _check(page, visited)
    for path in ("closures/extensions/new/", "closures/extend/", "closures/costs/", "collection/intentions/new/",
                 "collection/requests/new/", "collection/decisions/new/", "payments/new/"):
        page.goto(f"{base}/cases/{case.pk}/woonoverlast/{path}")
        _check(page, visited)
    page.goto(f"{base}/cases/{case.pk}/woonoverlast/reports/new/")
    _submit(page)  # empty: the error state must be accessible too
    _check_error_state(page, visited)
    assert len(visited) >= 24
