"""Idempotent creation under concurrency on PostgreSQL: N simultaneous POSTs of one referral with one
Idempotency-Key create exactly one case; the others are answered with it or told it is in progress."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections

from casework.models import Case, SubmissionKey
from tests.casework.api.conftest import api_client
from tests.casework.api.test_idempotency import KEY, referral

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, databases="__all__")]
PARALLEL = 6


def test_parallel_posts_with_one_key_create_one_case(regisseur, partner_org):
    assert connections["default"].vendor == "postgresql"
    clients = [api_client(regisseur) for _ in range(PARALLEL)]
    start = threading.Barrier(PARALLEL)

    def post(client) -> int:
        try:
            start.wait()
            return client.post("/api/v1/pga/cases", referral(partner_org), format="json", **KEY).status_code
        finally:
            for connection in connections.all():
                connection.close()

    with ThreadPoolExecutor(PARALLEL) as pool:
        statuses = list(pool.map(post, clients))
    assert statuses.count(201) == 1, statuses
    assert set(statuses) <= {200, 201, 409}, statuses  # replayed, or told the first one still runs
    assert Case.objects.count() == 1
    assert SubmissionKey.objects.get().completed
