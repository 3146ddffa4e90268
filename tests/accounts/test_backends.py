"""The user of a session is read with its organisation and its role in one query (accounts/backends.py),
and the role read there is `User.role`'s: the first role group in the order of ROLES, None without one."""

from __future__ import annotations

import uuid

import pytest
from django.contrib.auth.models import Group
from django.db import connections
from django.test.utils import CaptureQueriesContext

from accounts.backends import PasswordAndTOTPBackend
from accounts.models import User
from accounts.roles import HANDHAVER, PRIVACY_OFFICER, PROCESREGISSEUR, ROLES, TEAMLEIDER

pytestmark = pytest.mark.django_db(databases="__all__")


@pytest.mark.parametrize("groups", [
    [], ["archief"], [PROCESREGISSEUR], [TEAMLEIDER, "archief"],
    [PRIVACY_OFFICER, HANDHAVER], [HANDHAVER, PRIVACY_OFFICER], list(reversed(ROLES)),
])
def test_the_role_comes_with_the_user_and_is_the_role_of_the_groups(make_user, groups):
    _role_comes_with_the_user(make_user, groups)


@pytest.mark.postgres
def test_the_role_comes_with_the_user_on_postgres(make_user):
    assert connections["default"].vendor == "postgresql"
    for groups in ([], ["archief"], [HANDHAVER, PRIVACY_OFFICER], list(reversed(ROLES))):
        _role_comes_with_the_user(make_user, groups)


def _role_comes_with_the_user(make_user, groups: list[str]) -> None:
    user = make_user(role=PROCESREGISSEUR)
    user.groups.set([Group.objects.get_or_create(name=name)[0] for name in groups])
    expected = User.objects.get(pk=user.pk).role  # the property's own rule, from the groups
    assert expected == next((role for role in ROLES if role in groups), None)

    with CaptureQueriesContext(connections["default"]) as queries:
        signed_in = PasswordAndTOTPBackend().get_user(user.pk)  # the single sign-on backend's too
        assert signed_in.role == expected
        assert signed_in.organisation.name
    assert len(queries) == 1


def test_an_unknown_user_is_none(make_user):
    make_user()
    assert PasswordAndTOTPBackend().get_user(uuid.uuid4()) is None
