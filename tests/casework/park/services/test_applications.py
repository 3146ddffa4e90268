"""Applications without a statutory term (Awb 4:13, 4:14; casework/remedies/applications.py) and the
4:14 notice for a request for a collection decision (Awb 5:37 lid 3), through the park's services.

Dates by hand: received Friday 30 October 2026 + 8 weeks = Friday 25 December 2026 (Christmas),
past Boxing Day and the Sunday to Monday 28 December (Atw art. 1). A collection request of Monday
30 March 2026 + 4 weeks = Monday 27 April 2026 (King's Day) runs to Tuesday 28 April.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections

from accounts.roles import PROCESREGISSEUR
from audit.actions import Action
from audit.models import AuditEvent
from casework.park.services import (
    application_decide,
    application_delay,
    application_register,
    collection_request_delay,
    collection_request_record,
)
from casework.penalties.models import CollectionRequest
from casework.remedies.models import Application
from casework.remedies.selectors import applications_due
from tests.factories.park import make_park_case, make_person, walk_to_order

pytestmark = pytest.mark.django_db(databases="__all__")


@pytest.fixture
def case(officer):
    return make_park_case(owner=officer, person=make_person(officer))


def test_an_application_is_due_eight_weeks_after_receipt_past_the_christmas_holidays(officer, case):
    application = application_register(actor=officer, case=case, kind="enforcement", received_on=date(2026, 10, 30),
                                       applicant_name="Buurtbewoner Testpersoon")
    stored = Application.objects.get(pk=application.pk)
    assert (stored.decision_due_on, stored.due_on) == (date(2026, 12, 28), date(2026, 12, 28))
    assert stored.applicant_name == "Buurtbewoner Testpersoon"
    with connections["default"].cursor() as cursor:
        cursor.execute(f'SELECT * FROM "{Application._meta.db_table}"')  # noqa: S608 - table name from the model
        assert "Testpersoon" not in repr(cursor.fetchall())
    event = AuditEvent.objects.using("audit").get(object_type="remedies.Application", action=Action.CREATE)
    assert event.reason == "application registered (enforcement)"
    assert list(applications_due(type(case).objects.filter(pk=case.pk), date(2026, 12, 28))) == [stored]


def test_a_notice_of_delay_is_sent_within_the_term_and_names_a_later_date(officer, case):
    application = application_register(actor=officer, case=case, kind="tolerance", received_on=date(2026, 9, 1))
    assert application.decision_due_on == date(2026, 10, 27)
    with pytest.raises(ValidationError) as error:  # too late: the term has ended
        application_delay(actor=officer, application=application, notice_sent_on=date(2026, 10, 28),
                          new_due_on=date(2026, 11, 24))
    assert "notice_sent_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        application_delay(actor=officer, application=application, notice_sent_on=date(2026, 10, 20),
                          new_due_on=date(2026, 10, 27))
    assert "new_due_on" in error.value.message_dict
    application_delay(actor=officer, application=Application.objects.get(pk=application.pk),
                      notice_sent_on=date(2026, 10, 20), new_due_on=date(2026, 11, 24))
    stored = Application.objects.get(pk=application.pk)
    assert (stored.delay_notice_sent_on, stored.due_on) == (date(2026, 10, 20), date(2026, 11, 24))
    with pytest.raises(ValidationError):  # one notice; a later decision is simply late
        application_delay(actor=officer, application=stored, notice_sent_on=date(2026, 10, 21),
                          new_due_on=date(2026, 12, 1))
    application_decide(actor=officer, application=stored, state="decided", decided_on=date(2026, 11, 20))
    assert Application.objects.get(pk=application.pk).state == "decided"


def test_others_cannot_register_an_application(case, make_user):
    other = make_user(role=PROCESREGISSEUR)
    with pytest.raises(PermissionDenied):
        application_register(actor=other, case=case, kind="enforcement", received_on=date(2026, 10, 30))
    assert not Application.objects.exists()
    assert AuditEvent.objects.using("audit").filter(action=Action.ACCESS_DENIED, actor_id=str(other.pk)).exists()


def test_a_collection_request_that_cannot_be_decided_in_four_weeks_gets_a_notice(officer, lead, case):
    order = walk_to_order(case, by=officer, lead=lead, decided_on=date(2025, 1, 6))
    request = collection_request_record(actor=officer, order=order, requested_on=date(2026, 3, 30),
                                        requester_name="Verzoeker Testpersoon")
    assert request.decision_due_on == date(2026, 4, 28)  # King's Day
    with pytest.raises(ValidationError) as error:
        collection_request_delay(actor=officer, request=request, notice_sent_on=date(2026, 4, 29),
                                 new_due_on=date(2026, 5, 26))
    assert "notice_sent_on" in error.value.message_dict
    collection_request_delay(actor=officer, request=CollectionRequest.objects.get(pk=request.pk),
                             notice_sent_on=date(2026, 4, 28), new_due_on=date(2026, 5, 26))
    stored = CollectionRequest.objects.get(pk=request.pk)
    assert (stored.delayed_due_on, stored.due_on) == (date(2026, 5, 26), date(2026, 5, 26))
    assert stored.history.latest("history_date").history_change_reason == \
        "collection request delayed to 2026-05-26 (Awb 4:14)"
