"""Helpers and fixtures the Damocles and park tests share (both are case types of the enforcement team).

Take by name only what means the same in your module: `handhaver` and `lead` are members of the
module's own `team` fixture, `regisseur` is a process director of another team of the organisation,
`partner` is a chain-partner user of the module's own `partner_org` fixture.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.roles import HANDHAVER, KETENPARTNER, PROCESREGISSEUR, TEAMLEIDER
from audit.models import AuditEvent
from tests.factories.accounts import TeamFactory


def events(**filters):
    return AuditEvent.objects.using("audit").filter(**filters)


def case_url(case):
    return reverse("casework:case_detail", kwargs={"case_id": case.pk})


@pytest.fixture
def handhaver(make_user, team):
    return make_user(role=HANDHAVER, team=team)


@pytest.fixture
def lead(make_user, team):
    return make_user(role=TEAMLEIDER, team=team)


@pytest.fixture
def regisseur(make_user, organisation):
    return make_user(role=PROCESREGISSEUR, team=TeamFactory(organisation=organisation, name="Procesregie"))


@pytest.fixture
def partner(make_user, partner_org):
    return make_user(role=KETENPARTNER, organisation=partner_org)
