"""casework/park/limitation.py: each forfeiture's limitation date (Awb 5:35, 5:37a) and the warnings.

Dates worked out by hand. 2026: Easter 5 April (Good Friday 3 April, Easter Monday 6 April).
The order in the scenarios: decided Monday 6 January 2025, 14-day compliance term (comply by
20 January), announced 7 January 2025 → objection deadline Tuesday 18 February 2025.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.roles import HANDHAVER
from casework.access import visible_cases
from casework.park.limitation import DURATION, ONE_MONTH, PASSED, THREE_MONTHS, Period, compute_limitation
from casework.park.models import Forfeiture
from casework.park.services import (
    announcement_register,
    appeal_register,
    appeal_update,
    collection_decision_record,
    collection_intention_record,
    collection_request_decide,
    collection_request_record,
    forfeiture_mark_expired,
    limitation_event_end,
    limitation_event_record,
    limitation_warnings,
    objection_register,
    objection_update,
)
from tests.factories.park import forfeit, make_park_case, make_person, walk_to_order

pytestmark = pytest.mark.django_db(databases="__all__")


# --- the rule itself (no database) ---------------------------------------------------------------

@pytest.mark.parametrize(("forfeited_on", "expected"), [
    (date(2025, 3, 10), date(2026, 3, 10)),
    (date(2024, 2, 29), date(2025, 2, 28)),  # no 29 February in 2025
    (date(2025, 12, 31), date(2026, 12, 31)),
])
def test_one_year_after_the_forfeiture(forfeited_on, expected):
    assert compute_limitation(forfeited_on=forfeited_on).limitation_date == expected


def test_a_period_that_ended_before_the_expiry_day_changes_nothing():
    periods = [Period(date(2025, 3, 1), date(2025, 9, 1))]
    assert compute_limitation(forfeited_on=date(2025, 3, 10), periods=periods).limitation_date == date(2026, 3, 10)


def test_a_period_covering_the_expiry_day_extends_until_it_ends_and_chains():
    periods = [Period(date(2026, 1, 5), date(2026, 3, 20)), Period(date(2026, 3, 20), date(2026, 5, 1))]
    assert compute_limitation(forfeited_on=date(2025, 3, 10), periods=periods).limitation_date == date(2026, 5, 1)


def test_a_pending_period_on_the_expiry_day_keeps_the_claim_without_a_date():
    result = compute_limitation(forfeited_on=date(2025, 3, 10), periods=[Period(date(2026, 1, 5), None)])
    assert result.limitation_date is None and result.paused_since == date(2026, 3, 10)


def test_a_suspension_adds_its_duration():
    periods = [Period(date(2026, 3, 1), date(2026, 3, 10), DURATION)]  # 10 days
    assert compute_limitation(forfeited_on=date(2025, 3, 10), periods=periods).limitation_date == date(2026, 3, 20)


def test_an_interruption_starts_a_new_year_only_before_the_claim_expired():
    result = compute_limitation(forfeited_on=date(2025, 3, 10), interruptions=[date(2025, 9, 1)])
    assert result.limitation_date == date(2026, 9, 1) and result.interrupted_on == date(2025, 9, 1)
    late = compute_limitation(forfeited_on=date(2025, 3, 10), interruptions=[date(2026, 3, 11)])
    assert late.limitation_date == date(2026, 3, 10) and late.interrupted_on is None


# --- scenarios through the services ---------------------------------------------------------------

@pytest.fixture
def order(officer, lead):
    case = make_park_case(owner=officer, person=make_person(officer))
    return walk_to_order(case, by=officer, lead=lead, decided_on=date(2025, 1, 6))


@pytest.fixture
def announced(order, officer):
    return announcement_register(actor=officer, order=order, addressee=order.case.person, method="registered_post",
                                 announced_on=date(2025, 1, 7))


def test_the_announcement_gives_the_addressee_their_objection_deadline(announced):
    assert announced.objection_deadline == date(2025, 2, 18)


def test_a_single_forfeiture(order, officer):
    forfeiture = forfeit(order, by=officer, on=date(2025, 2, 10))
    assert forfeiture.limitation_date == date(2026, 2, 10) and forfeiture.limitation_paused_since is None
    assert forfeiture.payment_due_on == date(2025, 3, 24)  # Awb 5:33: 6 weeks


def test_repeated_forfeitures_each_run_their_own_term(order, officer):
    first = forfeit(order, by=officer, on=date(2025, 2, 10))
    second = forfeit(order, by=officer, on=date(2025, 3, 10))
    third = forfeit(order, by=officer, on=date(2025, 4, 14))
    assert [f.limitation_date for f in (first, second, third)] == [date(2026, 2, 10), date(2026, 3, 10),
                                                                    date(2026, 4, 14)]


def test_an_objection_pending_on_the_expiry_day_extends_until_irrevocable(order, officer, announced):
    forfeiture = forfeit(order, by=officer, on=date(2025, 2, 10))
    objection = objection_register(actor=officer, announcement=announced, received_on=date(2025, 2, 10))
    forfeiture.refresh_from_db()
    assert forfeiture.limitation_date is None and forfeiture.limitation_paused_since == date(2026, 2, 10)
    with pytest.raises(ValidationError) as error:
        forfeiture_mark_expired(actor=officer, forfeiture=forfeiture, today=date(2026, 3, 1))
    assert error.value.code == "pending"
    # Decided on Monday 2 March 2026: the appeal term (6 weeks) runs to Monday 13 April 2026.
    objection_update(actor=officer, objection=objection, state="decided", outcome="dismissed",
                     decided_on=date(2026, 3, 2))
    forfeiture.refresh_from_db()
    assert forfeiture.limitation_date == date(2026, 4, 13) and forfeiture.limitation_paused_since is None


def test_an_objection_decided_long_before_the_expiry_day_changes_nothing(order, officer, announced):
    forfeiture = forfeit(order, by=officer, on=date(2025, 2, 10))
    objection = objection_register(actor=officer, announcement=announced, received_on=date(2025, 2, 10))
    objection_update(actor=officer, objection=objection, state="decided", outcome="dismissed",
                     decided_on=date(2025, 6, 2))
    forfeiture.refresh_from_db()
    assert forfeiture.limitation_date == date(2026, 2, 10)


def test_an_appeal_and_the_higher_appeal_term_extend_the_date(order, officer):
    forfeiture = forfeit(order, by=officer, on=date(2025, 2, 10))
    appeal = appeal_register(actor=officer, order=order, level="beroep", lodged_on=date(2025, 8, 1))
    forfeiture.refresh_from_db()
    assert forfeiture.limitation_date is None
    appeal_update(actor=officer, appeal=appeal, ruled_on=date(2026, 2, 2), outcome="Ongegrond (test)")
    forfeiture.refresh_from_db()
    # Ruled Monday 2 February 2026: the higher-appeal term runs to Monday 16 March 2026.
    assert forfeiture.limitation_date == date(2026, 3, 16)


def _intention(order, officer, forfeitures, sent_on=date(2025, 3, 3)):
    return collection_intention_record(actor=officer, order=order, forfeitures=forfeitures, sent_on=sent_on)


def test_a_collection_decision_interrupts_only_the_forfeitures_it_covers(order, officer):
    first = forfeit(order, by=officer, on=date(2025, 2, 10))
    second = forfeit(order, by=officer, on=date(2025, 3, 10))
    _intention(order, officer, [first])
    collection_decision_record(actor=officer, order=order, forfeitures=[first], decided_on=date(2025, 4, 1),
                               announced_on=date(2025, 4, 3))
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.limitation_date == date(2026, 4, 3) and second.limitation_date == date(2026, 3, 10)


def test_a_judges_suspension_of_the_collection_decision_adds_its_duration(order, officer):
    first = forfeit(order, by=officer, on=date(2025, 2, 10))
    _intention(order, officer, [first])
    collection_decision_record(actor=officer, order=order, forfeitures=[first], decided_on=date(2025, 4, 1),
                               announced_on=date(2025, 4, 3))
    event = limitation_event_record(actor=officer, order=order, kind="suspension", started_on=date(2026, 3, 20))
    first.refresh_from_db()
    assert first.limitation_date is None
    limitation_event_end(actor=officer, event=event, ended_on=date(2026, 4, 20))  # 32 days
    first.refresh_from_db()
    assert first.limitation_date == date(2026, 5, 5)


def test_a_pending_request_and_the_objection_term_against_its_refusal_extend_the_date(order, officer):
    forfeiture = forfeit(order, by=officer, on=date(2025, 2, 10))
    request = collection_request_record(actor=officer, order=order, requested_on=date(2026, 2, 1),
                                        requester_name="Buurman (test)")
    assert request.decision_due_on == date(2026, 3, 2)  # 4 weeks: Sunday 1 March → Monday 2 March
    forfeiture.refresh_from_db()
    assert forfeiture.limitation_date is None
    collection_request_decide(actor=officer, request=request, state="rejected", decided_on=date(2026, 2, 20))
    forfeiture.refresh_from_db()
    # Refused Friday 20 February: 6 weeks end on Good Friday 3 April → past Easter Monday to Tuesday 7 April.
    assert forfeiture.limitation_date == date(2026, 4, 7)


def test_a_time_barred_forfeiture_cannot_be_collected(order, officer):
    forfeiture = forfeit(order, by=officer, on=date(2025, 2, 10))
    _intention(order, officer, [forfeiture])
    with pytest.raises(ValidationError) as error:
        collection_decision_record(actor=officer, order=order, forfeitures=[forfeiture], decided_on=date(2026, 2, 9),
                                   announced_on=date(2026, 2, 11))
    assert error.value.error_dict["forfeitures"][0].code == "time_barred"


def test_marking_expired_is_refused_on_and_before_the_date(order, officer):
    forfeiture = forfeit(order, by=officer, on=date(2025, 2, 10))
    for today in (date(2025, 12, 1), date(2026, 2, 10)):
        with pytest.raises(ValidationError) as error:
            forfeiture_mark_expired(actor=officer, forfeiture=forfeiture, today=today)
        assert error.value.code == "not_yet"
    forfeiture.refresh_from_db()
    assert forfeiture.state == Forfeiture.State.OPEN
    forfeiture_mark_expired(actor=officer, forfeiture=forfeiture, today=date(2026, 2, 11))
    forfeiture.refresh_from_db()
    assert forfeiture.state == Forfeiture.State.EXPIRED and forfeiture.closed_on == date(2026, 2, 11)
    reasons = list(Forfeiture.history.filter(id=forfeiture.pk).values_list("history_change_reason", flat=True))
    assert "forfeiture time-barred (limitation date 2026-02-10)" in reasons


def test_others_cannot_mark_a_forfeiture_expired(order, officer, make_user, other_organisation):
    from audit.actions import Action
    from audit.models import AuditEvent

    forfeiture = forfeit(order, by=officer, on=date(2025, 2, 10))
    intruder = make_user(role=HANDHAVER, organisation=other_organisation)
    with pytest.raises(PermissionDenied):
        forfeiture_mark_expired(actor=intruder, forfeiture=forfeiture, today=date(2026, 6, 1))
    assert AuditEvent.objects.using("audit").filter(action=Action.ACCESS_DENIED, actor_id=str(intruder.pk)).exists()
    forfeiture.refresh_from_db()
    assert forfeiture.state == Forfeiture.State.OPEN


def test_warnings_three_months_and_one_month_ahead_and_after_the_date(order, officer, make_user):
    first = forfeit(order, by=officer, on=date(2025, 2, 10))  # 10 February 2026
    second = forfeit(order, by=officer, on=date(2025, 4, 14))  # 14 April 2026
    cases = visible_cases(officer)
    assert limitation_warnings(cases, date(2025, 11, 1)) == []
    warnings = limitation_warnings(cases, date(2025, 12, 1))
    assert [(w.forfeiture, w.level, w.days_left) for w in warnings] == [(first, THREE_MONTHS, 71)]
    warnings = limitation_warnings(cases, date(2026, 1, 15))
    assert [(w.forfeiture, w.level) for w in warnings] == [(first, ONE_MONTH), (second, THREE_MONTHS)]
    assert [(w.forfeiture, w.level) for w in limitation_warnings(cases, date(2026, 2, 11))] == [
        (first, PASSED), (second, THREE_MONTHS)]
    forfeiture_mark_expired(actor=officer, forfeiture=first, today=date(2026, 2, 11))
    assert [w.forfeiture for w in limitation_warnings(cases, date(2026, 2, 11))] == [second]
    assert limitation_warnings(visible_cases(make_user(role=HANDHAVER)), date(2026, 2, 11)) == []
    assert [w.forfeiture for w in limitation_warnings([order.case], date(2026, 3, 20))] == [second]


def test_warnings_take_a_constant_number_of_queries(officer, lead):
    from tests.conftest import count_queries

    def measure() -> int:
        with count_queries() as queries:
            warnings = limitation_warnings(visible_cases(officer), date(2026, 1, 20))
            [(w.forfeiture.case.reference, w.forfeiture.order.object.number) for w in warnings]
        return len(queries)

    first = make_park_case(owner=officer, person=make_person(officer))
    forfeit(walk_to_order(first, by=officer, lead=lead), by=officer, on=date(2025, 2, 10))
    one = measure()
    for _number in range(2):
        case = make_park_case(owner=officer, person=make_person(officer))
        order = walk_to_order(case, by=officer, lead=lead)
        forfeit(order, by=officer, on=date(2025, 2, 10))
        forfeit(order, by=officer, on=date(2025, 2, 17))
    assert len(limitation_warnings(visible_cases(officer), date(2026, 1, 20))) == 5
    assert measure() == one
