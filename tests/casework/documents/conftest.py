"""The documents cast: a PGA case of the regisseur, a partner organisation with a live share of the plan."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from audit.activities import CHAIN_SHARING
from casework.pga import workflow as pga
from casework.pga.casetype import PGA_PLAN
from casework.sharing import share_create
from tests.factories.casework import make_pga_case

WEIGHING = "Alleen het plan is nodig voor de afstemming; minder delen is niet mogelijk (test)."


@pytest.fixture
def case(regisseur):
    return make_pga_case(owner=regisseur, status=pga.IN_BEHANDELING)


def make_share(case, actor, partner_org, categories=(PGA_PLAN,), activity=CHAIN_SHARING, days=30):
    return share_create(actor=actor, case=case, partner=partner_org, categories=list(categories),
                        processing_activity=activity, purpose="Afstemming in het casusoverleg (test).",
                        weighing=WEIGHING, ends_on=timezone.localdate() + timedelta(days=days))


@pytest.fixture
def plan_share(case, regisseur, partner_org):
    return make_share(case, regisseur, partner_org)


@pytest.fixture
def make_pga_case_for():
    def _make(owner):
        return make_pga_case(owner=owner, status=pga.IN_BEHANDELING)
    return _make
