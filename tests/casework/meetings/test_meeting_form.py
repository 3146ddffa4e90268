"""Planning and changing meetings in the UI: the `meeting_update` service and a move onto a taken moment
at service level, then a handful of page renders (new, change, move; refused and audited; bad input)."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from casework.meetings.invitations import invitations_send
from casework.meetings.models import Meeting
from casework.meetings.services import meeting_update, occurrence_move
from tests.auditlog import events

pytestmark = pytest.mark.django_db(databases="__all__")
NEW = reverse("casework:meeting_list") + "nieuw/"


def _url(name, sitting):
    return reverse(f"casework:{name}", kwargs={"occurrence_id": sitting.pk})


def _edit(meeting, **changes):
    fields = {"title": meeting.title, "kind": meeting.kind, "place": meeting.place, "video_link": meeting.video_link,
              "chair": meeting.chair, "team": meeting.team, "referral_weekday": meeting.referral_weekday,
              "referral_time": meeting.referral_time}
    return {**fields, **changes}


def test_a_changed_place_goes_out_as_an_update_and_the_audit_names_fields_not_values(
        regisseur, colleague, triage, sitting, django_capture_on_commit_callbacks):
    invitations_send(occurrence=sitting)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        meeting_update(actor=regisseur, meeting=triage, staff=[colleague], **_edit(triage, place="Stadhuis, zaal 5"))
    sitting.refresh_from_db()
    assert sitting.sequence == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted([regisseur.email, colleague.email])
    assert all(m.subject.startswith("Gewijzigd") and "zaal 5" in m.body for m in mail.outbox)
    [event] = events(action="update", object_type="meetings.Meeting", object_id=str(triage.pk))
    assert event.reason == "changed:place,staff" and "zaal" not in event.reason
    later = triage.occurrences.exclude(pk=sitting.pk).first()
    assert later.sequence == 0  # not sent out yet: the daily command sends the current version


def test_a_meeting_is_changed_only_by_its_organisation_and_a_refusal_is_recorded(other_org_user, triage):
    with pytest.raises(PermissionDenied):
        meeting_update(actor=other_org_user, meeting=triage, staff=[], **_edit(triage, title="Overgenomen"))
    triage.refresh_from_db()
    assert triage.title == "Wekelijkse triage"
    assert events(action="access_denied", object_id=str(triage.pk), actor_id=str(other_org_user.pk),
                  reason="action:organise").exists()


def test_a_chair_or_colleague_of_another_organisation_is_refused_and_nothing_changes(regisseur, other_org_user,
                                                                                     triage):
    with pytest.raises(ValidationError) as refused:
        meeting_update(actor=regisseur, meeting=triage, staff=[other_org_user],
                       **_edit(triage, chair=other_org_user, title="Nieuw"))
    assert set(refused.value.message_dict) == {"chair", "staff"}
    triage.refresh_from_db()
    assert (triage.title, triage.chair_id, triage.staff.count()) == ("Wekelijkse triage", regisseur.pk, 0)
    assert not events(action="update", object_type="meetings.Meeting").exists()


def test_a_sitting_cannot_be_moved_onto_another_sitting_of_the_series(regisseur, triage, sitting):
    later = triage.occurrences.order_by("starts")[1]
    with pytest.raises(ValidationError) as refused:
        occurrence_move(actor=regisseur, occurrence=sitting, starts=later.starts)
    assert "starts" in refused.value.message_dict
    sitting.refresh_from_db()
    assert sitting.sequence == 0


# Pages


def _weekly(regisseur, **overrides):
    data = {"title": "Casusoverleg Noord", "kind": "casusoverleg", "recurrence": "weekly", "weekday": "3",
            "first_on": "", "starts_at": "14:00", "duration_minutes": "90", "place": "", "video_link":
            "https://video.example.invalid/overleg", "chair": regisseur.pk, "team": "", "staff": [],
            "referral_weekday": "2", "referral_time": "12:00"}
    return {**data, **overrides}


def test_staff_plan_a_weekly_meeting_from_the_list(client, login, regisseur, colleague):
    login(client, regisseur)
    assert NEW in client.get(reverse("casework:meeting_list")).content.decode()
    response = client.post(NEW, _weekly(regisseur, staff=[colleague.pk]))
    assert response.status_code == 302
    meeting = Meeting.objects.get(title="Casusoverleg Noord")
    assert (meeting.weekday, meeting.starts_at, meeting.referral_time, meeting.organisation_id) == (
        3, time(14, 0), time(12, 0), regisseur.organisation_id)
    assert list(meeting.staff.all()) == [colleague]
    sittings = list(meeting.occurrences.all())
    assert len(sittings) >= 8 and all(s.starts.weekday() == 3 for s in sittings)
    assert response.url == _url("meeting_occurrence", sittings[0])
    assert events(action="create", object_type="meetings.Meeting", object_id=str(meeting.pk)).count() == 1


def test_a_partner_may_not_plan_a_meeting_and_the_refusal_is_recorded(client, login, partner, regisseur):
    login(client, partner)
    assert NEW not in client.get(reverse("casework:meeting_list")).content.decode()
    assert client.get(NEW).status_code == 403
    assert client.post(NEW, _weekly(regisseur)).status_code == 403
    assert not Meeting.objects.exists()
    assert events(action="access_denied", object_type="meetings.Meeting", actor_id=str(partner.pk),
                  reason="action:create").count() == 2


def test_bad_input_is_explained_in_the_error_summary_and_nothing_is_saved(client, login, regisseur):
    login(client, regisseur)
    response = client.post(NEW, _weekly(regisseur, starts_at="", weekday="", referral_time=""))
    html = response.content.decode()
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"starts_at", "weekday", "referral_time"}
    assert "Geef de begintijd van het overleg." in html and 'href="#id_starts_at"' in html
    response = client.post(NEW, _weekly(regisseur, video_link=""))
    assert response.status_code == 400 and "Vul een plaats of een videolink in." in response.content.decode()
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = client.post(NEW, _weekly(regisseur, recurrence="single", first_on=yesterday))
    assert response.status_code == 400 and set(response.context["form"].errors) == {"first_on"}
    assert not Meeting.objects.exists()
    assert not events(action="create", object_type="meetings.Meeting").exists()


def test_the_organiser_moves_a_sitting_and_the_invitees_get_an_update(client, login, regisseur, sitting,
                                                                       django_capture_on_commit_callbacks):
    invitations_send(occurrence=sitting)
    mail.outbox.clear()
    login(client, regisseur)
    page = client.get(_url("meeting_occurrence", sitting)).content.decode()
    assert _url("meeting_move", sitting) in page and _url("meeting_edit", sitting) in page
    new_day = (sitting.starts + timedelta(days=1)).date()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("meeting_move", sitting), {"on": new_day.isoformat(), "at": "09:30"})
    assert response.status_code == 302
    sitting.refresh_from_db()
    assert (sitting.sequence, sitting.starts.date(), sitting.ends - sitting.starts) == (
        1, new_day, timedelta(hours=1))
    assert [m.to[0] for m in mail.outbox] == [regisseur.email] and mail.outbox[0].subject.startswith("Gewijzigd")


def test_another_organisation_cannot_open_the_change_pages(client, login, other_org_user, sitting):
    login(client, other_org_user)
    for name in ("meeting_edit", "meeting_move"):
        assert client.get(_url(name, sitting)).status_code == 403
    assert events(action="access_denied", actor_id=str(other_org_user.pk), object_id=str(sitting.pk)).count() == 2


def test_the_organiser_changes_the_series(client, login, regisseur, colleague, triage, sitting):
    login(client, regisseur)
    assert client.get(_url("meeting_edit", sitting)).status_code == 200
    response = client.post(_url("meeting_edit", sitting), {
        "title": "Triage Noord", "kind": "triage", "place": "Stadhuis, zaal 3", "video_link": "",
        "chair": colleague.pk, "team": "", "staff": [regisseur.pk], "referral_weekday": "", "referral_time": ""})
    assert response.status_code == 302
    triage.refresh_from_db()
    assert (triage.title, triage.chair_id, triage.referral_weekday, triage.referral_time) == (
        "Triage Noord", colleague.pk, None, None)
