"""ADR 0047: the case and key databases bind parameters on the server and prepare a statement once it has run
`PREPARE_AFTER` times on a connection; the audit database binds on the client (its appends send statements
together, ADR 0043). `PREPARED_STATEMENTS=0` turns it all off."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connections
from django.urls import reverse

from accounts.roles import PROCESREGISSEUR
from casework.models import Case
from tests.factories.casework import make_pga_case


def _prepared(alias: str, like: str) -> int:
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s", [like])
        return cursor.fetchone()[0]


@pytest.mark.postgres
@pytest.mark.django_db(databases="__all__")
def test_a_query_of_the_case_database_is_prepared_once_it_repeats(make_user):
    case = make_pga_case(owner=make_user(role=PROCESREGISSEUR))
    default, keys, audit = connections["default"], connections["keys"], connections["audit"]
    assert default.features.uses_server_side_binding and keys.features.uses_server_side_binding
    assert not audit.features.uses_server_side_binding
    default.ensure_connection()
    assert default.connection.prepared_max == settings.PREPARED_MAX
    like = '%"casework_case"."closed_on"%FROM "casework_case" WHERE "casework_case"."reference" = $1%'

    def read() -> None:
        assert Case.objects.filter(reference=case.reference).values_list("closed_on", flat=True).get() is None

    for _ in range(settings.PREPARE_AFTER):
        read()
    assert _prepared("default", like) == 0  # run PREPARE_AFTER times: not yet
    read()
    assert _prepared("default", like) == 1
    read()
    assert _prepared("default", like) == 1  # executed by name, not prepared again


@pytest.mark.postgres
@pytest.mark.django_db(databases="__all__")
def test_the_case_list_answers_the_same_when_its_queries_are_prepared(client, make_user, login):
    """The list's page query (visibility and count) and its rows' query, planned once: every request shows the
    same rows and total, and both statements are prepared by the last."""
    owner = make_user(role=PROCESREGISSEUR)
    cases = [make_pga_case(owner=owner) for _ in range(3)]
    make_pga_case(owner=make_user(role=PROCESREGISSEUR))  # not visible to owner
    login(client, owner)
    pages = []
    for _ in range(settings.PREPARE_AFTER + 2):
        response = client.get(reverse("casework:case_list"))
        assert response.status_code == 200
        pages.append(response.content.decode())
    for page in pages:
        assert all(case.reference in page for case in cases)
    assert len({page.count("<tr") for page in pages}) == 1
    assert _prepared("default", 'WITH "visible"%COUNT(*) OVER ()%') == 1  # path by path (ADR 0048)
    assert _prepared("default", '%FROM "casework_case" LEFT OUTER JOIN "casework_person"%') >= 1


@pytest.mark.postgres
def test_prepared_statements_off_binds_every_alias_on_the_client():
    """A pooler in transaction mode (PREPARED_STATEMENTS=0): no alias binds on the server or prepares."""
    script = ("import django, json; django.setup(); from django.conf import settings; "
              "print(json.dumps({a: d.get('OPTIONS', {}) for a, d in settings.DATABASES.items()}))")
    options = {}
    for flag in ("1", "0"):
        env = {**os.environ, "PREPARED_STATEMENTS": flag, "DJANGO_SETTINGS_MODULE": "config.settings"}
        done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
        options[flag] = json.loads(done.stdout.strip().splitlines()[-1])
    assert options["1"]["default"]["server_side_binding"] is True
    assert options["1"]["keys"]["server_side_binding"] is True
    assert options["1"]["default"]["prepare_threshold"] == settings.PREPARE_AFTER
    assert "server_side_binding" not in options["1"]["audit"]
    for alias in ("default", "keys", "audit"):
        assert "server_side_binding" not in options["0"][alias]
        assert "prepare_threshold" not in options["0"][alias]
