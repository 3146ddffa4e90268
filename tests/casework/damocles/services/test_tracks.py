"""casework/damocles/services/tracks.py: announcements per addressee, objections, interim relief, appeals.

Dates are worked out by hand (Awb 6:7/6:8, 7:10 and the Algemene termijnenwet); 2026: Easter
5 April, King's Day Monday 27 April, Ascension 14 May, Whit Monday 25 May.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.roles import HANDHAVER, PROCESREGISSEUR, TEAMLEIDER
from audit.actions import Action
from audit.models import AuditEvent
from casework.damocles import workflow as wf
from casework.damocles.services import (
    announcement_register,
    appeal_register,
    appeal_update,
    decision_suspended,
    interim_relief_register,
    interim_relief_update,
    objection_decision_due,
    objection_register,
    objection_update,
)
from casework.persons import person_register
from casework.remedies.models import Announcement, Appeal, InterimRelief, Objection
from encryption.pseudonyms import subject_pseudonym
from tests.factories.casework import person_data
from tests.factories.damocles import announce, assess, make_damocles_case, step, walk_to_decision

pytestmark = pytest.mark.django_db(databases="__all__")


@pytest.fixture
def decided(officer, lead):
    """A closure decision taken on Monday 2 March 2026 (before every example announcement date)."""
    case = make_damocles_case(owner=officer, findings=[{"substance": "harddrugs", "amount": "12", "unit": "g"}],
                              main_person=person_data())
    return walk_to_decision(case, by=officer, lead=lead, decided_on=date(2026, 3, 2))


@pytest.mark.parametrize(("announced_on", "deadline", "why"), [
    (date(2026, 3, 11), date(2026, 4, 22), "Wednesday + 6 weeks: a Wednesday"),
    (date(2026, 3, 7), date(2026, 4, 20), "ends on Saturday 18 April: runs to Monday"),
    (date(2026, 11, 13), date(2026, 12, 28), "ends on Christmas Day: past Boxing Day and Sunday to Monday"),
    (date(2026, 4, 13), date(2026, 5, 26), "ends on Whit Monday: runs to Tuesday"),
])
def test_the_objection_deadline_of_an_announcement(decided, officer, announced_on, deadline, why):
    announcement = announce(decided, by=officer, announced_on=announced_on)
    assert announcement.objection_deadline == deadline, why
    assert Announcement.objects.get(pk=announcement.pk).objection_deadline == deadline


def test_two_addressees_announced_on_different_days_have_their_own_deadlines(decided, officer):
    tenant = person_register(actor=officer, controller=officer.organisation, **person_data())[0]
    owner = announcement_register(actor=officer, case=decided, role="owner", method="registered_post",
                                  announced_on=date(2026, 4, 14), addressee_name="Testverhuur B.V.")
    by_police = announcement_register(actor=officer, case=decided, role="tenant", method="handed_by_police",
                                      announced_on=date(2026, 4, 16), addressee_person=tenant)
    assert owner.objection_deadline == date(2026, 5, 26)
    assert by_police.objection_deadline == date(2026, 5, 28)
    assert decided.announcements.count() == 2
    event = AuditEvent.objects.using("audit").filter(object_type="remedies.Announcement",
                                                    action=Action.CREATE).latest("sequence")
    assert event.reason == "announcement registered (tenant, handed_by_police)"
    assert event.case_id == str(decided.pk) and event.subject_pseudonym == subject_pseudonym(decided.person_id)


def test_a_warning_has_no_announcement_and_no_objection_deadline(officer):
    case = step(make_damocles_case(owner=officer, findings=[{"substance": "softdrugs", "amount": "10", "unit": "g"}]),
                wf.BEOORDELING, by=officer)
    assess(case, by=officer)
    step(case, wf.WAARSCHUWING, by=officer)
    with pytest.raises(ValidationError) as error:
        announce(case, by=officer, announced_on=date(2026, 3, 11))
    assert error.value.code == "warning"
    assert not Announcement.objects.filter(case=case).exists()


def test_no_announcement_before_a_decision_or_before_its_date(officer, decided):
    case = step(make_damocles_case(owner=officer), wf.BEOORDELING, by=officer)
    with pytest.raises(ValidationError) as error:
        announce(case, by=officer, announced_on=date(2026, 3, 11))
    assert error.value.code == "no_decision"
    with pytest.raises(ValidationError) as error:
        announce(decided, by=officer, announced_on=date(2026, 3, 1))  # decided 2 March
    assert "announced_on" in error.value.message_dict


@pytest.mark.parametrize(("data", "field"), [
    ({"role": "buurman"}, "role"), ({"method": "duif"}, "method"), ({"addressee_name": " "}, "addressee_name"),
])
def test_an_announcement_needs_role_method_and_addressee(decided, officer, data, field):
    arguments = {"actor": officer, "case": decided, "role": "owner", "method": "registered_post",
                 "announced_on": date(2026, 3, 11), "addressee_name": "Testverhuur B.V.", **data}
    with pytest.raises(ValidationError) as error:
        announcement_register(**arguments)
    assert field in error.value.message_dict
    assert not Announcement.objects.exists()


# --- objections: Awb 7:10 ---------------------------------------------------------------------------

@pytest.fixture
def announced(decided, officer):
    announcement = announce(decided, by=officer, announced_on=date(2026, 4, 14))
    assert announcement.objection_deadline == date(2026, 5, 26)
    return announcement


@pytest.mark.parametrize(("committee", "due"), [(False, date(2026, 7, 7)), (True, date(2026, 8, 18))])
def test_the_decision_term_starts_after_the_objection_window(decided, officer, announced, committee, due):
    objection = objection_register(actor=officer, case=decided, announcement=announced,
                                   received_on=date(2026, 5, 1), advisory_committee=committee)
    assert objection.decision_due_on == due and objection.state == Objection.State.RECEIVED


def test_suspension_and_extension_move_the_decision_term(decided, officer, announced):
    objection = objection_register(actor=officer, case=decided, announcement=announced, received_on=date(2026, 5, 1))
    objection = objection_update(actor=officer, objection=objection, suspension_days=10)
    assert objection.decision_due_on == date(2026, 7, 17)  # 7 July + 10 days, a Friday
    objection = objection_update(actor=officer, objection=objection, suspension_days=11)
    assert objection.decision_due_on == date(2026, 7, 20)  # Saturday 18 July -> Monday
    with pytest.raises(ValidationError) as error:
        objection_update(actor=officer, objection=objection, suspension_days=0, extension_weeks=6)
    assert "extension_ground" in error.value.message_dict
    assert Objection.objects.get(pk=objection.pk).decision_due_on == date(2026, 7, 20)
    objection = Objection.objects.get(pk=objection.pk)
    objection = objection_update(actor=officer, objection=objection, suspension_days=0, extension_weeks=6,
                                 extension_ground="Awb 7:10 lid 3: hoorzitting later (testtekst).",
                                 extension_notice_sent_on=date(2026, 7, 1))
    assert objection.decision_due_on == date(2026, 8, 18)
    history = objection.history.latest("history_date")
    assert history.history_change_reason == "objection updated (state=received, suspension=0d, extension=6w)"


def test_an_objection_is_decided_with_its_outcome(decided, officer, announced):
    objection = objection_register(actor=officer, case=decided, announcement=announced, received_on=date(2026, 5, 1))
    with pytest.raises(ValidationError):
        objection_update(actor=officer, objection=objection, state="decided")
    objection = Objection.objects.get(pk=objection.pk)
    with pytest.raises(ValidationError):
        objection_update(actor=officer, objection=objection, outcome="dismissed")  # not decided yet
    objection = Objection.objects.get(pk=objection.pk)
    objection_update(actor=officer, objection=objection, state="decided", outcome="dismissed",
                     decided_on=date(2026, 7, 1))
    stored = Objection.objects.get(pk=objection.pk)
    assert (stored.state, stored.outcome, stored.decided_on) == ("decided", "dismissed", date(2026, 7, 1))
    # the objection did not suspend the decision (Awb 6:16): the case moves on
    step(decided, wf.BEKENDGEMAAKT, by=officer)
    assert decided.status == wf.BEKENDGEMAAKT


def test_an_objection_must_belong_to_the_case_and_follow_the_announcement(decided, officer, announced, lead):
    with pytest.raises(ValidationError):
        objection_register(actor=officer, case=decided, announcement=announced, received_on=date(2026, 4, 13))
    other = walk_to_decision(make_damocles_case(owner=officer), by=officer, lead=lead, decided_on=date(2026, 3, 2))
    with pytest.raises(ValidationError) as error:
        objection_register(actor=officer, case=other, announcement=announced, received_on=date(2026, 5, 1))
    assert "announcement" in error.value.message_dict
    assert not Objection.objects.exists()


def test_objection_decision_due_examples():
    window_end = date(2026, 5, 26)
    assert objection_decision_due(objection_deadline=window_end, advisory_committee=False) == date(2026, 7, 7)
    assert objection_decision_due(objection_deadline=window_end, advisory_committee=True) == date(2026, 8, 18)
    assert objection_decision_due(objection_deadline=window_end, advisory_committee=True, suspension_days=14,
                                  extension_weeks=6) == date(2026, 10, 13)


# --- interim relief and appeals ----------------------------------------------------------------------

def test_only_the_judges_suspension_suspends_the_decision(decided, officer):
    relief = interim_relief_register(actor=officer, case=decided, requested_on=date(2026, 4, 20),
                                     municipality_waits=True)
    assert not decision_suspended(decided) and InterimRelief.objects.get().municipality_waits
    with pytest.raises(ValidationError) as error:
        interim_relief_update(actor=officer, relief=relief, state="suspended")
    assert "ruled_on" in error.value.message_dict
    relief = InterimRelief.objects.get()
    interim_relief_update(actor=officer, relief=relief, state="rejected", ruled_on=date(2026, 5, 4))
    assert not decision_suspended(decided)
    interim_relief_update(actor=officer, relief=InterimRelief.objects.get(), state="suspended",
                          ruled_on=date(2026, 5, 4))
    assert decision_suspended(decided)


def test_appeals_are_registered_and_ruled(decided, officer):
    appeal = appeal_register(actor=officer, case=decided, level="beroep", lodged_on=date(2026, 8, 1))
    with pytest.raises(ValidationError):
        appeal_update(actor=officer, appeal=appeal, ruled_on=date(2026, 7, 1))
    appeal = Appeal.objects.get()
    appeal_update(actor=officer, appeal=appeal, ruled_on=date(2026, 12, 1), outcome="Beroep ongegrond (test).")
    stored = Appeal.objects.get()
    assert stored.ruled_on == date(2026, 12, 1) and stored.outcome == "Beroep ongegrond (test)."
    with pytest.raises(ValidationError):
        appeal_register(actor=officer, case=decided, level="cassatie", lodged_on=date(2026, 8, 1))


@pytest.mark.parametrize("who", ["procesregisseur", "other_org_handhaver", "teamleider"])
def test_others_cannot_change_the_legal_tracks(decided, officer, announced, make_user, other_organisation, who):
    actor = {
        "procesregisseur": lambda: make_user(role=PROCESREGISSEUR),
        "other_org_handhaver": lambda: make_user(role=HANDHAVER, organisation=other_organisation),
        "teamleider": lambda: make_user(role=TEAMLEIDER),
    }[who]()
    attempts = [
        lambda: announce(decided, by=actor, announced_on=date(2026, 4, 15)),
        lambda: objection_register(actor=actor, case=decided, announcement=announced, received_on=date(2026, 5, 1)),
        lambda: interim_relief_register(actor=actor, case=decided, requested_on=date(2026, 5, 1)),
        lambda: appeal_register(actor=actor, case=decided, level="beroep", lodged_on=date(2026, 8, 1)),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            attempt()
    denied = AuditEvent.objects.using("audit").filter(action=Action.ACCESS_DENIED, actor_id=str(actor.pk))
    assert denied.count() == len(attempts)
    assert set(denied.values_list("case_id", flat=True)) == {str(decided.pk)}
    assert decided.announcements.count() == 1 and not Objection.objects.exists()
    assert not InterimRelief.objects.exists() and not Appeal.objects.exists()


def test_track_free_text_is_ciphertext_in_history(decided, officer, announced):
    from django.db import connections

    objection = objection_register(actor=officer, case=decided, announcement=announced, received_on=date(2026, 5, 1))
    objection_update(actor=officer, objection=objection, extension_weeks=6, extension_ground="Geheime grond",
                     extension_notice_sent_on=date(2026, 7, 1))
    announce(decided, by=officer, announced_on=date(2026, 4, 15), name="Geheime Geadresseerde")
    for model in (Objection.history.model, Announcement.history.model, Objection, Announcement):
        with connections["default"].cursor() as cursor:
            cursor.execute(f'SELECT * FROM "{model._meta.db_table}"')  # noqa: S608 - table name from the model
            rows = [repr(row) for row in cursor.fetchall()]
        assert rows
        for row in rows:
            assert "Geheime grond" not in row and "Geheime Geadresseerde" not in row


def test_a_megabyte_ruling_outcome_is_refused_and_nothing_is_saved(decided, officer):
    """Found by the hostile-input sweep of the web forms (tests/casework/web/test_hostile_forms.py)."""
    appeal = appeal_register(actor=officer, case=decided, level="beroep", lodged_on=date(2026, 8, 1))
    with pytest.raises(ValidationError) as refused:
        appeal_update(actor=officer, appeal=appeal, ruled_on=date(2026, 12, 1), outcome="x" * 1_000_000)
    assert "outcome" in refused.value.message_dict
    assert Appeal.objects.get().outcome in (None, "")
