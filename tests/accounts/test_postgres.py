"""The foundation on a real PostgreSQL server (make test starts one; see tests/pgserver.py)."""

from __future__ import annotations

import pytest
from django.db import connections

from tests.conftest import TEST_PASSWORD, totp_now

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(databases="__all__")]


def test_every_alias_is_a_separate_postgresql_database():
    names = set()
    for alias in ("default", "audit", "keys"):
        connection = connections[alias]
        assert connection.vendor == "postgresql", alias
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_database()")
            names.add(cursor.fetchone()[0])
    assert len(names) == 3


def test_user_primary_key_is_a_native_uuid_column():
    with connections["default"].cursor() as cursor:
        cursor.execute(
            "SELECT data_type FROM information_schema.columns WHERE table_name = 'accounts_user' AND column_name = 'id'"
        )
        assert cursor.fetchone()[0] == "uuid"


def test_login_with_totp_works_on_postgresql(client, make_user):
    user = make_user()
    response = client.post("/accounts/login/", {"username": user.username, "password": TEST_PASSWORD,
                                                "otp_token": totp_now(user)})
    assert response.status_code == 302
    assert client.get("/").status_code == 200
