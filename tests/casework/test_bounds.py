"""Input bounds in the services (casework/bounds.py): implausible dates, malformed addresses and
oversized text are refused with a Dutch message and nothing is saved — for forms and API alike."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from casework import bounds
from casework.models import Person
from casework.persons import person_register
from casework.pga.models import Agreement, Conference
from casework.pga.services import agreement_record, conference_plan
from tests.factories.casework import make_pga_case

pytestmark = pytest.mark.django_db(databases="__all__")


def _messages(exc: pytest.ExceptionInfo) -> dict[str, list[str]]:
    return exc.value.message_dict


@pytest.mark.parametrize(("born", "expected"), [
    (date(9999, 12, 31), "niet in de toekomst"), (date(1899, 12, 31), "vóór 1900")])
def test_implausible_birth_dates_are_refused_and_nothing_is_saved(make_user, organisation, born, expected):
    before = Person.objects.count()
    with pytest.raises(ValidationError) as exc:
        person_register(actor=make_user(), controller=organisation, first_names="Proef", surname="Grenswaarde",
                        date_of_birth=born)
    assert expected in _messages(exc)["date_of_birth"][0]
    assert Person.objects.count() == before


def test_oversized_text_is_refused_with_its_length(make_user, organisation):
    with pytest.raises(ValidationError) as exc:
        person_register(actor=make_user(), controller=organisation, first_names="Proef", surname="x" * 1_000_000,
                        date_of_birth=date(1970, 1, 1))
    assert "Hoogstens 200 tekens (nu 1000000)" in _messages(exc)["surname"][0]


@pytest.mark.parametrize("held_on", [date(1900, 1, 1), date(2999, 1, 1)])
def test_conferences_outside_the_window_are_refused(make_user, organisation, held_on):
    actor = make_user()
    case = make_pga_case(owner=actor, status="in_behandeling")
    with pytest.raises(ValidationError) as exc:
        conference_plan(actor=actor, case=case, held_on=held_on, invited=[organisation])
    assert "Kies een datum tussen" in _messages(exc)["held_on"][0]
    assert not Conference.objects.filter(case=case).exists()


def test_an_agreement_due_long_ago_is_refused(make_user, organisation):
    actor = make_user()
    case = make_pga_case(owner=actor, status="in_behandeling")
    with pytest.raises(ValidationError) as exc:
        agreement_record(actor=actor, case=case, description="Afspraak (test)", owner_organisation=organisation,
                         due_on=date(1999, 1, 1))
    assert "due_on" in _messages(exc) and not Agreement.objects.filter(case=case).exists()
    today = timezone.localdate()
    assert agreement_record(actor=actor, case=case, description="Afspraak (test)", owner_organisation=organisation,
                            due_on=today + timedelta(days=30)).pk


def test_sharing_periods_end_after_they_start_and_within_a_year():
    today = timezone.localdate()
    assert bounds.share_period(today, today + timedelta(days=bounds.MAX_SHARE_DAYS)) == {}
    assert "hoogstens 366 dagen" in bounds.share_period(today, date(2999, 12, 31))["ends_on"]
    assert "ends_on" in bounds.share_period(today, today - timedelta(days=1))


@pytest.mark.parametrize(("value", "ok"), [("1234 AB", True), ("1234ab", True), ("1234", False),
                                           ("0123 AB", False), ("1234 SS", False), ("12345 AB", False)])
def test_postcodes(value, ok):
    assert (bounds.postcode(value) == {}) is ok


@pytest.mark.parametrize(("value", "ok"), [("12", True), ("99999", True), ("abc", False), ("0", False),
                                           ("12a", False), ("123456", False)])
def test_house_numbers(value, ok):
    assert (bounds.house_number(value) == {}) is ok


# --- found by the hostile-input sweep of the web forms (tests/casework/web/test_hostile_forms.py) -----------

@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31", date(1899, 12, 31), date(2101, 1, 1)])
def test_a_service_date_outside_1900_to_2100_is_refused(value):
    from casework.values import parse_date

    with pytest.raises(ValidationError) as exc:
        parse_date(value, "ruled_on")
    assert "controleer het jaar" in _messages(exc)["ruled_on"][0]
    assert parse_date("2026-12-03", "ruled_on") == date(2026, 12, 3)


def test_a_megabyte_reason_for_a_step_escalation_or_emergency_access_is_refused(make_user, organisation):
    from casework import workflow
    from casework.breakglass import break_glass_open
    from casework.pga.services import escalation_set

    owner = make_user()
    case = make_pga_case(owner=owner)
    huge = "x" * 1_000_000
    with pytest.raises(ValidationError) as exc:
        workflow.transition(case=case, to="triage", by=owner, reason=huge)
    assert "reason" in _messages(exc)
    with pytest.raises(ValidationError):
        escalation_set(actor=owner, case=case, escalated=True, reason=huge)
    with pytest.raises(ValidationError):
        break_glass_open(user=make_user(), case=case, reason=huge)
    case.refresh_from_db()
    assert case.status == "aangemeld" and not case.pga.escalated
