"""casework/damocles/migrations/0010_decisive_step.py: existing procedures get what their steps say (ADR 0052)."""

from __future__ import annotations

import importlib
from datetime import UTC, date, datetime
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from accounts.roles import HANDHAVER
from casework.damocles.models import DamoclesCase
from casework.models import CaseStep
from tests.casework.damocles.letters_support import make_procedure

pytestmark = pytest.mark.django_db(databases="__all__")
migration = importlib.import_module("casework.damocles.migrations.0010_decisive_step")


def with_steps(owner, *steps: tuple[str, datetime]) -> DamoclesCase:
    detail = make_procedure(owner=owner, with_person=False)
    last = CaseStep.objects.filter(case=detail.case).order_by("-sequence").first()
    sequence, previous = last.sequence, last.to_status
    for to_status, at in steps:
        sequence += 1
        CaseStep.objects.create(case=detail.case, data_key_id=detail.case.data_key_id, sequence=sequence,
                                from_status=previous, to_status=to_status, at=at, by=owner)
        previous = to_status
    return detail


def test_the_backfill_keeps_the_first_decisive_steps_local_date_and_a_warning(make_user):
    officer = make_user(role=HANDHAVER)
    warned = with_steps(officer, ("beoordeling", datetime(2025, 12, 1, 9, tzinfo=UTC)),
                        # 23:30 UTC on New Year's Eve is 00:30 on 1 January in Amsterdam: the local date counts
                        ("waarschuwing", datetime(2025, 12, 31, 23, 30, tzinfo=UTC)))
    decided = with_steps(officer, ("beoordeling", datetime(2025, 1, 1, 9, tzinfo=UTC)),
                         ("voornemen_verzonden", datetime(2025, 2, 1, 9, tzinfo=UTC)),
                         ("besluit", datetime(2025, 3, 1, 9, tzinfo=UTC)),
                         ("spoedeisende_sluiting", datetime(2025, 4, 1, 9, tzinfo=UTC)))
    assessing = with_steps(officer, ("beoordeling", datetime(2025, 1, 1, 9, tzinfo=UTC)))
    DamoclesCase.objects.update(decisive_step_on=None, warned=False)  # as before the migration

    migration.backfill(apps, SimpleNamespace(connection=connection))

    facts = dict((pk, (on, was_warned)) for pk, on, was_warned
                 in DamoclesCase.objects.values_list("pk", "decisive_step_on", "warned"))
    assert facts[warned.pk] == (date(2026, 1, 1), True)
    assert facts[decided.pk] == (date(2025, 3, 1), False)
    assert facts[assessing.pk] == (None, False)
