"""Review: resetting a user's second factor (a lost phone) ends every way in that the old
factor opened, API tokens included, just as it ends their sessions."""

from __future__ import annotations

import pytest
from knox.models import AuthToken

from accounts import services
from accounts.roles import PROCESREGISSEUR, TEAMLEIDER

pytestmark = pytest.mark.django_db(databases="__all__")


def test_second_factor_reset_revokes_the_users_api_tokens(make_user):
    lead = make_user(role=TEAMLEIDER)
    member = make_user(role=PROCESREGISSEUR)
    other = make_user(role=PROCESREGISSEUR)
    AuthToken.objects.create(user=member)
    AuthToken.objects.create(user=other)
    services.second_factor_reset(actor=lead, user=member, reason="Telefoon kwijt (test)")
    assert not AuthToken.objects.filter(user=member).exists()
    assert AuthToken.objects.filter(user=other).exists()


def test_deactivation_revokes_the_users_api_tokens(make_user):
    lead = make_user(role=TEAMLEIDER)
    member = make_user(role=PROCESREGISSEUR)
    AuthToken.objects.create(user=member)
    services.user_deactivate(actor=lead, user=member)
    assert not AuthToken.objects.filter(user=member).exists()
