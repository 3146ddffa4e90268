"""audit.chain, audit.canonical and audit.verification in-process (in-memory audit database)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import connections

import audit
from audit.actions import Action
from audit.canonical import canonical_json, chain_hash
from audit.checkpoints import checkpoint_create
from audit.models import GENESIS_HASH, AuditCheckpoint, AuditEvent
from audit.verification import verify_chain
from casework.pga.casetype import PROCESSING_ACTIVITY as PGA_PROCESREGIE

pytestmark = pytest.mark.django_db(databases="__all__")


def _append(count: int) -> list[AuditEvent]:
    return [audit.record(action=Action.VIEW, processing_activity=PGA_PROCESREGIE, reason=f"test {n}", actor=None)
            for n in range(count)]


def _raw(sql: str, params=()) -> None:
    with connections["audit"].cursor() as cursor:
        cursor.execute(sql, params)


def test_canonical_json_is_stable():
    values = {field: "" for field in (
        "actor_id", "actor_name", "actor_organisation_id", "actor_organisation", "actor_role", "on_behalf_of_type",
        "on_behalf_of_id", "on_behalf_of_name", "object_type", "object_id", "case_id", "subject_pseudonym",
        "reason", "request_id", "trace_id", "span_id", "parent_span_id", "client_address", "user_agent")}
    values.update(sequence=1, occurred_at=datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=UTC), action="view",
                  outcome="ok", processing_activity="damocles", actor_name="Medewerker Één")
    text = canonical_json(values).decode()
    assert text.startswith('{"action":"view","actor_id":"","actor_name":"Medewerker Één"')
    assert '"occurred_at":"2026-01-02T03:04:05.000006+00:00"' in text
    assert '"sequence":1' in text
    # A fixed vector: changing the canonical form breaks every stored chain.
    assert chain_hash(GENESIS_HASH, values) == chain_hash("0" * 64, dict(values))
    assert len(chain_hash(GENESIS_HASH, values)) == 64


def test_first_event_links_to_genesis():
    (first,) = _append(1)
    assert first.sequence == 1 and first.prev_hash == GENESIS_HASH


def test_the_returned_events_are_the_stored_rows():
    """append() builds its events from the rows it wrote, positionally: COLUMNS must be the model's fields in order."""
    from audit.chain import COLUMNS

    assert list(COLUMNS) == [field.attname for field in AuditEvent._meta.concrete_fields]
    returned = _append(2)
    stored = list(AuditEvent.objects.order_by("sequence"))
    assert [(e.sequence, e.occurred_at, e.reason, e.prev_hash, e.hash) for e in returned] == \
        [(e.sequence, e.occurred_at, e.reason, e.prev_hash, e.hash) for e in stored]
    assert not returned[0]._state.adding


def test_empty_chain_is_intact():
    result = verify_chain()
    assert result.intact and result.events_checked == 0


def test_intact_chain_verifies_with_progress():
    _append(5)
    calls = []
    result = verify_chain(progress=lambda done, total: calls.append((done, total)))
    assert result.intact and result.events_checked == 5 and result.head_sequence == 5
    assert calls[-1] == (5, 5)


def test_edit_in_memory_database_is_detected():
    _append(4)
    _raw("UPDATE audit_auditevent SET reason = 'x' WHERE sequence = 2")
    result = verify_chain()
    assert not result.intact and result.first_broken_sequence == 2


def test_retention_cut_lets_verification_start_after_it():
    _append(6)
    cut = checkpoint_create(kind=AuditCheckpoint.Kind.CUT, actor=None)
    assert cut.sequence == 6
    _append(2)
    _raw("DELETE FROM audit_auditevent WHERE sequence <= 6")  # what the retention role may do
    result = verify_chain()
    assert result.intact, result.message
    assert result.events_checked == 3  # the checkpoint event (7) and two more


def test_deleting_beyond_the_cut_is_detected():
    _append(4)
    checkpoint_create(kind=AuditCheckpoint.Kind.CUT, actor=None)
    _raw("DELETE FROM audit_auditevent WHERE sequence <= 5")
    result = verify_chain()
    assert not result.intact and result.first_broken_sequence == 5


def test_periodic_checkpoint_does_not_excuse_missing_events():
    _append(4)
    checkpoint_create(actor=None)
    _raw("DELETE FROM audit_auditevent WHERE sequence <= 4")
    result = verify_chain()
    assert not result.intact and result.first_broken_sequence == 1


def test_verify_since_last_checkpoint_checks_only_the_tail():
    _append(5)
    checkpoint_create(actor=None)
    _append(3)
    result = verify_chain(from_last_checkpoint=True)
    assert result.intact and result.events_checked == 4  # checkpoint event + 3


def test_verify_since_last_checkpoint_detects_a_rewritten_checkpointed_event():
    _append(3)
    checkpoint_create(actor=None)
    _raw("UPDATE audit_auditevent SET hash = ? WHERE sequence = 3", ["e" * 64])
    result = verify_chain(from_last_checkpoint=True)
    assert not result.intact and result.first_broken_sequence == 3


def test_checkpoint_of_an_empty_chain_is_refused():
    with pytest.raises(ValueError):
        checkpoint_create(actor=None)


def test_appends_continue_from_the_checkpoint_after_a_full_purge():
    _append(2)
    checkpoint_create(kind=AuditCheckpoint.Kind.CUT, actor=None)  # event 3 is the checkpoint event
    _raw("DELETE FROM audit_auditevent")
    _raw("DELETE FROM audit_auditcheckpoint")
    cut = AuditCheckpoint.objects.create(
        sequence=3, event_hash="a" * 64, signed_at=datetime.now(UTC), kind="cut", key_id="x", signature="00",
    )
    (event,) = _append(1)
    assert event.sequence == cut.sequence + 1 and event.prev_hash == cut.event_hash


def test_tail_cut_right_after_a_checkpoint_is_detected():
    _append(3)
    checkpoint = checkpoint_create(actor=None)
    assert AuditEvent.objects.filter(sequence=checkpoint.sequence + 1, action=Action.CHECKPOINT).exists()
    _raw("DELETE FROM audit_auditevent WHERE sequence = 4")
    result = verify_chain()
    assert not result.intact and result.first_broken_sequence == 4 and "truncated" in result.message
