"""Retention of woonoverlast files: the migrated period version (privacy.RetentionPolicy), the
selection of an expired file, the hold of a pending objection, and a destruction that removes every
woonoverlast row with its history — and the persons the file named besides its main person (the
reporter, whose identity is shielded, and any other addressee) when nothing else refers to them."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command

from accounts.roles import PRIVACY_OFFICER
from casework.models import Case, Person
from casework.privacy import destruction
from casework.privacy.models import RetentionPolicy, Tombstone
from casework.privacy.retention import policy_in_force, retention_selection
from casework.woonoverlast import services
from casework.woonoverlast.models import BehaviouralOrder, Melding, Zwartboek
from encryption.models import DataKey
from tests.factories.woonoverlast import make_file, walk_to_order

pytestmark = pytest.mark.django_db(databases="__all__")
LONG_AGO = datetime.date(2015, 3, 2)


def _close_long_ago(case: Case) -> None:
    Case.objects.filter(pk=case.pk).update(status="afgesloten", opened_on=datetime.date(2014, 1, 6),
                                           closed_on=LONG_AGO)


def _approved_batch(make_user):
    officer, second = make_user(role=PRIVACY_OFFICER), make_user(role=PRIVACY_OFFICER)
    batch = destruction.batch_propose(actor=officer)
    destruction.batch_draft_rows(actor=second, batch=batch)
    return destruction.batch_decide(actor=second, batch=batch, approve=True)


def test_a_stored_retention_version_exists_for_woonoverlast_after_migrate():
    stored = RetentionPolicy.objects.get(case_type="woonoverlast")
    assert (stored.years, stored.counted_from, stored.basis) == (5, "closed_on", "slgio-openbare-orde-handhaving")
    assert stored.is_example and stored.selectielijst_category and stored.explanation
    assert policy_in_force("woonoverlast").pk == stored.pk  # the version, not the registered default


def test_an_expired_file_is_selected_and_a_pending_objection_holds_it(officer, lead, apv):
    expired, held = make_file(owner=officer), make_file(owner=officer)
    order = walk_to_order(held, by=officer, lead=lead)
    announcement = services.announcement_register(actor=officer, decision=order, addressee=held.person,
                                                  method="registered_post", announced_on=order.decided_on)
    services.objection_register(actor=officer, announcement=announcement,
                                received_on=order.decided_on + datetime.timedelta(days=10))
    for case in (expired, held):
        _close_long_ago(case)
    selection = retention_selection(today=datetime.date(2026, 12, 1))
    assert expired.pk in {c.case_id for c in selection.expired}
    assert held.pk in {c.case_id for c in selection.held}


def test_destruction_removes_the_file_its_rows_and_the_reporter(make_user, officer, lead, apv):
    case = make_file(owner=officer)
    order = walk_to_order(case, by=officer, lead=lead)
    melder = Melding.objects.get(case=case).melder
    keys = [case.data_key_id, case.person.data_key_id, melder.data_key_id]
    _close_long_ago(case)
    call_command("apply_retention", "--execute", "--approval", str(_approved_batch(make_user).pk),
                 stdout=io.StringIO())
    assert not Case.objects.filter(pk=case.pk).exists()
    for model in (Melding, Zwartboek, BehaviouralOrder):
        assert not model.objects.filter(case_id=case.pk).exists() and not model.history.filter(case_id=case.pk)
    assert not BehaviouralOrder.objects.filter(pk=order.pk).exists()
    assert not Person.objects.filter(pk__in=[case.person_id, melder.pk]).exists()
    assert not Person.history.filter(id=melder.pk).exists()
    assert all(DataKey.objects.get(id=key).destroyed_at for key in keys)
    assert Tombstone.objects.get(case_id=case.pk).basis == "slgio-openbare-orde-handhaving"


def test_a_reporter_who_is_named_elsewhere_is_kept(make_user, officer, apv):
    first = make_file(owner=officer)
    melder = Melding.objects.get(case=first).melder
    second = make_file(owner=officer, reports=0)
    services.melding_register(actor=officer, case=second, melder=melder, source="neighbour",
                              reported_on="2025-03-04", kind="noise", description="Geluid (testtekst).")
    _close_long_ago(first)
    call_command("apply_retention", "--execute", "--approval", str(_approved_batch(make_user).pk),
                 stdout=io.StringIO())
    assert not Case.objects.filter(pk=first.pk).exists() and Person.objects.filter(pk=melder.pk).exists()


def test_destruction_removes_a_closure_with_its_extension(make_user, officer, lead, apv):
    from casework.approvals import approval_decide
    from casework.woonoverlast.models import Closure, ClosureExtension
    from tests.factories.woonoverlast import walk_to_closure

    case = make_file(owner=officer)
    closure = walk_to_closure(case, by=officer, lead=lead)
    extension = services.closure_extension_request(actor=officer, closure=closure, weeks=2,
                                                   ground="De overlast houdt aan na de sluiting (testtekst).")
    approval_decide(approval=extension.approval, approver=lead, approve=True, reason="")
    services.closure_extend(actor=officer, extension=extension, decided_on=closure.decided_on,
                            signatory="T. Testambtenaar")
    _close_long_ago(case)
    call_command("apply_retention", "--execute", "--approval", str(_approved_batch(make_user).pk),
                 stdout=io.StringIO())
    assert not Case.objects.filter(pk=case.pk).exists()
    assert not ClosureExtension.objects.filter(case_id=case.pk).exists()
    assert not ClosureExtension.history.filter(case_id=case.pk).exists()
    assert not Closure.objects.filter(case_id=case.pk).exists()
