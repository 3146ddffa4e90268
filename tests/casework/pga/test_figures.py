"""casework/pga/selectors/figures.py: referrals, approaches started, closures by reason, days to the
first case conference, and the change in self-reliance of closed cases."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from accounts.roles import PROCESREGISSEUR
from audit.history import save_with_reason
from casework.models import Case
from casework.pga import workflow as wf
from casework.pga.models import Conference, PgaCase
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
    PgaCase.objects.filter(case=closed).update(accepted_on=date(2025, 2, 3))  # as its step into "Accepted" kept it
    for held_on in (date(2025, 2, 20), date(2025, 6, 1)):
        save_with_reason(Conference(case=closed, data_key_id=closed.data_key_id, held_on=held_on, created_by=owner),
                         reason="test conference", user=owner)
    with count_queries() as queries:
        referrals, started, done, days, self_reliance = figures.figures(organisation_id=owner.organisation_id,
                                                                        years=[2025])
    assert len(queries) == 5  # four aggregates, and the measurements of the year's closed cases (none here)
    assert referrals.years == {2025: 2} and referrals.quarters == {(2025, 1): 1, (2025, 2): 1}
    assert started.years == {2025: 1} and started.quarters == {(2025, 1): 1}
    assert done.years == {2025: 1} and done.quarters == {(2025, 4): 1}
    assert done.breakdowns[0].values == {(2025, "doelen_behaald"): 1}
    assert days.unit == "days" and days.years == {2025: Decimal("45.0")} and days.basis[2025] == 1
    assert self_reliance.years == {} and "zelfredzaamheid" in str(self_reliance.label).lower()  # none measured


def test_the_change_in_self_reliance_averages_closed_cases_with_two_measurements(make_user):
    from casework.pga.services.monitoring import measurement_record

    owner = make_user(role=PROCESREGISSEUR)
    measured = make_pga_case(owner=owner, status=wf.IN_BEHANDELING)
    once = make_pga_case(owner=owner, status=wf.IN_BEHANDELING)
    today = date.today()
    measurement_record(actor=owner, case=measured, measured_on=today, scores={"finances": 2, "housing": 3})
    measurement_record(actor=owner, case=measured, measured_on=today, scores={"finances": 4, "housing": 3})
    measurement_record(actor=owner, case=once, measured_on=today, scores={"finances": 1})
    Case.objects.filter(pk__in=[measured.pk, once.pk]).update(status=wf.AFGESLOTEN, opened_on=date(2025, 1, 6),
                                                              closed_on=date(2025, 6, 2))
    self_reliance = figures.figures(organisation_id=owner.organisation_id, years=[2025, 2024])[-1]
    assert self_reliance.available and self_reliance.unit == "score"
    assert self_reliance.years == {2025: Decimal("1.0")} and self_reliance.basis == {2025: 1}  # (+2 and 0) / 2


def test_an_approach_counts_in_the_period_it_first_started(make_user, other_organisation):
    """By the date its first step into "Accepted" kept (`accepted_on`; the workflow tests walk that step): a
    case first accepted before the years asked about is not counted in them; another organisation's is not."""
    owner = make_user(role=PROCESREGISSEUR)
    elsewhere = make_user(role=PROCESREGISSEUR, organisation=other_organisation)
    first, earlier, theirs = (make_pga_case(owner=who, status=wf.IN_BEHANDELING) for who in (owner, owner, elsewhere))
    for case, accepted_on in ((first, date(2025, 2, 3)), (earlier, date(2024, 12, 30)), (theirs, date(2025, 2, 3))):
        PgaCase.objects.filter(case=case).update(accepted_on=accepted_on)
    started = figures.figures(organisation_id=owner.organisation_id, years=[2025])[1]
    assert started.years == {2025: 1} and started.quarters == {(2025, 1): 1}
    started = figures.figures(organisation_id=owner.organisation_id, years=[2024, 2025])[1]
    assert started.years == {2024: 1, 2025: 1} and started.quarters == {(2024, 4): 1, (2025, 1): 1}
