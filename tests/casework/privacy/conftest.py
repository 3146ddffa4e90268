"""The cast of the privacy tests: `officer` is a privacy officer (FG), not an enforcement officer."""

from __future__ import annotations

import pytest

from accounts.roles import PRIVACY_OFFICER


@pytest.fixture
def officer(make_user):
    return make_user(role=PRIVACY_OFFICER)
