"""Every page of the park enforcement UI through the browser: the handhaver's dashboard with the
limitation warnings, the park overview and deadlines, an object's dossier and its forms, opening a
file (with an error state first), the case page with the park part, every action form of a file,
and the team lead's approval page. Each page must pass axe-core (WCAG 2.1 AA), log no console
errors and make no request that leaves the machine. Data is made through the services.
"""

from __future__ import annotations

import importlib
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.roles import HANDHAVER, TEAMLEIDER
from casework.models import Case
from casework.park import services
from casework.park import workflow as wf
from casework.remedies.models import Announcement
from tests.browser.test_damocles_lifecycle import _check, _log_in, _submit
from tests.casework.park.web.support import file_with_forfeiture
from tests.factories.accounts import TeamFactory
from tests.factories.park import draft_order, make_object, make_park, make_park_case, make_person, to_intention

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]

CASE_PATH = re.compile(r"/cases/([0-9a-f-]{36})/$")


@pytest.fixture(autouse=True)
def seeded_tolerance_policy(db):
    """The national reference date comes from a data migration, which a transactional test's flush
    removes for the tests after the first: seed it again (idempotent)."""
    from django.apps import apps

    importlib.import_module("casework.park.migrations.0002_seed_tolerance_policy").seed(apps, None)


def _check_error_state(page, visited):
    """A form answered with 400: Chromium logs the status as a console error, nothing else may appear."""
    expected = "the server responded with a status of 400"
    assert any(expected in error for error in page.watch.console_errors), page.watch.console_errors
    page.watch.console_errors[:] = [error for error in page.watch.console_errors if expected not in error]
    assert page.locator(".app-error").count() > 0
    _check(page, visited)


def test_every_park_page_is_accessible(live_server, watched_page, make_user, organisation):
    team = TeamFactory(organisation=organisation, name="Team Handhaving Park Browser")
    handhaver = make_user(role=HANDHAVER, team=team)
    lead = make_user(role=TEAMLEIDER, team=team)
    page, base, visited = watched_page, live_server.url, []
    today = timezone.localdate()
    park = make_park(organisation, name="Rhederlaagse Meren (browsertest)")
    case, order, forfeiture = file_with_forfeiture(handhaver, lead, park=park, number="B-017", limitation_in_days=20)
    addressee = order.addressees.get()
    announcement = Announcement.objects.get(decision_id=order.pk, addressee_person=addressee)  # by the factory
    objection = services.objection_register(actor=handhaver, announcement=announcement,
                                            received_on=announcement.announced_on + timedelta(days=5))
    appeal = services.appeal_register(actor=handhaver, order=order, level="beroep",
                                      lodged_on=announcement.announced_on + timedelta(days=50))
    request = services.collection_request_record(actor=handhaver, order=order, requester_name="Testverhuur B.V.",
                                                 requested_on=today - timedelta(days=1))
    intention = services.collection_intention_record(actor=handhaver, order=order, forfeitures=[forfeiture],
                                                     sent_on=today - timedelta(days=1))
    event = services.limitation_event_record(actor=handhaver, order=order, kind="request_remedy",
                                             started_on=today - timedelta(days=1))
    occupant_person = make_person(handhaver, surname="Testbewoner-Browser")
    occupant = services.occupant_register(actor=handhaver, object=order.object, person=occupant_person,
                                          brp_status="registered", brp_checked_on=today - timedelta(days=2),
                                          since=today.replace(year=2001))
    tolerance = services.tolerance_grant(actor=handhaver, object=order.object, person=occupant_person,
                                         resident_since=today.replace(year=2001), granted_on=today)
    at_intention = make_park_case(owner=handhaver, obj=make_object(actor=handhaver, park=park, number="C-002"),
                               person=make_person(handhaver))
    to_intention(at_intention, by=handhaver)
    pending = make_park_case(owner=handhaver, obj=make_object(actor=handhaver, park=park, number="D-003"),
                             person=make_person(handhaver))
    to_intention(pending, by=handhaver)
    draft = draft_order(pending, by=handhaver, amount="400.00", maximum="4000.00")
    free = make_object(actor=handhaver, park=park, number="E-004")

    _log_in(page, base, handhaver)
    _check(page, visited)  # the dashboard, with the limitation warning
    assert case.reference in page.content()
    for path in ("/park/", "/park/?forfeitures=on&limitation=92", "/park/deadlines/",
                 f"/park/objects/{order.object_id}/", f"/park/objects/{order.object_id}/occupants/new/",
                 f"/park/objects/{order.object_id}/occupants/{occupant.pk}/leave/",
                 f"/park/objects/{order.object_id}/tolerance/new/",
                 f"/park/objects/{order.object_id}/tolerance/{tolerance.pk}/end/", "/park/objects/new/",
                 f"/cases/{case.pk}/", f"/cases/{at_intention.pk}/"):
        page.goto(f"{base}{path}")
        _check(page, visited)
    file_page = f"{base}/cases/{case.pk}/park/"
    for path in ("inspections/new/", "announcements/new/", "objections/new/", f"objections/{objection.pk}/",
                 "appeals/new/", f"appeals/{appeal.pk}/", "forfeitures/new/", f"forfeitures/{forfeiture.pk}/expire/",
                 "limitation-events/new/", "collection/intentions/new/", "collection/requests/new/",
                 "collection/decisions/new/", "payments/new/", f"transition/{wf.INVORDERING}/",
                 f"forfeitures/{forfeiture.pk}/waive/", f"collection/intentions/{intention.pk}/view/",
                 f"collection/requests/{request.pk}/decide/", f"limitation-events/{event.pk}/end/"):
        page.goto(f"{file_page}{path}")
        _check(page, visited)
    page.goto(f"{base}/cases/{at_intention.pk}/park/orders/new/")
    _check(page, visited)
    _submit(page)  # empty: the error state must be accessible too
    _check_error_state(page, visited)

    page.goto(f"{base}/park/files/new/")
    _check(page, visited)
    _submit(page)  # no object chosen
    _check_error_state(page, visited)
    page.locator("#id_object").select_option(str(free.pk))
    page.fill("#id_reason", "Melding permanente bewoning (browsertest)")
    _submit(page)
    assert CASE_PATH.search(page.url), page.url
    _check(page, visited)
    opened = Case.objects.get(pk=CASE_PATH.search(page.url).group(1))
    assert opened.park.object_id == free.pk

    _log_in(page, base, lead)
    _check(page, visited)
    page.goto(f"{base}/cases/{pending.pk}/park/approval/{draft.approval_id}/")
    _check(page, visited)
    page.goto(f"{base}/park/")
    _check(page, visited)
    assert len(visited) >= 38
