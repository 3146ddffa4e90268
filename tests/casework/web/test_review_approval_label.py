"""The team lead's dashboard names what awaits approval in words, not as an internal code."""

from __future__ import annotations

import pytest

from accounts.roles import TEAMLEIDER
from casework.models import Approval

pytestmark = pytest.mark.django_db(databases="__all__")


def test_pending_approval_shows_its_label(client, login, make_user):
    from casework.approvals import approval_request
    from tests.factories.casework import make_pga_case

    lead = make_user(role=TEAMLEIDER)
    owner = make_user(role="procesregisseur")
    case = make_pga_case(owner=owner)
    approval_request(case=case, subject="damocles.besluit", requested_by=owner)
    login(client, lead)
    body = client.get("/").content.decode()
    assert Approval.objects.filter(decision="pending").count() == 1
    assert "damocles.besluit" not in body
