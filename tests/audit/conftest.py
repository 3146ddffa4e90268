"""Fixtures for the audit tests: synthetic test persons and a logged-in privacy officer."""

from __future__ import annotations

import pytest
from django.db import OperationalError

from accounts.roles import PRIVACY_OFFICER, PROCESREGISSEUR
from tests.testapps.auditing.models import DemoPerson


@pytest.fixture
def person(db) -> DemoPerson:
    return DemoPerson.objects.create(display_name="Testpersoon Zeldzaamnaam", bsn="123456782")


@pytest.fixture
def people(db) -> list[DemoPerson]:
    return [DemoPerson.objects.create(display_name=f"Testpersoon Nummer{i}", bsn=f"99999{i:04d}") for i in range(5)]


@pytest.fixture
def procesregisseur(make_user):
    return make_user(role=PROCESREGISSEUR)


@pytest.fixture
def privacy_officer(make_user):
    return make_user(role=PRIVACY_OFFICER)


@pytest.fixture
def officer_client(client, login, privacy_officer):
    login(client, privacy_officer)
    return client


@pytest.fixture
def worker_client(client, login, procesregisseur):
    login(client, procesregisseur)
    return client


@pytest.fixture
def broken_audit_db(monkeypatch):
    """The audit database refuses writes (as when it is locked, full or unreachable)."""

    def refuse(using="audit"):
        raise OperationalError("database is locked")

    monkeypatch.setattr("audit.chain.lock_chain", refuse)

