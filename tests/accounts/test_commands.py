"""Management commands: create_user, totp, seed_demo (accounts/management, casework/management)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.models import User
from tests.conftest import totp_now

pytestmark = pytest.mark.django_db(databases="__all__")


def test_create_user_prints_the_provisioning_uri_once(organisation):
    out = io.StringIO()
    stdin = io.StringIO("a-long-test-password-123\n")
    command_stdin = pytest.MonkeyPatch()
    command_stdin.setattr("sys.stdin", stdin)
    try:
        call_command("create_user", "cli.gebruiker", role="handhaver", organisation=organisation.name,
                     team="Handhaving", password_stdin=True, stdout=out)
    finally:
        command_stdin.undo()
    assert "otpauth://totp/" in out.getvalue()
    user = User.objects.get(username="cli.gebruiker")
    assert user.role == "handhaver" and user.team.name == "Handhaving"
    assert user.check_password("a-long-test-password-123")


def test_create_user_refuses_an_unknown_organisation():
    with pytest.raises(CommandError, match="No organisation"):
        call_command("create_user", "x", role="handhaver", organisation="Bestaat Niet", password_stdin=True)


def test_totp_prints_the_code_the_login_accepts(make_user):
    user = make_user()
    out = io.StringIO()
    call_command("totp", user.username, stdout=out)
    assert out.getvalue().strip() == totp_now(user)


def test_totp_refuses_production_settings(make_user, settings):
    user = make_user()
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        call_command("totp", user.username)


def test_seed_demo_refuses_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError):
        call_command("seed_demo")
