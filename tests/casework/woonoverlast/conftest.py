"""The cast of the woonoverlast tests: an enforcement officer (`officer`), a team lead (`lead`) of the
same organisation, and the municipality's APV text."""

from __future__ import annotations

import pytest

from tests.casework.support import lead_without_team, officer  # noqa: F401  (fixtures `lead`, `officer`)
from tests.factories.woonoverlast import make_apv, make_file


@pytest.fixture
def apv(organisation):
    return make_apv(organisation)


@pytest.fixture
def case(officer, apv):  # noqa: F811 - the imported fixture
    return make_file(owner=officer)
