"""casework/pga/selectors/figures.py: referrals, approaches started, closures by reason, days to the
first case conference, and self-reliance declared as not recorded."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from accounts.roles import PROCESREGISSEUR
from audit.history import save_with_reason
from casework.models import Case, CaseStep
from casework.pga import workflow as wf
from casework.pga.models import Conference
from casework.pga.selectors import figures
from tests.conftest import count_queries
from tests.factories.casework import make_pga_case

pytestmark = pytest.mark.django_db(databases="__all__")


def test_referrals_started_closed_and_days_to_the_first_conference(make_user):
    owner = make_user(role=PROCESREGISSEUR)
    closed = make_pga_case(owner=owner, status=wf.AFGESLOTEN)
    waiting = make_pga_case(owner=owner, status=wf.AANGEMELD)
    Case.objects.filter(pk=closed.pk).update(opened_on=date(2025, 1, 6), closed_on=date(2025, 11, 3))
    Case.objects.filter(pk=waiting.pk).update(opened_on=date(2025, 4, 7))
    CaseStep.objects.filter(case=closed, to_status=wf.IN_BEHANDELING).update(at=datetime(2025, 2, 3, 10, tzinfo=UTC))
    for held_on in (date(2025, 2, 20), date(2025, 6, 1)):
        save_with_reason(Conference(case=closed, data_key_id=closed.data_key_id, held_on=held_on, created_by=owner),
                         reason="test conference", user=owner)
    with count_queries() as queries:
        referrals, started, done, days, self_reliance = figures.figures(organisation_id=owner.organisation_id,
                                                                        years=[2025])
    assert len(queries) == 4
    assert referrals.years == {2025: 2} and referrals.quarters == {(2025, 1): 1, (2025, 2): 1}
    assert started.years == {2025: 1} and started.quarters == {(2025, 1): 1}
    assert done.years == {2025: 1} and done.quarters == {(2025, 4): 1}
    assert done.breakdowns[0].values == {(2025, "doelen_behaald"): 1}
    assert days.unit == "days" and days.years == {2025: Decimal("45.0")} and days.basis[2025] == 1
    assert self_reliance.available is False and "zelfredzaamheid" in str(self_reliance.rule).lower()
