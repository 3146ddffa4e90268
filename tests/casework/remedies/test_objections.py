"""casework/remedies/objections.py: lodged in time or not (Awb 6:9, 6:11) and the decision term (7:10 lid 2-5).

Through Damocles' wrappers (the core has no case type of its own). Dates worked out by hand: a decision
announced on Tuesday 14 April 2026 has its objection term end on Tuesday 26 May 2026 (Whit Monday 25 May);
the decision on an objection is then due on Tuesday 7 July 2026 (6 weeks), 18 August with 6 weeks'
extension.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections

from accounts.roles import PROCESREGISSEUR
from audit.actions import Action
from audit.models import AuditEvent
from casework.damocles.services import objection_register, objection_update
from casework.remedies.models import Objection
from casework.remedies.objections import objection_on_time
from tests.factories.casework import person_data
from tests.factories.damocles import announce, make_damocles_case, walk_to_decision

pytestmark = pytest.mark.django_db(databases="__all__")

TERM_END = date(2026, 5, 26)
NOTICE = {"extension_ground": "Hoorzitting kon niet eerder (testtekst).", "extension_notice_sent_on": date(2026, 7, 1)}


@pytest.fixture
def announced(officer, lead):
    case = make_damocles_case(owner=officer, findings=[{"substance": "harddrugs", "amount": "12", "unit": "g"}],
                              main_person=person_data())
    case = walk_to_decision(case, by=officer, lead=lead, decided_on=date(2026, 3, 2))
    announcement = announce(case, by=officer, announced_on=date(2026, 4, 14))
    assert announcement.objection_deadline == TERM_END
    return announcement


def register(officer, announcement, received_on, **extra):
    return objection_register(actor=officer, case=announcement.case, announcement=announcement,
                              received_on=received_on, **extra)


# --- Awb 6:9 ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("received_on", "posted_on", "on_time", "why"), [
    (date(2026, 5, 26), None, True, "received on the last day (lid 1)"),
    (date(2026, 5, 27), None, False, "received a day late, no posting date"),
    (date(2026, 6, 2), date(2026, 5, 26), True, "posted on the last day, received 7 days after the term (lid 2)"),
    (date(2026, 6, 3), date(2026, 5, 26), False, "posted on the last day, received 8 days after the term"),
    (date(2026, 5, 28), date(2026, 5, 27), False, "posted after the term"),
])
def test_an_objection_is_on_time_by_awb_6_9(officer, announced, received_on, posted_on, on_time, why):
    assert objection_on_time(objection_deadline=TERM_END, received_on=received_on, posted_on=posted_on) is on_time
    objection = register(officer, announced, received_on, posted_on=posted_on)
    stored = Objection.objects.get(pk=objection.pk)
    assert (stored.on_time, stored.late, stored.posted_on) == (on_time, not on_time, posted_on), why
    assert stored.admissibility_open is (not on_time)


def test_a_posting_date_after_receipt_is_refused(officer, announced):
    with pytest.raises(ValidationError) as error:
        register(officer, announced, date(2026, 5, 20), posted_on=date(2026, 5, 21))
    assert "posted_on" in error.value.message_dict
    assert not Objection.objects.exists()


# --- Awb 6:11: admissibility of a late objection --------------------------------------------------------

def test_a_late_objection_is_decided_inadmissible_unless_its_lateness_is_excused(officer, announced):
    objection = register(officer, announced, date(2026, 6, 3), posted_on=date(2026, 5, 26))
    with pytest.raises(ValidationError) as error:
        objection_update(actor=officer, objection=objection, state="decided", outcome="dismissed",
                         decided_on=date(2026, 7, 1))
    assert "outcome" in error.value.message_dict
    assert Objection.objects.get(pk=objection.pk).state == "received"
    objection = objection_update(actor=officer, objection=Objection.objects.get(pk=objection.pk), state="decided",
                                 outcome="inadmissible", decided_on=date(2026, 7, 1))
    stored = Objection.objects.get(pk=objection.pk)
    assert (stored.outcome, stored.lateness_excused, stored.admissibility_open) == ("inadmissible", False, False)


def test_an_excused_lateness_needs_reasons_and_makes_the_objection_admissible(officer, announced):
    objection = register(officer, announced, date(2026, 6, 10))
    with pytest.raises(ValidationError) as error:
        objection_update(actor=officer, objection=objection, lateness_excused=True)
    assert "excuse_reasons" in error.value.message_dict
    assert Objection.objects.get(pk=objection.pk).lateness_excused is None
    objection = objection_update(actor=officer, objection=Objection.objects.get(pk=objection.pk),
                                 lateness_excused=True, excuse_reasons="Geheime reden: ziekenhuisopname")
    assert not objection.admissibility_open
    objection_update(actor=officer, objection=objection, state="decided", outcome="dismissed",
                     decided_on=date(2026, 7, 1))
    stored = Objection.objects.get(pk=objection.pk)
    assert (stored.outcome, stored.lateness_excused) == ("dismissed", True)
    assert stored.excuse_reasons == "Geheime reden: ziekenhuisopname"
    history = stored.history.latest("history_date")
    assert "late, excused=True" in history.history_change_reason
    for table in (Objection._meta.db_table, Objection.history.model._meta.db_table):
        with connections["default"].cursor() as cursor:
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - table name from the model
            assert "ziekenhuisopname" not in repr(cursor.fetchall())


def test_an_objection_in_time_has_no_lateness_to_excuse(officer, announced):
    objection = register(officer, announced, date(2026, 5, 20))
    with pytest.raises(ValidationError) as error:
        objection_update(actor=officer, objection=objection, lateness_excused=True, excuse_reasons="Niet nodig")
    assert "lateness_excused" in error.value.message_dict


def test_a_posting_date_recorded_later_can_make_an_objection_timely(officer, announced):
    objection = register(officer, announced, date(2026, 6, 1))
    assert objection.late
    objection = objection_update(actor=officer, objection=objection, posted_on=date(2026, 5, 25))
    assert not Objection.objects.get(pk=objection.pk).late


# --- Awb 7:10 ----------------------------------------------------------------------------------------------

def test_a_suspension_runs_from_the_request_to_repair_until_the_repair(officer, announced):
    objection = register(officer, announced, date(2026, 5, 1))
    objection = objection_update(actor=officer, objection=objection, suspended_from=date(2026, 6, 1),
                                 suspended_until=date(2026, 6, 11))
    stored = Objection.objects.get(pk=objection.pk)
    assert (stored.suspension_days, stored.decision_due_on) == (10, date(2026, 7, 17))  # 7 July + 10 days
    with pytest.raises(ValidationError) as error:
        objection_update(actor=officer, objection=stored, suspended_from=date(2026, 6, 12))
    assert "suspended_until" in error.value.message_dict


def test_one_extension_of_at_most_six_weeks_with_its_written_notice(officer, announced):
    objection = register(officer, announced, date(2026, 5, 1))
    with pytest.raises(ValidationError) as error:  # lid 5: no extension without the notice
        objection_update(actor=officer, objection=objection, extension_weeks=6,
                         extension_ground=NOTICE["extension_ground"])
    assert "extension_notice_sent_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:  # lid 3: at most six weeks
        objection_update(actor=officer, objection=Objection.objects.get(pk=objection.pk), extension_weeks=7, **NOTICE)
    assert "extension_weeks" in error.value.message_dict
    with pytest.raises(ValidationError) as error:  # the notice is sent within the running term (7 July)
        objection_update(actor=officer, objection=Objection.objects.get(pk=objection.pk), extension_weeks=6,
                         extension_ground="Grond", extension_notice_sent_on=date(2026, 7, 8))
    assert "extension_notice_sent_on" in error.value.message_dict
    assert Objection.objects.get(pk=objection.pk).decision_due_on == date(2026, 7, 7)
    objection_update(actor=officer, objection=Objection.objects.get(pk=objection.pk), extension_weeks=6, **NOTICE)
    stored = Objection.objects.get(pk=objection.pk)
    assert (stored.extension_weeks, stored.decision_due_on, stored.extension_notice_sent_on) == (
        6, date(2026, 8, 18), date(2026, 7, 1))


def test_a_further_postponement_needs_consent_or_a_statutory_procedure(officer, announced):
    objection = objection_update(actor=officer, objection=register(officer, announced, date(2026, 5, 1)),
                                 extension_weeks=6, **NOTICE)
    later = {"postponement_weeks": 1, "postponement_notice_sent_on": date(2026, 8, 10)}
    with pytest.raises(ValidationError) as error:  # 7 weeks in all without consent: refused
        objection_update(actor=officer, objection=Objection.objects.get(pk=objection.pk), **later)
    assert "postponement_basis" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        objection_update(actor=officer, objection=Objection.objects.get(pk=objection.pk), postponement_basis="consent",
                         **later)
    assert "consent_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:  # lid 5 for the postponement too
        objection_update(actor=officer, objection=Objection.objects.get(pk=objection.pk), postponement_weeks=1,
                         postponement_basis="consent", consent_on=date(2026, 8, 3))
    assert "postponement_notice_sent_on" in error.value.message_dict
    assert Objection.objects.get(pk=objection.pk).decision_due_on == date(2026, 8, 18)
    objection_update(actor=officer, objection=Objection.objects.get(pk=objection.pk), postponement_basis="consent",
                     consent_on=date(2026, 8, 3), **later)
    stored = Objection.objects.get(pk=objection.pk)
    assert (stored.postponement_weeks, stored.decision_due_on) == (1, date(2026, 8, 25))
    with pytest.raises(ValidationError) as error:
        objection_update(actor=officer, objection=stored, postponement_basis="statutory_procedure", consent_on=None,
                         postponement_weeks=3)
    assert "postponement_ground" in error.value.message_dict
    objection_update(actor=officer, objection=Objection.objects.get(pk=objection.pk),
                     postponement_basis="statutory_procedure", postponement_weeks=3,
                     postponement_ground="Advies van de Commissie (testtekst)")
    assert Objection.objects.get(pk=objection.pk).decision_due_on == date(2026, 9, 8)


def test_others_cannot_record_admissibility_or_terms(officer, announced, make_user):
    objection = register(officer, announced, date(2026, 6, 10))
    other = make_user(role=PROCESREGISSEUR)
    with pytest.raises(PermissionDenied):
        objection_update(actor=other, objection=objection, lateness_excused=True, excuse_reasons="Poging")
    stored = Objection.objects.get(pk=objection.pk)
    assert stored.lateness_excused is None and stored.excuse_reasons is None
    denied = AuditEvent.objects.using("audit").filter(action=Action.ACCESS_DENIED, actor_id=str(other.pk))
    assert denied.count() == 1


def test_a_registered_objection_leaves_an_audit_row(officer, announced):
    objection = register(officer, announced, date(2026, 6, 10))
    events = AuditEvent.objects.using("audit").filter(object_type="remedies.Objection", object_id=str(objection.pk))
    assert events.filter(action=Action.CREATE).count() == 1
    assert "late=True" in events.get(action=Action.CREATE).reason


def test_the_extension_notice_is_a_pdfa_letter_with_the_new_due_date(officer, announced, make_user):
    from casework.damocles.services.tracks import RULES
    from casework.remedies.letters import extension_notice_pdf
    from tests.pdfa import assert_pdfa_2u

    objection = register(officer, announced, date(2026, 5, 1))
    with pytest.raises(ValidationError):  # nothing extended, nothing to announce
        extension_notice_pdf(actor=officer, rules=RULES, objection=objection)
    objection = objection_update(actor=officer, objection=objection, extension_weeks=6, **NOTICE)
    with pytest.raises(PermissionDenied):
        extension_notice_pdf(actor=make_user(role=PROCESREGISSEUR), rules=RULES, objection=objection)
    text = assert_pdfa_2u(extension_notice_pdf(actor=officer, rules=RULES, objection=objection),
                          contains=("Verdaging van de beslissing", "18 augustus 2026", "6 weken",
                                    "artikel 7:10, derde lid", "Testverhuur B.V."))
    assert "1 juli 2026" in text  # dated the day the notice was sent
    printed = AuditEvent.objects.using("audit").get(action=Action.PRINT, object_id=str(objection.pk))
    assert printed.reason == "notice of extension (Awb 7:10 lid 5) printed"


def test_an_unsent_notice_is_a_draft_and_an_unrecorded_basis_gets_none(officer, announced):
    from casework.damocles.services.tracks import RULES
    from casework.remedies.letters import extension_notice_pdf
    from tests.pdfa import assert_pdfa_2u

    objection = objection_update(actor=officer, objection=register(officer, announced, date(2026, 5, 1)),
                                 extension_weeks=6, **NOTICE)
    Objection.objects.filter(pk=objection.pk).update(extension_notice_sent_on=None)  # as a row from before 6:9/7:10
    objection.refresh_from_db()
    text = assert_pdfa_2u(extension_notice_pdf(actor=officer, rules=RULES, objection=objection), contains=("CONCEPT",))
    assert "datum van verzending" in text and "1 juli 2026" not in text  # never the day it was generated
    Objection.objects.filter(pk=objection.pk).update(  # what remedies/0003 made of an over-long old extension
        postponement_weeks=2, postponement_basis=Objection.PostponementBasis.UNRECORDED)
    objection.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        extension_notice_pdf(actor=officer, rules=RULES, objection=objection)
    assert refused.value.code == "unrecorded_basis"
