"""Review: an agreement's due date belongs to the `pga_conferences` category. A partner whose
share does not include it must not learn it from a list row's "next deadline"."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from casework import selectors
from casework.pga import workflow as pga_workflow
from casework.pga.casetype import PGA_CONFERENCES, PGA_PLAN
from casework.pga.services import agreement_record
from tests.casework.web.read_support import share_with
from tests.factories.casework import make_pga_case

pytestmark = pytest.mark.django_db(databases="__all__")


def _case_with_agreement(regisseur, partner_org):
    case = make_pga_case(owner=regisseur, status=pga_workflow.CASUSOVERLEG)
    due = timezone.localdate() + timedelta(days=9)
    agreement_record(actor=regisseur, case=case, description="Afspraak (test)", owner_organisation=partner_org,
                     due_on=due)
    return case, due


def _row(user, case):
    cases = [row for row in selectors.case_list(user=user, filters=selectors.CaseFilters()) if row.pk == case.pk]
    (row,) = selectors.case_rows(user=user, cases=cases)
    return row


def test_partner_without_conferences_category_sees_no_agreement_deadline(regisseur, partner, partner_org):
    case, _due = _case_with_agreement(regisseur, partner_org)
    share_with(case, regisseur, partner_org, [PGA_PLAN])
    assert _row(partner, case).next_deadline is None


def test_partner_with_conferences_category_and_owner_see_it(regisseur, partner, partner_org):
    case, due = _case_with_agreement(regisseur, partner_org)
    share_with(case, regisseur, partner_org, [PGA_CONFERENCES])
    assert _row(partner, case).next_deadline == due
    assert _row(regisseur, case).next_deadline == due
