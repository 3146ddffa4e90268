"""The Damocles figures page and the letters page in headless Chromium: axe-core clean (WCAG 2.1
AA), no console errors (the server-drawn SVG chart needs no script or inline style under the
strict CSP) and no request that leaves the machine."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.storage import FileSystemStorage

from accounts.roles import HANDHAVER, TEAMLEIDER
from casework.damocles.letters import letter_generate
from casework.damocles.models import Letter
from tests.browser.conftest import axe_violations, enter
from tests.casework.damocles.letters_support import (
    add_objection,
    announce,
    decided_closure,
    make_premises,
    make_procedure,
)
from tests.factories.accounts import TeamFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]


def _check(page, what: str) -> None:
    assert axe_violations(page) == [], what
    assert page.watch.console_errors == [], what
    assert page.watch.foreign_requests == [], what


@pytest.fixture
def officer(make_user, organisation):
    return make_user(role=HANDHAVER, team=TeamFactory(organisation=organisation, name="Testteam Handhaving"))


@pytest.fixture
def letter_files(tmp_path, monkeypatch):
    monkeypatch.setattr(Letter._meta.get_field("pdf").storage, "inner", FileSystemStorage(location=tmp_path))


def test_figures_page_is_accessible_and_csp_clean(live_server, watched_page, officer, make_user):
    make_procedure(owner=officer, premises=make_premises(actor=officer, kind="lokaal"), with_person=False,
                   chosen_sanction="warning", decided_on=date(2024, 4, 1))
    detail = decided_closure(owner=officer, decided_on=date(2025, 3, 1))
    announcement = announce(detail, by=officer, announced_on=date(2025, 3, 3), name="Testeigenaar")
    add_objection(detail, announcement, by=officer, received_on=date(2025, 3, 20), state="decided", outcome="dismissed")

    page, base = watched_page, live_server.url
    for user in (officer, make_user(role=TEAMLEIDER)):
        enter(page, base, user, "/damocles/figures/")
        assert page.locator("h1").count() == 1
        assert page.locator("svg[role=img] rect.app-chart__bar--closure").count() == 2  # 2024 (zero), 2025
        assert page.locator("table").count() == 4
        bar = page.locator("svg[role=img] rect.app-chart__bar--warning").first.bounding_box()
        assert bar is not None and bar["height"] > 10  # CSS and geometry apply (no inline style needed)
        _check(page, "figures")
        with page.expect_download() as download:
            page.get_by_role("link", name="CSV").click()
        assert download.value.suggested_filename.endswith(".csv")


def test_letters_page_is_accessible(live_server, watched_page, officer, letter_files):
    detail = decided_closure(owner=officer)
    announcement = announce(detail, by=officer, announced_on=date(2026, 11, 16), name="Testeigenaar")
    letter_generate(actor=officer, case=detail.case, kind="besluit", announcement=announcement)
    page, base = watched_page, live_server.url
    enter(page, base, officer, f"/cases/{detail.case.pk}/letters/")
    assert page.locator("h1").count() == 1
    assert page.locator("main table tbody tr").count() == 1
    _check(page, "letters")
    options = page.locator("main form select[name=kind] option").evaluate_all("os => os.map(o => o.value)")
    assert options == ["besluit"]  # after the decision, only the decision letter has its basis
    page.locator("main form select[name=kind]").select_option("besluit")  # a draft: no addressee chosen
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.locator("main table tbody tr").count() == 2
    _check(page, "letters after generating")
