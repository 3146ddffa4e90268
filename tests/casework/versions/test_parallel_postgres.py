"""Concurrent edits on PostgreSQL (casework/versions.py): N users submit an update of one row, all from
the same version. Exactly one wins; every other one is answered 409 and writes nothing — no lost update,
no 500, the case version rises by exactly one. Through the web form and through the API alike."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse

from casework.pga.models import Agreement, Conference, PlanVersion
from casework.pga.services import agreement_record, conference_plan
from tests.auditlog import events
from tests.casework.api.conftest import api_client
from tests.casework.versions_support import version
from tests.conftest import login_client
from tests.factories.casework import make_pga_case

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, databases="__all__")]
PARALLEL = 6


def together(calls: list[Callable[[], int]]) -> list[int]:
    """Run the calls at the same moment, each in its own thread (and database connection)."""
    start = threading.Barrier(len(calls))

    def run(call: Callable[[], int]) -> int:
        try:
            start.wait()
            return call()
        finally:
            for connection in connections.all():
                connection.close()

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


def _web_client(user) -> Client:
    client = Client()
    login_client(client, user)
    return client


def test_parallel_web_edits_of_an_agreement_one_wins_the_rest_conflict(regisseur, partner_org):
    assert connections["default"].vendor == "postgresql"
    case = make_pga_case(owner=regisseur, status="in_behandeling")
    agreement = agreement_record(actor=regisseur, case=case, description="Afspraak (parallel)",
                                 owner_organisation=partner_org, due_on=date(2026, 3, 20))
    read = version(case)
    url = reverse("casework:agreement_update", kwargs={"case_id": case.pk, "agreement_id": agreement.pk})
    due = [date(2026, 4, 1) + timedelta(days=n) for n in range(PARALLEL)]
    clients = [_web_client(regisseur) for _ in range(PARALLEL)]
    statuses = together([
        (lambda c=c, d=d: c.post(url, {"status": "late", "due_on": d.isoformat(), "version": read}).status_code)
        for c, d in zip(clients, due, strict=True)])
    assert sorted(statuses) == [302] + [409] * (PARALLEL - 1), statuses
    winner = due[statuses.index(302)]
    assert Agreement.objects.get(pk=agreement.pk).due_on == winner  # the winner's input, not the last one's
    assert version(case) == read + 1
    assert events(action="update", object_type="pga.Agreement", object_id=str(agreement.pk)).count() == 1


def test_parallel_api_edits_of_conference_minutes_one_wins_the_rest_conflict(regisseur):
    case = make_pga_case(owner=regisseur, status="in_behandeling")
    conference = conference_plan(actor=regisseur, case=case, held_on=date(2026, 3, 2), invited=[],
                                 minutes="Notulen (parallel)")
    read = version(case)
    url = f"/api/v1/pga/cases/{case.pk}/conferences/{conference.pk}"
    clients = [api_client(regisseur) for _ in range(PARALLEL)]
    statuses = together([
        (lambda c=c, n=n: c.patch(url, {"minutes": f"Notulen van gebruiker {n}", "attending": [], "version": read},
                                  format="json").status_code)
        for n, c in enumerate(clients)])
    assert sorted(statuses) == [200] + [409] * (PARALLEL - 1), statuses
    assert Conference.objects.get(pk=conference.pk).minutes == f"Notulen van gebruiker {statuses.index(200)}"
    assert version(case) == read + 1


def test_parallel_plan_versions_from_one_version_give_one_new_version_and_no_500(regisseur):
    case = make_pga_case(owner=regisseur, status="in_behandeling")
    read = version(case)
    url = f"/api/v1/pga/cases/{case.pk}/plan"
    clients = [api_client(regisseur) for _ in range(PARALLEL)]
    statuses = together([
        (lambda c=c, n=n: c.post(url, {"goals": [{"leefgebied": "housing", "goal": f"Doel {n} (parallel)"}],
                                       "version": read}, format="json").status_code)
        for n, c in enumerate(clients)])
    assert sorted(statuses) == [201] + [409] * (PARALLEL - 1), statuses
    assert list(PlanVersion.objects.filter(case=case).values_list("number", flat=True)) == [1]
    # without the version check (a service caller), the case-row lock still gives distinct numbers
    from casework.pga.services import plan_update

    together([(lambda n=n: plan_update(actor=regisseur, case=case, goals=[
        {"leefgebied": "housing", "goal": f"Dienst {n}"}]).number) for n in range(PARALLEL)])
    assert sorted(PlanVersion.objects.filter(case=case).values_list("number", flat=True)) == list(
        range(1, PARALLEL + 2))
