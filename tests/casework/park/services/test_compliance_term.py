"""The compliance term of a penalty order runs per addressee from their own announcement, unextended
(casework/remedies/terms.py); a forfeiture before it ended for every addressee is refused.

Order decided Monday 6 January 2025 with 14 days; announced to A on Tuesday 7 January (term until
and including 21 January) and to B on Friday 10 January (until and including 24 January). The old
rule counted from the decision with the Atw: 20 January, so a forfeiture on 21 January was booked.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import translation

from casework.models import Case
from casework.park.api.presenters import order as order_json
from casework.park.models import PenaltyOrder
from casework.park.selectors import overview
from casework.park.services import announcement_register, forfeiture_record
from casework.penalties.models import Forfeiture
from casework.remedies.models import Announcement
from tests.factories.park import inspect, make_park_case, make_person, step, walk_to_order

pytestmark = pytest.mark.django_db(databases="__all__")


@pytest.fixture
def order(officer, lead):
    case = make_park_case(owner=officer, person=make_person(officer))
    partner = make_person(officer)
    order = walk_to_order(case, by=officer, lead=lead, decided_on=date(2025, 1, 6),
                          addressees=[case.person, partner])
    announcement_register(actor=officer, order=order, addressee=case.person, method="registered_post",
                          announced_on=date(2025, 1, 7))
    announcement_register(actor=officer, order=order, addressee=partner, method="bailiff",
                          announced_on=date(2025, 1, 10))
    order.refresh_from_db()
    return order


def _forfeit(order, officer, day):
    case = order.case
    if case.status != "hercontrole":
        step(case, "hercontrole", by=officer)
    basis = inspect(case, by=officer, on=day, order=order, compliant=False)
    return forfeiture_record(actor=officer, order=order, basis=basis, forfeited_on=day)


def test_each_addressee_has_their_own_end_and_the_order_the_latest(order):
    ends = sorted(Announcement.objects.filter(decision_id=order.pk).values_list("compliance_ends_on", flat=True))
    assert ends == [date(2025, 1, 21), date(2025, 1, 24)]
    assert order.compliance_due_on == date(2025, 1, 24)


@pytest.mark.parametrize("day", [date(2025, 1, 21), date(2025, 1, 24)], ids=["a-s-last-day", "b-s-last-day"])
def test_a_forfeiture_before_every_term_ended_is_refused_and_nothing_saved(order, officer, day):
    with translation.override("en"), pytest.raises(ValidationError) as error:
        _forfeit(order, officer, day)
    message = error.value.message_dict["forfeited_on"][0]
    assert "from 25 January 2025" in message and "until and including 24 January 2025" in message
    assert not Forfeiture.objects.exists()


def test_a_forfeiture_after_every_term_ended_is_booked(order, officer):
    assert _forfeit(order, officer, date(2025, 1, 25)).forfeited_on == date(2025, 1, 25)


def test_overview_and_api_show_the_stored_dates(order):
    rows = overview.park_deadlines(cases=Case.objects.filter(pk=order.case_id), until=date(2025, 12, 31),
                                   today=date(2025, 1, 8))
    stored = sorted(Announcement.objects.filter(decision_id=order.pk).values_list("compliance_ends_on", flat=True))
    assert sorted(d.due_on for d in rows if d.kind == overview.COMPLIANCE_TERM) == stored
    body = order_json(order, date(2025, 1, 8), [])
    assert sorted(a["compliance_ends_on"] for a in body["announcements"]) == stored
    assert body["compliance_due_on"] == stored[-1]


def test_the_data_migration_recomputes_existing_rows(order):
    from importlib import import_module

    Announcement.objects.filter(decision_id=order.pk).update(compliance_ends_on=None)
    PenaltyOrder.objects.filter(pk=order.pk).update(compliance_due_on=date(2025, 1, 20))  # the old sum
    import_module("casework.park.migrations.0007_compliance_term_per_addressee").recompute(apps, None)
    order.refresh_from_db()
    assert order.compliance_due_on == date(2025, 1, 24)
    assert sorted(Announcement.objects.filter(decision_id=order.pk).values_list("compliance_ends_on", flat=True)) \
        == [date(2025, 1, 21), date(2025, 1, 24)]
