"""audit.services: record(), record_batch(), pseudonyms, validation and fail-closed errors."""

from __future__ import annotations

import uuid

import pytest
from django.db import transaction

import audit
from audit import context as audit_context
from audit.actions import Action, Outcome
from audit.activities import PRIVACY_SUPERVISION
from audit.errors import AuditWriteError
from audit.models import AuditEvent
from audit.services import Target
from casework.pga.casetype import PROCESSING_ACTIVITY as PGA_PROCESREGIE
from encryption.pseudonyms import subject_pseudonym
from tests.auditlog import event_list as events

pytestmark = pytest.mark.django_db(databases="__all__")


def test_record_stores_actor_snapshot_and_pseudonym(procesregisseur):
    person_id = uuid.uuid4()
    event = audit.record(action=Action.VIEW, processing_activity=PGA_PROCESREGIE, actor=procesregisseur,
                         object_type="testapp.DemoPerson", object_id=person_id, subject_id=person_id)
    stored = AuditEvent.objects.get(sequence=event.sequence)
    assert stored.subject_pseudonym == subject_pseudonym(person_id)
    assert str(person_id) not in stored.subject_pseudonym
    assert stored.actor_id == str(procesregisseur.pk)
    assert stored.actor_name == procesregisseur.display_name
    assert stored.actor_role == "procesregisseur"
    assert stored.actor_organisation == procesregisseur.organisation.name
    assert stored.on_behalf_of_type == "organisation"
    assert stored.on_behalf_of_id == str(procesregisseur.organisation_id)
    assert stored.outcome == Outcome.OK
    assert stored.processing_activity == PGA_PROCESREGIE
    assert stored.occurred_at.utcoffset().total_seconds() == 0


def test_sequence_increments_and_links(procesregisseur):
    first = audit.record(action=Action.SEARCH, processing_activity=PGA_PROCESREGIE, actor=procesregisseur)
    second = audit.record(action=Action.SEARCH, processing_activity=PGA_PROCESREGIE, actor=procesregisseur)
    assert second.sequence == first.sequence + 1
    assert second.prev_hash == first.hash


def test_batch_writes_one_event_per_subject_in_one_insert(procesregisseur, django_assert_max_num_queries):
    ids = [uuid.uuid4() for _ in range(25)]
    audit.record(action=Action.VIEW, processing_activity=PGA_PROCESREGIE, actor=procesregisseur)  # warm caches
    targets = [Target(object_type="testapp.DemoPerson", object_id=pk, subject_id=pk) for pk in ids]
    # Savepoint statements (the test runs inside a transaction) + head read + insert.
    with django_assert_max_num_queries(4, using="audit") as captured:
        written = audit.record_batch(action=Action.LIST, processing_activity=PGA_PROCESREGIE, targets=targets,
                                     actor=procesregisseur)
    statements = [q["sql"].split()[0] for q in captured.captured_queries if "SAVEPOINT" not in q["sql"]]
    assert statements == ["SELECT", "INSERT"]
    assert [e.subject_pseudonym for e in written] == [subject_pseudonym(pk) for pk in ids]
    assert len({e.sequence for e in written}) == 25


def test_empty_batch_writes_nothing():
    assert audit.record_batch(action=Action.LIST, processing_activity=PGA_PROCESREGIE, targets=[]) == []
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("kwargs", [
    {"action": "peek"},
    {"processing_activity": "marketing"},
    {"outcome": "maybe"},
    {"subject_pseudonym": "Testpersoon Jansen"},
    {"subject_pseudonym": "123456782"},
    {"object_id": "Testpersoon Jansen"},
    {"case_id": "BSN 123456782"},
])
def test_invalid_values_are_refused(kwargs):
    arguments = {"action": Action.VIEW, "processing_activity": PGA_PROCESREGIE, **kwargs}
    with pytest.raises(ValueError):
        audit.record(**arguments)
    assert not AuditEvent.objects.exists()


def test_rolled_back_business_transaction_keeps_the_event(procesregisseur, person):
    with pytest.raises(RuntimeError), transaction.atomic():
        audit.record(action=Action.VIEW, processing_activity=PGA_PROCESREGIE, actor=procesregisseur,
                     subject_id=person.pk)
        raise RuntimeError("business failure")
    assert events(subject_pseudonym=subject_pseudonym(person.pk))


def test_database_failure_raises_audit_write_error(broken_audit_db):
    with pytest.raises(AuditWriteError):
        audit.record(action=Action.VIEW, processing_activity=PGA_PROCESREGIE)


def test_context_supplies_request_and_trace_ids(procesregisseur):
    with audit_context.command_context("test", actor=procesregisseur) as ctx:
        event = audit.record(action=Action.EXPORT, processing_activity=PRIVACY_SUPERVISION)
    assert event.request_id == ctx.request_id
    assert event.trace_id == ctx.trace_id and len(event.trace_id) == 32
    assert event.span_id == ctx.span_id and len(event.span_id) == 16
    assert event.actor_id == str(procesregisseur.pk)
    assert event.user_agent == "manage.py test"


def test_explicit_none_actor_is_the_system(procesregisseur):
    with audit_context.command_context("test", actor=procesregisseur):
        event = audit.record(action=Action.CHECKPOINT, processing_activity=PRIVACY_SUPERVISION, actor=None)
    assert event.actor_id == "" and event.actor_name == ""
