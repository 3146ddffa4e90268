"""Retention and destruction in headless Chromium: the overview (due and held cases, periods,
batches), the new-period form and its error state, a proposed batch as its requester sees it,
the same batch with the decision buttons for a second privacy officer, and the executed batch
with its statement — every page passes axe-core."""

from __future__ import annotations

import importlib
import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from accounts.roles import PRIVACY_OFFICER, PROCESREGISSEUR
from casework.privacy.models import DestructionBatch, LegalHold, RetentionPolicy
from tests.browser.conftest import axe_violations, enter
from tests.casework.privacy.test_destruction import closed_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]


def _reseed_periods() -> None:
    """A transactional flush empties the table the data migration seeded."""
    if not RetentionPolicy.objects.exists():
        importlib.import_module("casework.privacy.migrations.0004_seed_retention_policies").seed(apps, None)


def test_retention_pages_are_accessible(live_server, watched_page, make_user):
    _reseed_periods()
    owner = make_user(role=PROCESREGISSEUR)
    due = closed_case(owner)
    held = closed_case(owner)
    LegalHold.objects.create(case=held, data_key_id=held.data_key_id, ground="litigation", placed_by=owner,
                             placed_at=timezone.now())
    officer, second = make_user(role=PRIVACY_OFFICER), make_user(role=PRIVACY_OFFICER)
    page = watched_page

    def visit(path: str) -> None:
        page.goto(f"{live_server.url}{path}")
        assert page.locator("h1").count() == 1, path
        assert axe_violations(page) == [], path

    enter(page, live_server.url, officer, None)
    visit("/privacy/retention/")
    assert due.reference in page.content() and held.reference in page.content()

    visit("/privacy/retention/periods/new/")
    page.locator("main input[name=years]").fill("3")
    page.locator("main textarea[name=explanation]").fill("Keuze van de gemeente (test).")
    page.locator("main input[name=effective_from]").fill("2001-01-01")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.locator(".app-error, [role=alert]").count() >= 1
    assert axe_violations(page) == []
    errors, expected = page.watch.console_errors, "status of 400"
    assert any(expected in error for error in errors), errors
    errors[:] = [error for error in errors if expected not in error]

    visit("/privacy/retention/")
    page.locator("main input[name=reference]").fill(held.reference)
    page.locator("main select[name=ground]").select_option("archive")
    with page.expect_navigation():
        page.locator("main form[action$='/retention/holds/'] button[type=submit]").click()
    assert LegalHold.objects.filter(case=held, ground="archive").exists()
    assert axe_violations(page) == []
    with page.expect_navigation():  # propose the due cases
        page.locator("main form[action$='/batches/propose/'] button[type=submit]").click()
    batch = DestructionBatch.objects.get()
    assert batch.case_ids == [str(due.pk)]
    assert page.locator("main button[value=approve]").count() == 0  # never the requester
    assert axe_violations(page) == []

    enter(page, live_server.url, second, None)
    draft = page.request.get(f"{live_server.url}/privacy/retention/batches/{batch.pk}/draft.csv")
    assert draft.ok and due.reference in draft.text()  # the records manager's draft list comes first
    visit(f"/privacy/retention/batches/{batch.pk}/")
    with page.expect_navigation():
        page.locator("main button[value=approve]").click()
    assert axe_violations(page) == []
    batch.refresh_from_db()
    assert batch.state == DestructionBatch.State.APPROVED

    call_command("apply_retention", "--execute", "--approval", str(batch.pk), stdout=io.StringIO())
    visit(f"/privacy/retention/batches/{batch.pk}/")
    assert page.locator(f"main a[href$='/batches/{batch.pk}/statement.pdf']").count() == 1
    visit("/privacy/retention/")
    assert page.watch.console_errors == []
    assert page.watch.foreign_requests == []
