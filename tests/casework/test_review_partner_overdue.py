"""Review: the "overdue" filter must not let a partner learn whether an agreement (a category it
may not have been shared) is overdue; web list and API apply the same rule."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from audit.history import save_with_reason
from casework import selectors
from casework.pga import workflow as pga_workflow
from casework.pga.casetype import PGA_PLAN
from casework.pga.models import Agreement
from tests.casework.web.read_support import share_with
from tests.factories.casework import make_pga_case

pytestmark = pytest.mark.django_db(databases="__all__")


@pytest.fixture
def late_case(regisseur, partner_org):
    case = make_pga_case(owner=regisseur, status=pga_workflow.CASUSOVERLEG)
    late = Agreement(case=case, data_key_id=case.data_key_id, description="Afspraak (test)",
                     owner_organisation=partner_org, due_on=timezone.localdate() - timedelta(days=3))
    save_with_reason(late, reason="test: an agreement already past due", user=regisseur)
    share_with(case, regisseur, partner_org, [PGA_PLAN])
    return case


def overdue_ids(user):
    return {case.pk for case in selectors.case_list(user=user, filters=selectors.CaseFilters(overdue=True))}


def test_the_owner_sees_the_case_as_overdue(regisseur, late_case):
    assert late_case.pk in overdue_ids(regisseur)


def test_a_partner_cannot_learn_about_unshared_agreements_from_the_filter(partner, late_case):
    assert late_case.pk not in overdue_ids(partner)


def test_the_api_applies_the_same_rule(client, login, partner, regisseur, late_case):
    login(client, partner)
    body = client.get("/api/v1/pga/cases?overdue=true").json()
    assert str(late_case.pk) not in {row["id"] for row in body["results"]}
    login(client, regisseur)
    body = client.get("/api/v1/pga/cases?overdue=true").json()
    assert str(late_case.pk) in {row["id"] for row in body["results"]}
