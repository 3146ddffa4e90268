"""Meeting services: planning a series, the referral deadline, the agenda, minutes into the case's record."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from casework.meetings.models import AgendaItem, Meeting
from casework.meetings.services import agenda_add, meeting_create, minutes_record, referral_deadline
from casework.pga.casetype import PGA_CONFERENCES
from casework.pga.models import Conference
from tests.auditlog import events

pytestmark = pytest.mark.django_db(databases="__all__")
AMS = ZoneInfo("Europe/Amsterdam")


def _series(**overrides) -> Meeting:
    values = {"title": "Triage", "kind": "triage", "recurrence": "weekly", "weekday": 1,
              "first_on": datetime(2026, 1, 6), "starts_at": time(10), "referral_weekday": 0,
              "referral_time": time(12), "place": "Zaal 2"}
    return Meeting(**{**values, **overrides})


@pytest.mark.parametrize(("starts", "ref_day", "ref_time", "expected"), [
    (datetime(2026, 12, 8, 10, tzinfo=AMS), 0, time(12), datetime(2026, 12, 7, 12, tzinfo=AMS)),  # Tue; Mon 12:00
    (datetime(2026, 12, 8, 10, tzinfo=AMS), 1, time(9), datetime(2026, 12, 8, 9, tzinfo=AMS)),  # same morning
    (datetime(2026, 12, 8, 10, tzinfo=AMS), 1, time(12), datetime(2026, 12, 1, 12, tzinfo=AMS)),  # a week before
    (datetime(2026, 12, 8, 10, tzinfo=AMS), 4, time(16), datetime(2026, 12, 4, 16, tzinfo=AMS)),  # the Friday before
])
def test_the_referral_deadline_is_the_last_weekday_and_time_before_the_sitting(starts, ref_day, ref_time, expected):
    assert _series(referral_weekday=ref_day, referral_time=ref_time).referral_deadline(starts) == expected


def test_a_weekly_series_is_planned_ahead_on_its_weekday(triage):
    days = [timezone.localtime(o.starts) for o in triage.occurrences.all()]
    assert len(days) >= 8 and {d.weekday() for d in days} == {1} and {d.time() for d in days} == {time(10)}
    assert events(action="create", object_type="meetings.Meeting").count() == 1


def test_a_partner_cannot_organise_a_meeting_and_the_refusal_is_recorded(partner):
    with pytest.raises(PermissionDenied):
        meeting_create(actor=partner, title="Overleg", kind="other", recurrence="single",
                       first_on=timezone.localdate() + timedelta(days=3), starts_at=time(14), chair=partner,
                       organisation=partner.organisation, place="Bureau")
    assert not Meeting.objects.exists()
    assert events(action="access_denied", object_type="meetings.Meeting", actor_id=str(partner.pk)).count() == 1


@pytest.mark.parametrize("days_ahead", [None, 5 * 366 + 1])
def test_a_first_day_past_the_planning_window_is_refused_before_anything_is_written(regisseur, days_ahead):
    """The year 9999 overflowed the planning of the sittings (a 500, found by the hostile sweep)."""
    first_on = date(9999, 12, 31) if days_ahead is None else timezone.localdate() + timedelta(days=days_ahead)
    with pytest.raises(ValidationError) as error:
        meeting_create(actor=regisseur, title="Overleg", kind="other", recurrence="weekly", first_on=first_on,
                       starts_at=time(14), chair=regisseur, organisation=regisseur.organisation, place="Bureau")
    assert "first_on" in error.value.message_dict
    assert not Meeting.objects.exists() and not events(action="create", object_type="meetings.Meeting").exists()


def test_a_meeting_needs_a_place_or_link_and_the_database_keeps_the_rule(regisseur):
    with pytest.raises(ValidationError) as error:
        meeting_create(actor=regisseur, title="Overleg", kind="other", recurrence="single",
                       first_on=timezone.localdate() + timedelta(days=3), starts_at=time(14), chair=regisseur,
                       organisation=regisseur.organisation)
    assert "place" in error.value.message_dict and not Meeting.objects.exists()
    with pytest.raises(IntegrityError), transaction.atomic():
        _series(recurrence="weekly", weekday=None, chair=regisseur, organisation=regisseur.organisation,
                created_by=regisseur).save()


def test_putting_a_case_on_the_agenda_numbers_it_keeps_the_goal_sealed_and_records_it(regisseur, sitting, case,
                                                                                       partner_org):
    now = timezone.localtime(sitting.starts) - timedelta(days=3)
    item = agenda_add(actor=regisseur, occurrence=sitting, case=case, goal="Bespreken woonsituatie",
                      invited=[partner_org], now=now)
    assert (item.number, item.minutes_category, item.data_key_id) == (1, PGA_CONFERENCES, case.data_key_id)
    raw = AgendaItem.objects.filter(pk=item.pk).values_list("goal", flat=True).get()
    assert "woonsituatie" not in repr(raw)
    assert events(action="create", object_type="meetings.AgendaItem", case_id=str(case.pk)).count() == 1
    with pytest.raises(ValidationError):
        agenda_add(actor=regisseur, occurrence=sitting, case=case, now=now)  # once per sitting


def test_after_the_referral_deadline_the_case_is_refused_with_a_clear_message(regisseur, sitting, case):
    too_late = referral_deadline(sitting) + timedelta(minutes=1)
    with pytest.raises(ValidationError) as error:
        agenda_add(actor=regisseur, occurrence=sitting, case=case, now=too_late)
    assert "aanmelden vóór maandag" in str(error.value.message_dict["occurrence"])
    assert not AgendaItem.objects.exists()


def test_someone_who_may_not_change_the_case_cannot_put_it_on_the_agenda(other_team_user, sitting, case):
    with pytest.raises(PermissionDenied):
        agenda_add(actor=other_team_user, occurrence=sitting, case=case,
                   now=timezone.localtime(sitting.starts) - timedelta(days=3))
    assert not AgendaItem.objects.exists()
    assert events(action="access_denied", case_id=str(case.pk), actor_id=str(other_team_user.pk)).count() == 1


def test_minutes_go_into_the_pga_conference_record_of_that_day(regisseur, sitting, case, partner_org):
    item = agenda_add(actor=regisseur, occurrence=sitting, case=case, invited=[partner_org],
                      now=timezone.localtime(sitting.starts) - timedelta(days=3))
    with pytest.raises(ValidationError):  # not before the meeting started
        minutes_record(actor=regisseur, item=item, minutes="Te vroeg", attending=[partner_org])
    minutes_record(actor=regisseur, item=item, minutes="Afgesproken: hulp bij schulden.", attending=[partner_org],
                   now=sitting.starts + timedelta(minutes=30))
    item.refresh_from_db()
    conference = Conference.objects.get(case=case)
    assert item.minutes == conference.minutes == "Afgesproken: hulp bij schulden."
    assert list(conference.attending.all()) == [partner_org]
    assert conference.held_on == timezone.localdate(sitting.starts)
    assert events(action="update", object_type="meetings.AgendaItem", case_id=str(case.pk)).count() == 1


def test_a_type_without_a_conference_record_shows_the_item_on_its_timeline_within_its_categories(
        regisseur, handhaver, sitting, partner_org, partner):
    from casework import access
    from casework.categories import METADATA
    from casework.sharing import share_create
    from casework.timeline import case_page
    from tests.factories.damocles import make_damocles_case

    case = make_damocles_case(owner=handhaver)  # the regisseur reaches it through the team
    item = agenda_add(actor=regisseur, occurrence=sitting, case=case, invited=[partner_org],
                      now=timezone.localtime(sitting.starts) - timedelta(days=3))
    assert item.minutes_category == "notes"
    minutes_record(actor=regisseur, item=item, minutes="Sluiting besproken.", attending=[partner_org],
                   now=sitting.starts + timedelta(minutes=5))
    page = case_page(user=regisseur, case=case, case_access=access.case_access(regisseur, case))
    [entry] = [entry for entry in page.timeline if entry.kind == "meeting"]
    assert entry.detail["minutes"] == "Sluiting besproken." and entry.detail["attending"] == [partner_org.name]
    share_create(actor=regisseur, case=case, partner=partner_org, categories=[METADATA],
                 processing_activity="chain-sharing", purpose="Overleg (test).",
                 weighing="Noodzakelijk voor het overleg; er is geen minder ingrijpend middel (test).",
                 ends_on=timezone.localdate() + timedelta(days=10))
    page = case_page(user=partner, case=case, case_access=access.case_access(partner, case))
    [entry] = [entry for entry in page.timeline if entry.kind == "meeting"]
    assert entry.detail["minutes"] is None


def test_minutes_of_the_meeting_never_overwrite_the_conference_minutes_written_on_the_case(
        regisseur, sitting, case, partner_org):
    """PGA: a conference planned for that day with its own minutes keeps them; the item's are added below,
    and a correction of the item's minutes replaces only those."""
    from casework.pga.services.conferences import conference_plan

    held_on = timezone.localdate(sitting.starts)
    conference_plan(actor=regisseur, case=case, held_on=held_on, invited=[partner_org],
                    minutes="Eigen notulen van het casusoverleg.", attending=[partner_org])
    item = agenda_add(actor=regisseur, occurrence=sitting, case=case, invited=[partner_org],
                      now=timezone.localtime(sitting.starts) - timedelta(days=3))
    during = sitting.starts + timedelta(minutes=30)
    minutes_record(actor=regisseur, item=item, minutes="Uit het overleg: hulp bij schulden.", attending=[partner_org],
                   now=during)
    conference = Conference.objects.get(case=case)
    assert conference.minutes == "Eigen notulen van het casusoverleg.\n\nUit het overleg: hulp bij schulden."
    item.refresh_from_db()
    minutes_record(actor=regisseur, item=item, minutes="Uit het overleg: hulp bij schulden en werk.",
                   attending=[partner_org], now=during)
    conference.refresh_from_db()
    assert conference.minutes == "Eigen notulen van het casusoverleg.\n\nUit het overleg: hulp bij schulden en werk."


def test_a_correction_never_cuts_the_conference_text_that_merely_ends_like_the_item(regisseur, sitting, case,
                                                                                    partner_org):
    from casework.pga.services.conferences import conference_from_meeting, conference_plan

    held_on = timezone.localdate(sitting.starts)
    conference_plan(actor=regisseur, case=case, held_on=held_on, invited=[partner_org],
                    minutes="Partners niet akkoord", attending=[partner_org])
    conference_from_meeting(actor=regisseur, case=case, held_on=held_on, attending=[partner_org],
                            minutes="Wel akkoord.", previous_minutes="akkoord")
    assert Conference.objects.get(case=case).minutes == "Partners niet akkoord\n\nWel akkoord."

