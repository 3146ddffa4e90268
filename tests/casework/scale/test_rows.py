"""The seed's column plan (casework/scale/rows.py): a value it stores without `get_db_prep_save` is exactly what
that call would have stored, for every column of every model on PostgreSQL; anything else takes the call."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest
from django.apps import apps
from django.db import connections
from django.db.backends.postgresql.base import DatabaseWrapper as PostgresWrapper
from django.utils import timezone

from casework.models import Case, CaseStep, Person
from casework.scale.rows import NONE, RowWriter, column_plan, unchanged_types

SAMPLES = {str: "Schaaltest", bool: True, date: date(2026, 3, 4), uuid.UUID: uuid.uuid4(), NONE: None}
AWARE_SAMPLE = datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)


@pytest.fixture(scope="module")
def postgres() -> PostgresWrapper:
    """A PostgreSQL connection object that never connects: preparing a value needs only its operations."""
    return PostgresWrapper({**connections["default"].settings_dict, "ENGINE": "django.db.backends.postgresql"},
                           alias="plan")


def _every_column(vendor: str = "postgresql"):
    for model in apps.get_models():
        for column in column_plan(model, vendor):
            yield model, column


def test_every_value_stored_unchanged_is_what_django_would_store(postgres):
    checked = 0
    for model, column in _every_column():
        samples: list[object] = [SAMPLES[kind] for kind in column.unchanged] + [AWARE_SAMPLE] * column.aware
        for value in samples:
            stored = column.field.get_db_prep_save(value, postgres)
            assert type(stored) is type(value) and stored == value, f"{model._meta.label}.{column.attname}"
            checked += 1
    assert checked > 1_000  # the plan covers the plain columns of every model, history tables included


def test_sealed_fields_subclasses_and_integers_take_django(postgres):
    sequence = CaseStep._meta.get_field("sequence")
    assert unchanged_types(sequence, "postgresql") == ()
    assert type(sequence.get_db_prep_save(3, postgres)) is not int  # Django sizes it for psycopg (Int4)
    assert unchanged_types(Person._meta.get_field("surname"), "postgresql") == ()  # sealed: bytes on the way
    assert unchanged_types(Person._meta.get_field("bsn_index"), "postgresql") == ()  # a subclass: not assumed


def test_a_naive_date_with_time_takes_django_which_gives_it_a_time_zone(postgres):
    writer = RowWriter()
    writer.connection = postgres
    plan = column_plan(CaseStep, "postgresql")
    at = [column.attname for column in plan].index("at")
    assert plan[at].aware and plan[at].unchanged == (NONE,)
    naive = datetime(2026, 3, 4, 5, 6, 7)  # noqa: DTZ001 - the value the plan must leave to Django
    with pytest.warns(RuntimeWarning, match="naive datetime"):
        stored = writer._row(plan, {"at": naive})[at]
    assert stored == timezone.make_aware(naive)  # in the project's time zone, as a save would store it
    assert writer._row(plan, {"at": AWARE_SAMPLE})[at] is AWARE_SAMPLE


def test_keys_are_prepared_as_the_field_they_refer_to():
    assert unchanged_types(Case._meta.get_field("owner"), "postgresql") == (uuid.UUID, NONE)  # a user's key
    assert unchanged_types(CaseStep._meta.get_field("case"), "postgresql") == (uuid.UUID, NONE)


def test_on_other_databases_every_value_takes_django():
    assert all(column.unchanged == () for _model, column in _every_column("sqlite"))
