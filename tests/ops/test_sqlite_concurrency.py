"""SQLite is safe for a small team: concurrent writers wait for each other instead of failing.

16 people save at once through gunicorn (2 processes, 8 threads each) on file-backed SQLite: half
add a version of the same case's plan (the same row; a save from a version someone else replaced is
a 409 and is submitted again from the conflict page), half register new referrals (new rows).
Before every alias opened its transactions with BEGIN IMMEDIATE, most of these answered 500
("database is locked") and left orphan data keys behind.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest
from django.urls import reverse

from tests.ops.support import Client, gunicorn, login, provision
from tests.sweeps import FULL

# all aliases: pytest-django then creates every test database, which tests/templatedb.py copies
pytestmark = pytest.mark.django_db(databases="__all__")

WRITERS = 16 if FULL else 8  # make test: eight writers on 2 workers x 8 threads still queue for the lock
ROUNDS = 3


def _plan(client: Client, path: str, goal: str):
    """Save a plan version as a user does: with the case version the page carried. When another writer
    saved first, the page answers 409 with the input kept and the current version: submit it again."""
    page = client.get(path)
    assert page.status == 200, page.status
    for _attempt in range(4 * WRITERS):
        response = client.post(path, {
            "csrfmiddlewaretoken": client.csrf_from(page), "action": "save", "g0-id": "", "g0-leefgebied": "housing",
            "g0-goal": goal, "version": re.search(r'name="version" value="(\d+)"', page.body).group(1),
        })
        if response.status != 409:
            return response
        assert goal in response.body  # the input is kept on the conflict page
        page = response
    return response


def _referral(client: Client, path: str, surname: str):
    page = client.get(path)
    assert page.status == 200, page.status
    return client.post(path, {
        "csrfmiddlewaretoken": client.csrf_from(page), "first_names": "Proef", "surname": surname,
        "date_of_birth": "1990-02-03", "aanleiding": "Synthetische aanmelding", "informed_status": "not_yet",
    })


def test_concurrent_writers_all_succeed_and_lose_nothing(sqlite_env, tmp_path: Path):
    sqlite_env["SQLITE_BUSY_TIMEOUT"] = "20"
    info = provision(sqlite_env, {"users": WRITERS, "case": True})
    case_id = info["case_id"]
    plan_path = reverse("casework:plan_update", kwargs={"case_id": case_id})
    referral_path = reverse("casework:referral_create")
    results: list[tuple[int, str, int, str]] = []  # (writer, kind, status, marker)
    errors: list[BaseException] = []
    with gunicorn(sqlite_env, workers=2, extra_args=("--threads", "8"), log_path=tmp_path / "gunicorn.log") as server:
        clients = [Client(server.url) for _ in range(WRITERS)]
        for client, user in zip(clients, info["users"], strict=True):
            login(client, user)
        barrier = threading.Barrier(WRITERS)

        def write(number: int) -> None:
            try:
                client = clients[number]
                barrier.wait(timeout=60)
                for round_ in range(ROUNDS):
                    marker = f"Schrijver{number}Ronde{round_}"
                    if number % 2 == 0:
                        response = _plan(client, plan_path, marker)
                        results.append((number, "plan", response.status, marker))
                    else:
                        response = _referral(client, referral_path, marker)
                        results.append((number, "referral", response.status, response.headers.get("Location", "")
                                        + "|" + marker))
            except BaseException as exc:  # noqa: BLE001 - reported below
                errors.append(exc)

        threads = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)
        assert not errors, errors
        statuses = sorted({status for _n, _kind, status, _m in results})
        assert statuses == [302], f"every write is accepted (no 500, no 503): {statuses}\n{server.log()[-3000:]}"
        assert len(results) == WRITERS * ROUNDS
        # Every accepted referral is readable afterwards, through the server.
        reader = clients[0]
        for _number, kind, _status, marker in results:
            if kind == "referral":
                location, surname = marker.split("|")
                page = Client(server.url)
                page.jar = clients[_number].jar
                page.opener = clients[_number].opener
                response = page.get(location)
                assert response.status == 200 and surname in response.body
        assert reader.get(plan_path).status == 200
    # Every accepted plan version is stored, numbered without gaps, and decrypts; no orphan keys.
    state = provision(sqlite_env, {"report": True, "case_id": case_id})
    planned = sorted(marker for _n, kind, _s, marker in results if kind == "plan")
    assert sorted(state["plan_goals"]) == planned
    assert state["plan_numbers"] == list(range(1, len(planned) + 1))
    assert state["cases"] == 1 + (WRITERS // 2) * ROUNDS
    assert state["orphans"] == 0
    # The request log is JSON, one line per request, with route names and no personal data.
    log = server.log()
    assert '"logger": "zorgveilig.request"' in log and '"route": "cases/pga/new/"' in log
    assert "Schrijver1Ronde0" not in log
