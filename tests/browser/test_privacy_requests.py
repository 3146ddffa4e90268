"""The privacy officer's inzage report and data-subject request pages in headless Chromium: every page
of the flow (report with shares and accesses, request list, register, detail, change, extend, decide,
a validation error) passes axe-core, with no console errors and no request leaving the machine."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.roles import PRIVACY_OFFICER, PROCESREGISSEUR
from casework.privacy import requests as svc
from casework.privacy.models import DataSubjectRequest
from tests.browser.conftest import axe_violations, enter
from tests.casework.api.conftest import share
from tests.factories.accounts import OrganisationFactory
from tests.factories.casework import TEST_BSNS, make_pga_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]

BSN = TEST_BSNS[6]


def check(page, path=""):
    assert page.locator("h1").count() == 1, path or page.url
    assert axe_violations(page) == [], path or page.url


def test_inzage_and_request_pages_are_accessible(live_server, watched_page, make_user):
    owner = make_user(role=PROCESREGISSEUR)
    case = make_pga_case(owner=owner, status="in_behandeling", bsn=BSN)
    share(case, by=owner, partner_org=OrganisationFactory(name="Test-GGZ Browser"), categories=("metadata",))
    officer = make_user(role=PRIVACY_OFFICER)
    decided = svc.request_register(actor=officer, kind=DataSubjectRequest.Kind.BEPERKING,
                                   received_on=timezone.localdate() - timedelta(days=2), person=case.person,
                                   postponement_ground=DataSubjectRequest.PostponementGround.CRIMINAL_OFFENCES)
    svc.request_decide(actor=officer, request=decided, outcome=DataSubjectRequest.Outcome.GRANTED,
                       motivation="Beperking toegekend tot de controle is afgerond (test).")
    page, base = watched_page, live_server.url
    enter(page, base, officer, "/privacy/inzage/")
    check(page)
    page.locator("input[name=bsn]").fill(BSN)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    assert BSN not in page.url and "Test-GGZ Browser" in page.content()
    check(page, "inzage report")

    page.goto(f"{base}/privacy/requests/new/")
    check(page)
    page.locator("input[name=received_on]").fill("")
    with page.expect_navigation():  # no date of receipt: errors shown
        page.locator("main form button[type=submit]").first.click()
    check(page, "register with errors")
    expected = "status of 400"  # the form with errors answers 400, which Chromium reports once
    assert any(expected in error for error in page.watch.console_errors), page.watch.console_errors
    page.watch.console_errors[:] = [error for error in page.watch.console_errors if expected not in error]
    page.locator("input[name=received_on]").fill(timezone.localdate().isoformat())
    page.locator("select[name=kind]").select_option(DataSubjectRequest.Kind.INZAGE)
    page.locator("input[name=bsn]").fill(BSN)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    row = DataSubjectRequest.objects.get(kind=DataSubjectRequest.Kind.INZAGE)
    assert f"/privacy/requests/{row.pk}/" in page.url
    check(page, "detail")
    for path in ("/privacy/requests/", "/privacy/requests/?status=decided", f"/privacy/requests/{row.pk}/edit/",
                 f"/privacy/requests/{row.pk}/extend/", f"/privacy/requests/{row.pk}/decide/",
                 f"/privacy/requests/{decided.pk}/", f"/privacy/requests/{decided.pk}/lift/",
                 "/privacy/requests/?kind=correctie"):
        page.goto(f"{base}{path}")
        check(page, path)
    assert page.watch.console_errors == []
    assert page.watch.foreign_requests == []
