"""The cast of the signals tests: an enforcement officer (`officer`) and a team lead (`lead`) of the
municipality, a police organisation (`other_organisation`) and a partner user of it."""

from __future__ import annotations

import pytest

from accounts.roles import KETENPARTNER
from tests.casework.support import lead_without_team, officer  # noqa: F401  (fixtures `lead`, `officer`)


@pytest.fixture
def partner(make_user, other_organisation):
    return make_user(role=KETENPARTNER, organisation=other_organisation)
