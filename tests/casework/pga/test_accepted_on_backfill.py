"""casework/pga/migrations/0006_accepted_on.py: existing cases get the local date of their first acceptance."""

from __future__ import annotations

import importlib
from datetime import UTC, date, datetime
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from accounts.roles import PROCESREGISSEUR
from casework.models import CaseStep
from casework.pga import workflow as wf
from casework.pga.models import PgaCase
from tests.factories.casework import make_pga_case

pytestmark = pytest.mark.django_db(databases="__all__")
migration = importlib.import_module("casework.pga.migrations.0006_accepted_on")


def test_the_backfill_keeps_the_first_acceptances_local_date(make_user):
    owner = make_user(role=PROCESREGISSEUR)
    accepted, waiting = make_pga_case(owner=owner, status=wf.IN_BEHANDELING), make_pga_case(owner=owner)
    # 23:30 UTC on New Year's Eve is 00:30 on 1 January in Amsterdam; a later acceptance does not count
    CaseStep.objects.filter(case=accepted, to_status=wf.IN_BEHANDELING).update(
        at=datetime(2025, 12, 31, 23, 30, tzinfo=UTC))
    last = CaseStep.objects.filter(case=accepted).order_by("-sequence").first()
    CaseStep.objects.create(case=accepted, data_key_id=accepted.data_key_id, sequence=last.sequence + 1, by=owner,
                            from_status=wf.TRIAGE, to_status=wf.IN_BEHANDELING, at=datetime(2026, 5, 1, tzinfo=UTC))
    PgaCase.objects.update(accepted_on=None)  # as before the migration

    migration.backfill(apps, SimpleNamespace(connection=connection))

    assert PgaCase.objects.get(case=accepted).accepted_on == date(2026, 1, 1)
    assert PgaCase.objects.get(case=waiting).accepted_on is None
