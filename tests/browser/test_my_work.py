"""Mijn werk in headless Chromium: the empty state and a filled page (an overdue agreement, a referral
awaiting triage), both with 0 axe-core violations, no console error and no request off the machine."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Organisation
from accounts.roles import PROCESREGISSEUR
from casework.pga import workflow as pga
from casework.pga.models import Agreement
from casework.pga.services import agreement_record
from tests.browser.conftest import axe_violations, enter
from tests.factories.accounts import OrganisationFactory, TeamFactory
from tests.factories.casework import make_pga_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]


def _check(page, what: str) -> None:
    assert axe_violations(page) == [], what
    assert page.watch.console_errors == [], what
    assert page.watch.foreign_requests == [], what


def test_my_work_empty_and_filled(live_server, watched_page, make_user, organisation, settings):
    # The work below is made behind the user's back (not through their own writes, which forget the kept
    # count); with the count kept in the session it would show only after MY_WORK_COUNT_SECONDS.
    settings.MY_WORK_COUNT_SECONDS = 0
    page, base = watched_page, live_server.url
    regisseur = make_user(role=PROCESREGISSEUR, team=TeamFactory(organisation=organisation))
    enter(page, base, regisseur, "/mijn-werk/")
    assert "Niets te doen" in page.locator("main").inner_text()
    _check(page, "my work, empty")

    partner = OrganisationFactory(name="Testreclassering Werkvoorraad", kind=Organisation.Kind.RECLASSERING)
    case = make_pga_case(owner=regisseur, status=pga.IN_BEHANDELING)
    agreement = agreement_record(actor=regisseur, case=case, description="Testafspraak (browsertest)",
                                 owner_organisation=partner, due_on=timezone.localdate() + timedelta(days=1))
    Agreement.objects.filter(pk=agreement.pk).update(due_on=timezone.localdate() - timedelta(days=2))
    referral = make_pga_case(owner=regisseur)
    page.goto(f"{base}/mijn-werk/")
    main = page.locator("main").inner_text()
    assert case.reference in main and referral.reference in main
    assert "Mijn werk (1" in page.locator("nav").first.inner_text()
    _check(page, "my work, filled")
    page.select_option("#id_window", "overdue")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    main = page.locator("main").inner_text()
    assert case.reference in main and referral.reference not in main
    _check(page, "my work, filtered")
