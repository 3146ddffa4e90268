"""The privacy officer's dashboard lists emergency accesses for review, without case content."""

from __future__ import annotations

import pytest

from accounts.roles import HANDHAVER, PRIVACY_OFFICER, PROCESREGISSEUR
from casework.breakglass import break_glass_open
from tests.factories.casework import make_pga_case

pytestmark = pytest.mark.django_db(databases="__all__")


def test_break_glass_events_are_listed_without_case_content(client, login, make_user):
    owner = make_user(role=PROCESREGISSEUR)
    case = make_pga_case(owner=owner, surname="Testgeheim")
    officer = make_user(role=HANDHAVER)
    break_glass_open(user=officer, case=case, reason="Acute dreiging bij de woning (test)")
    login(client, make_user(role=PRIVACY_OFFICER))
    body = client.get("/").content.decode()
    assert officer.display_name in body
    assert "/privacy/audit/events/" in body
    assert "Testgeheim" not in body and case.reference not in body and "Acute dreiging" not in body


def test_without_break_glass_events_the_empty_state_shows(client, login, make_user):
    login(client, make_user(role=PRIVACY_OFFICER))
    body = client.get("/").content.decode()
    assert "/privacy/audit/events/" not in body
