"""The audit alias inside pytest-django's own PostgreSQL test databases.

Other apps' transactional tests with databases="__all__" are flushed with TRUNCATE: the triggers
allow that in databases named `test_*` only, and must refuse everything else there too.
"""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connections, transaction

import audit
from audit.actions import Action
from audit.models import AuditEvent
from audit.verification import verify_chain
from casework.pga.casetype import PROCESSING_ACTIVITY as PGA_PROCESREGIE

pytestmark = pytest.mark.postgres


def _skip_unless_postgres():
    if connections["audit"].vendor != "postgresql":
        pytest.skip("needs the audit alias on PostgreSQL")


@pytest.mark.django_db(databases="__all__")
def test_record_and_verify_on_postgres():
    _skip_unless_postgres()
    for _ in range(3):
        audit.record(action=Action.VIEW, processing_activity=PGA_PROCESREGIE, actor=None)
    assert verify_chain().intact


@pytest.mark.django_db(databases="__all__")
def test_update_is_refused_in_the_test_database_too():
    _skip_unless_postgres()
    event = audit.record(action=Action.VIEW, processing_activity=PGA_PROCESREGIE, actor=None)
    with pytest.raises(DatabaseError), transaction.atomic(using="audit"):
        AuditEvent.objects.filter(sequence=event.sequence).update(reason="weg")
    with pytest.raises(DatabaseError), transaction.atomic(using="audit"):
        AuditEvent.objects.filter(sequence=event.sequence).delete()


@pytest.mark.django_db(databases="__all__", transaction=True)
@pytest.mark.parametrize("round_", [1, 2])
def test_transactional_tests_are_flushed(round_):
    """Runs twice: the second run starts empty only if the first run's flush (TRUNCATE) worked."""
    _skip_unless_postgres()
    assert not AuditEvent.objects.exists()
    audit.record(action=Action.VIEW, processing_activity=PGA_PROCESREGIE, actor=None)
