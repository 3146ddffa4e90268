"""Review: the subject search's 400 page (a BSN that fails the 11-test, often a one-digit typo of
a real one) does not echo the typed number back into the page either."""

from __future__ import annotations

import pytest

from accounts.roles import PRIVACY_OFFICER
from tests.factories.casework import TEST_BSNS

pytestmark = pytest.mark.django_db(databases="__all__")


def test_a_rejected_bsn_is_not_echoed(client, make_user, login):
    login(client, make_user(role=PRIVACY_OFFICER))
    typo = TEST_BSNS[1][:-1] + str((int(TEST_BSNS[1][-1]) + 1) % 10)
    response = client.post("/privacy/subjects/", {"bsn": typo})
    assert response.status_code == 400
    assert typo not in response.content.decode()
