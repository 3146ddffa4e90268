"""Destruction of dossiers (casework/privacy/destruction.py) and `apply_retention` (in-process, SQLite)."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.db import connections
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import PRIVACY_OFFICER, PROCESREGISSEUR
from audit.history import save_with_reason
from audit.models import AuditEvent
from casework.models import Case, Person, SharingDecision
from casework.privacy import destruction
from casework.privacy.models import DestructionBatch, LegalHold, Tombstone
from casework.privacy.retention import retention_selection
from encryption.exceptions import DecryptionError
from encryption.models import DataKey
from encryption.resolver import default_resolver
from tests.factories.casework import make_pga_case

pytestmark = pytest.mark.django_db(databases="__all__")
LONG_AGO = datetime.date(2015, 1, 5)


@pytest.fixture
def owner(make_user):
    return make_user(role=PROCESREGISSEUR)


@pytest.fixture
def second_officer(make_user):
    return make_user(role=PRIVACY_OFFICER)


def closed_case(owner, *, closed_on=LONG_AGO, **person) -> Case:
    case = make_pga_case(owner=owner, status="afgesloten", **person)
    Case.objects.filter(pk=case.pk).update(opened_on=closed_on - datetime.timedelta(days=30), closed_on=closed_on)
    case.refresh_from_db()
    return case


def approved_batch(officer, second_officer) -> DestructionBatch:
    batch = destruction.batch_propose(actor=officer)
    destruction.batch_draft_rows(actor=second_officer, batch=batch)  # the records manager's draft list first
    return destruction.batch_decide(actor=second_officer, batch=batch, approve=True)


def test_dry_run_lists_expired_and_held_cases_and_changes_nothing(owner):
    expired = closed_case(owner)
    held = closed_case(owner)
    LegalHold.objects.create(case=held, data_key_id=held.data_key_id, ground="litigation", placed_by=owner,
                             placed_at=timezone.now())
    recent = closed_case(owner, closed_on=timezone.localdate() - datetime.timedelta(days=30))
    counts = (Case.objects.count(), Person.objects.count(), DataKey.objects.filter(destroyed_at=None).count(),
              Case.history.count())
    out = io.StringIO()
    call_command("apply_retention", stdout=out)
    text = out.getvalue()
    assert expired.reference in text and held.reference in text and recent.reference not in text
    assert _("explicit legal hold") in text  # the command speaks Dutch, like the UI
    assert (Case.objects.count(), Person.objects.count(), DataKey.objects.filter(destroyed_at=None).count(),
            Case.history.count()) == counts


def test_execute_destroys_rows_history_and_keys_and_keeps_a_tombstone(owner, officer, second_officer):
    case = closed_case(owner, bsn="111222333")
    other = make_pga_case(owner=owner)  # still open: untouched
    person, case_key, person_key = case.person, case.data_key_id, case.person.data_key_id
    batch = approved_batch(officer, second_officer)
    call_command("apply_retention", "--execute", "--approval", str(batch.pk), stdout=io.StringIO())

    assert not Case.objects.filter(pk=case.pk).exists()
    assert not Case.history.filter(id=case.pk).exists()
    assert not Person.objects.filter(pk=person.pk).exists()
    assert not Person.history.filter(id=person.pk).exists()
    assert not SharingDecision.objects.filter(case_id=case.pk).exists()
    assert set(DataKey.objects.filter(id__in=[case_key, person_key]).values_list("destroyed_at", flat=True)) != {None}
    assert DataKey.objects.get(id=case_key).destroyed_at and DataKey.objects.get(id=person_key).destroyed_at
    assert Case.objects.get(pk=other.pk).person.surname  # the other dossier still opens
    tombstone = Tombstone.objects.get(case_id=case.pk)
    assert (tombstone.reference, tombstone.batch_id, tombstone.basis) == (case.reference, batch.pk,
                                                                           "slgio-zorg-veiligheid")
    assert tombstone.approved_by_name == second_officer.display_name
    batch.refresh_from_db()
    assert batch.state == DestructionBatch.State.EXECUTED and bytes(batch.statement_pdf).startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="destroy", case_id=str(case.pk)).exists()
    assert AuditEvent.objects.filter(action="shred").count() >= 2


def test_a_person_with_another_case_is_kept(owner, officer, second_officer):
    case = closed_case(owner)
    second = make_pga_case(owner=owner)
    Case.objects.filter(pk=second.pk).update(person=case.person)
    call_command("apply_retention", "--execute", "--approval", str(approved_batch(officer, second_officer).pk),
                 stdout=io.StringIO())
    person = Person.objects.get(pk=case.person_id)
    assert person.surname  # still decrypts: the person's key was not shredded


def test_a_dossier_under_legal_hold_is_skipped(owner, officer, second_officer):
    free, held = closed_case(owner), closed_case(owner)
    LegalHold.objects.create(case=held, data_key_id=held.data_key_id, ground="archive", placed_by=officer,
                             placed_at=timezone.now())
    batch = approved_batch(officer, second_officer)
    assert batch.case_ids == [str(free.pk)]
    call_command("apply_retention", "--execute", "--approval", str(batch.pk), stdout=io.StringIO())
    assert not Case.objects.filter(pk=free.pk).exists()
    assert Case.objects.get(pk=held.pk).person.surname


def test_a_pending_appeal_or_objection_holds_the_case(owner):
    from casework.remedies.models import Appeal

    case = closed_case(owner)
    appeal = save_with_reason(Appeal(case=case, data_key_id=case.data_key_id, decision_type="casework.Case",
                                     decision_id=case.pk, level="beroep", lodged_on=LONG_AGO), reason="test")
    selection = retention_selection()
    assert [c.case_id for c in selection.held] == [case.pk] and _("appeal pending") in selection.held[0].holds
    appeal.ruled_on = LONG_AGO
    save_with_reason(appeal, reason="test: ruled")
    assert [c.case_id for c in retention_selection().expired] == [case.pk]


def test_the_requester_cannot_approve_and_the_refusal_is_audited(owner, officer):
    closed_case(owner)
    batch = destruction.batch_propose(actor=officer)
    with pytest.raises(PermissionDenied):
        destruction.batch_decide(actor=officer, batch=batch, approve=True)
    batch.refresh_from_db()
    assert batch.state == DestructionBatch.State.REQUESTED and batch.approved_by is None
    assert AuditEvent.objects.filter(object_id=str(batch.pk), outcome="denied").exists()


def test_execute_with_a_batch_whose_cases_differ_is_refused(owner, officer, second_officer):
    first = closed_case(owner)
    batch = approved_batch(officer, second_officer)
    closed_case(owner)  # now the selection holds two cases
    with pytest.raises(CommandError, match="wijken af"):
        call_command("apply_retention", "--execute", "--approval", str(batch.pk), stdout=io.StringIO())
    assert Case.objects.filter(pk=first.pk).exists()


def test_execute_of_an_unapproved_batch_or_without_approval_is_refused(owner, officer):
    closed_case(owner)
    batch = destruction.batch_propose(actor=officer)
    with pytest.raises(CommandError, match="niet goedgekeurd"):
        call_command("apply_retention", "--execute", "--approval", str(batch.pk), stdout=io.StringIO())
    with pytest.raises(CommandError, match="--approval"):
        call_command("apply_retention", "--execute", stdout=io.StringIO())
    assert Case.objects.count() == 1


def test_erase_person_destroys_their_dossiers(owner, officer):
    case = make_pga_case(owner=owner)
    person = case.person

    class Request:
        pk = None
        legal_duty_to_keep = ""

    done = destruction.erase_person(actor=officer, person=person, request=Request())
    assert done.persons == 1 and done.references == [case.reference]
    assert not Person.objects.filter(pk=person.pk).exists()
    assert Tombstone.objects.get(case_id=case.pk).basis == "avg-17"


def test_erase_person_is_refused_under_a_legal_duty_or_a_hold(owner, officer):
    case = make_pga_case(owner=owner)

    class Request:
        pk = None
        legal_duty_to_keep = "Archiefwet: selectielijst, bewaren"

    with pytest.raises(destruction.DestructionRefused, match="wettelijke bewaarplicht"):
        destruction.erase_person(actor=officer, person=case.person, request=Request())
    Request.legal_duty_to_keep = ""
    LegalHold.objects.create(case=case, data_key_id=case.data_key_id, ground="justice", placed_by=officer,
                             placed_at=timezone.now())
    with pytest.raises(destruction.DestructionRefused, match=case.reference):
        destruction.erase_person(actor=officer, person=case.person, request=Request())
    assert Case.objects.get(pk=case.pk).person.surname


def test_a_restored_backup_row_of_a_destroyed_person_no_longer_decrypts(owner, officer, second_officer):
    case = closed_case(owner)
    table = Person._meta.db_table
    with connections["default"].cursor() as cursor:  # the "backup": the raw row before destruction
        cursor.execute(f'SELECT * FROM "{table}" WHERE id = %s', [case.person_id.hex])  # noqa: S608
        columns, backup = [c[0] for c in cursor.description], cursor.fetchone()
    assert backup is not None
    call_command("apply_retention", "--execute", "--approval", str(approved_batch(officer, second_officer).pk),
                 stdout=io.StringIO())
    with connections["default"].cursor() as cursor:  # restore it
        cursor.execute(f'INSERT INTO "{table}" ({", ".join(columns)}) VALUES ({", ".join(["%s"] * len(columns))})',
                       list(backup))  # noqa: S608
    default_resolver.cache.clear()
    restored = Person.objects.get(pk=case.person_id)
    with pytest.raises(DecryptionError):
        _ = restored.surname


def test_rows_of_another_case_type_and_nested_rows_are_found_by_introspection(make_user, officer, second_officer):
    from casework.damocles.models import DamoclesCase, Finding, PoliceReport
    from tests.factories.damocles import make_damocles_case

    handhaver = make_user(role="handhaver")
    case = make_damocles_case(owner=handhaver)
    Case.objects.filter(pk=case.pk).update(opened_on=datetime.date(2012, 1, 2), closed_on=datetime.date(2012, 2, 1))
    report = PoliceReport.objects.get(case=case)
    assert Finding.objects.filter(report=report).exists()
    call_command("apply_retention", "--execute", "--approval", str(approved_batch(officer, second_officer).pk),
                 stdout=io.StringIO())
    assert not DamoclesCase.objects.filter(case_id=case.pk).exists()
    assert not DamoclesCase.history.filter(case_id=case.pk).exists()
    assert not PoliceReport.objects.filter(pk=report.pk).exists() and not PoliceReport.history.filter(id=report.pk)
    assert not Finding.objects.filter(report_id=report.pk).exists()
    assert Tombstone.objects.get(case_id=case.pk).basis == "slgio-openbare-orde-handhaving"


def test_an_open_data_subject_request_holds_the_persons_cases(owner, officer):
    from casework.privacy.models import DataSubjectRequest

    case = closed_case(owner)
    request = DataSubjectRequest.objects.create(
        organisation=owner.organisation, person=case.person, data_key_id=case.person.data_key_id, kind="inzage",
        received_on=datetime.date(2026, 1, 5), due_on=datetime.date(2026, 2, 5), created_by=officer,
        created_at=timezone.now(), updated_at=timezone.now(),
    )
    selection = retention_selection()
    assert [c.case_id for c in selection.held] == [case.pk]
    assert selection.held[0].holds == [_("open data-subject request")]
    DataSubjectRequest.objects.filter(pk=request.pk).update(status="withdrawn")
    assert [c.case_id for c in retention_selection().expired] == [case.pk]


def test_a_park_file_with_its_order_and_inspections_is_destroyed(make_user, officer, second_officer):
    from casework.park.models import Inspection, ParkFile, PenaltyOrder
    from tests.factories import park as park_factories

    handhaver, lead = make_user(role="handhaver"), make_user(role="teamleider")
    case = park_factories.make_park_case(owner=handhaver)
    order = park_factories.walk_to_order(case, by=handhaver, lead=lead)
    Case.objects.filter(pk=case.pk).update(opened_on=datetime.date(2012, 1, 2), closed_on=datetime.date(2012, 2, 1))
    assert Inspection.objects.filter(case=case).exists()
    call_command("apply_retention", "--execute", "--approval", str(approved_batch(officer, second_officer).pk),
                 stdout=io.StringIO())
    assert not ParkFile.objects.filter(case_id=case.pk).exists()
    assert not PenaltyOrder.objects.filter(pk=order.pk).exists() and not PenaltyOrder.history.filter(id=order.pk)
    assert not Inspection.objects.filter(case_id=case.pk).exists()
    assert Tombstone.objects.get(case_id=case.pk).basis == "slgio-ruimtelijke-handhaving"


def test_an_officer_of_another_organisation_neither_sees_nor_approves_the_batch(owner, officer, make_user,
                                                                                 other_organisation):
    case = closed_case(owner)
    outsider = make_user(role=PRIVACY_OFFICER, organisation=other_organisation)
    assert retention_selection(controller_id=other_organisation.pk).expired == []
    with pytest.raises(ValidationError):
        destruction.batch_propose(actor=outsider)
    batch = destruction.batch_propose(actor=officer)
    with pytest.raises(PermissionDenied):
        destruction.batch_decide(actor=outsider, batch=batch, approve=True)
    batch.refresh_from_db()
    assert batch.state == DestructionBatch.State.REQUESTED and Case.objects.filter(pk=case.pk).exists()
