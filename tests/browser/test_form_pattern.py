"""The form pattern in a real browser (docs/adr/0021-form-pattern.md): the Damocles assessment starts from
the policy's proposal; sent with a changed duration and without the proportionality test, it comes back
with the error summary focused, 0 axe-core violations, and each summary link moving focus to its field."""

from __future__ import annotations

import importlib

import pytest
from playwright.sync_api import expect

from accounts.roles import HANDHAVER
from casework.damocles import workflow as wf
from casework.damocles.models import DamoclesCase
from tests.browser.test_damocles_lifecycle import _check, _log_in, _submit
from tests.factories.accounts import TeamFactory
from tests.factories.damocles import make_damocles_case, step

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]


@pytest.fixture(autouse=True)
def seeded_policy(db):
    """The example policy table comes from a data migration a transactional test's flush removes."""
    from django.apps import apps

    importlib.import_module("casework.damocles.migrations.0002_seed_policy").seed(apps, None)


def test_the_assessment_error_state(live_server, watched_page, make_user, organisation):
    handhaver = make_user(role=HANDHAVER, team=TeamFactory(organisation=organisation, name="Team Formulieren"))
    case = step(make_damocles_case(owner=handhaver, team=handhaver.team), wf.BEOORDELING, by=handhaver)
    page, visited = watched_page, []
    _log_in(page, live_server.url, handhaver, f"/cases/{case.pk}/damocles/assessment/")
    _check(page, visited)
    expect(page.locator("#id_chosen_sanction_1")).to_be_checked()  # closure, as proposed
    expect(page.locator("#id_chosen_days")).to_have_value("91")
    expect(page.locator("[aria-invalid=true]")).to_have_count(0)  # nothing is wrong before sending
    expect(page.locator(".app-error-summary")).to_have_count(0)

    page.locator("#id_chosen_days").fill("90")
    _submit(page)
    expected = "the server responded with a status of 400"
    assert any(expected in error for error in page.watch.console_errors), page.watch.console_errors
    page.watch.console_errors[:] = [error for error in page.watch.console_errors if expected not in error]
    summary = page.locator(".app-error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading")).to_have_text("Er is een probleem")
    _check(page, visited)  # axe-core: 0 violations in the error state
    links = summary.get_by_role("link")
    expect(links).to_have_count(3)  # the three steps of the proportionality test
    for index, field in enumerate(("geschikt", "noodzakelijk", "evenwichtig")):
        links.nth(index).click()
        expect(page.locator(f"#id_{field}")).to_be_focused()
        expect(page.locator(f"#id_{field}")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_chosen_days")).to_have_value("90")  # what was typed stays
    assert DamoclesCase.objects.get(case=case).chosen_sanction == ""
