"""The team lead's calendar of equated days (casework/calendar_admin.py, the page and the check)."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from accounts.roles import PROCESREGISSEUR, TEAMLEIDER
from audit.models import AuditEvent
from casework.calendar_admin import equated_day_add, equated_day_remove, missing_years
from casework.deadlines import objection_deadline
from casework.models import EquatedDay

pytestmark = pytest.mark.django_db(databases="__all__")
DECREE = "Testbesluit gelijkstelling (Stcrt. 0000, 1)"


@pytest.fixture
def lead(make_user):
    return make_user(role=TEAMLEIDER)


def _next_weekday(after: date, weekday: int) -> date:
    day = after + timedelta(days=1)
    while day.weekday() != weekday:
        day += timedelta(days=1)
    return day


def test_a_team_lead_adds_a_day_and_terms_run_on_over_it(lead):
    friday = _next_weekday(timezone.localdate() + timedelta(days=400), 4)
    announced = friday - timedelta(weeks=6)
    assert objection_deadline(announced_on=announced) == friday
    equated_day_add(actor=lead, day=friday, description="Testvrijdag", source=DECREE)
    assert objection_deadline(announced_on=announced) == friday + timedelta(days=3)
    assert AuditEvent.objects.filter(object_type="casework.EquatedDay", action="create").exists()


def test_bad_input_is_refused_with_reasons_and_nothing_saved(lead):
    saturday = _next_weekday(timezone.localdate(), 5)
    with pytest.raises(ValidationError) as refused:
        equated_day_add(actor=lead, day=saturday, description=" ", source="")
    assert set(refused.value.message_dict) == {"date", "description", "source"}
    assert not EquatedDay.objects.filter(date=saturday).exists()
    seeded = EquatedDay.objects.filter(date__gte=timezone.localdate()).first()
    if seeded is not None:
        with pytest.raises(ValidationError):
            equated_day_add(actor=lead, day=seeded.date, description="dubbel", source=DECREE)


def test_other_roles_are_refused(make_user):
    regisseur = make_user(role=PROCESREGISSEUR)
    with pytest.raises(PermissionDenied):
        equated_day_add(actor=regisseur, day=date(2030, 1, 3), description="x", source=DECREE)


def test_a_past_day_stays_a_future_one_can_be_removed(lead):
    past = EquatedDay.objects.create(date=date(2020, 5, 22), description="oud", source=DECREE)
    with pytest.raises(ValidationError):
        equated_day_remove(actor=lead, equated=past)
    future = equated_day_add(actor=lead, day=_next_weekday(timezone.localdate() + timedelta(days=30), 2),
                             description="Testdinsdag", source=DECREE)
    equated_day_remove(actor=lead, equated=future)
    assert not EquatedDay.objects.filter(pk=future.pk).exists()


def test_the_page_lists_adds_and_warns(client, login, lead, make_user):
    login(client, lead)
    url = reverse("casework:equated_days")
    response = client.get(url)
    assert response.status_code == 200
    day = _next_weekday(timezone.localdate() + timedelta(days=60), 3)
    response = client.post(url, {"date": day.isoformat(), "description": "Testdonderdag", "source": DECREE})
    assert response.status_code == 302 and EquatedDay.objects.filter(date=day).exists()
    assert client.post(url, {"date": "", "description": "", "source": ""}).status_code == 400
    login(client, make_user(role=PROCESREGISSEUR))
    assert client.get(url).status_code == 403


def test_the_scheduled_check_fails_when_next_year_has_no_day():
    next_year = timezone.localdate().year + 1
    EquatedDay.objects.filter(date__year=next_year).delete()
    assert missing_years() == [next_year]
    with pytest.raises(CommandError):
        call_command("check_equated_days", stdout=io.StringIO())
    EquatedDay.objects.create(date=date(next_year, 5, 20), description="x", source=DECREE)
    call_command("check_equated_days", stdout=io.StringIO())


@pytest.mark.parametrize("day", [date(1, 1, 3), date(9999, 12, 31)])
def test_a_day_outside_the_planning_window_is_refused(lead, day):
    """The hostile-input sweep (tests/casework/web/test_hostile_forms.py) stored the years 1 and 9999."""
    with pytest.raises(ValidationError) as refused:
        equated_day_add(actor=lead, day=day, description="Testdag", source=DECREE)
    assert set(refused.value.message_dict) == {"date"}
    assert not EquatedDay.objects.filter(date=day).exists()
