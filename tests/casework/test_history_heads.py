"""`casework.history_heads`: per history table, its rows of one case (or person) as the ORM reads them, without the
tracked fields, in one statement, on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from casework.history_heads import HistoryHead, history_heads
from casework.models import Case, Person
from casework.pga import workflow as pga
from casework.pga.models import Agreement, PgaCase
from casework.pga.services import escalation_set
from tests.factories.casework import make_pga_case


def _as_orm_reads(model, lookup):
    return [HistoryHead(at=row.history_date, kind=row.history_type, reason=row.history_change_reason or "",
                        by=row.history_user.display_name if row.history_user else "")
            for row in model.history.filter(**lookup).select_related("history_user").order_by("history_date")]


@pytest.mark.both_databases
@pytest.mark.django_db(databases="__all__")
def test_the_heads_read_as_the_orm(regisseur):
    User.objects.filter(pk=regisseur.pk).update(first_name="Rita", last_name="Testregisseur")
    regisseur.refresh_from_db()
    case = make_pga_case(owner=regisseur, status=pga.UITVOERING)
    other = make_pga_case(owner=regisseur)
    escalation_set(actor=regisseur, case=case, escalated=True, reason="Bestuurlijk opschalen (test).")
    Case.history.filter(id=case.pk).update(history_user=None)  # a change by the system: no one named
    wanted = [(Case.history.model, {"id": case.pk}), (Agreement.history.model, {"case_id": case.pk}),
              (PgaCase.history.model, {"case_id": case.pk}), (Person.history.model, {"id": case.person_id})]

    with CaptureQueriesContext(connections["default"]) as captured:
        found = history_heads(wanted)
    assert len(captured.captured_queries) == 1
    assert set(found) == {0, 2, 3}  # no agreement rows: no entry
    for index in found:
        model = wanted[index][0].instance_type
        assert found[index] == _as_orm_reads(model, wanted[index][1]), model
    assert all(head.at.tzinfo is not None for heads in found.values() for head in heads)
    # created, accepted (the step keeps its date: ADR 0052), escalated
    assert [head.kind for head in found[2]] == ["+", "~", "~"] and found[2][-1].by == "Rita Testregisseur"
    assert {head.by for head in found[0]} == {""} and len(found[0]) >= 2
    assert history_heads([(Case.history.model, {"id": other.pk})])[0][0].kind == "+"
    assert history_heads([]) == {}
