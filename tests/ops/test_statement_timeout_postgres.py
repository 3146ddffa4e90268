"""A statement PostgreSQL cancels at the statement timeout answers 503, on either database a page reads, and the
worker's connection serves the next request (run under `python -m tests.pgserver`).

The configured value reaching the driver is tested in tests/ops/test_unavailable.py. Here the timeout is set on the
connection (50 ms) and one of the page's own statements is replaced by a sleep 100 times as long, so the statement is
cancelled every time (no wall-clock luck). Transactional: no test transaction wraps the request, as in production,
where a cancelled statement must not leave the connection in an aborted transaction.
"""

from __future__ import annotations

import logging

import pytest
from django.db import connections
from django.urls import reverse

from accounts.roles import PRIVACY_OFFICER, PROCESREGISSEUR
from audit.models import AUDIT_ALIAS
from tests.factories.casework import make_pga_case

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, databases="__all__")]

TIMEOUT_MS = 50
SLEEP_SECONDS = 5  # 100 times the timeout


@pytest.mark.parametrize(("alias", "role", "page", "marker"), [
    # the privacy officer's review list groups the audit events of the period on the audit database
    (AUDIT_ALIAS, PRIVACY_OFFICER, "casework:privacy_reviews", "GROUP BY"),
    # a caseworker's case list reads its page's ids on the main database
    ("default", PROCESREGISSEUR, "casework:case_list", '"casework_case"'),
    # the API's case list: the 503 as problem details (casework/api/middleware.py)
    ("default", PROCESREGISSEUR, "api:cases", '"casework_case"'),
])
def test_a_statement_cancelled_at_the_timeout_answers_503_and_the_connection_serves_on(
        client, make_user, login, caplog, alias, role, page, marker):
    user = make_user(role=role)
    if role == PROCESREGISSEUR:
        make_pga_case(owner=user)
    login(client, user)
    connection = connections[alias]
    stalled: list[str] = []

    def stall(execute, sql, params, many, context):
        if marker in sql and not stalled:
            stalled.append(sql)
            return execute(f"SELECT pg_sleep({SLEEP_SECONDS})", None, many, context)
        return execute(sql, params, many, context)

    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute(f"SET statement_timeout = {TIMEOUT_MS}")
    try:
        with caplog.at_level(logging.ERROR), connection.execute_wrapper(stall):
            response = client.get(reverse(page))
        assert stalled, f"the page ran no statement holding {marker!r}"
        assert response.status_code == 503
        assert response["Retry-After"] == "60"
        if page.startswith("api:"):
            assert response["Content-Type"] == "application/problem+json"
            assert response.json()["status"] == 503
        assert "answered 503" in caplog.text
        assert "canceling statement due to statement timeout" in caplog.text
        # the same worker's next request on the same connection: no aborted transaction left behind
        assert client.get(reverse(page)).status_code == 200
    finally:
        if connection.connection is not None:
            with connection.cursor() as cursor:
                cursor.execute("RESET statement_timeout")
