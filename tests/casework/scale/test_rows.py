"""The seed's column plan (casework/scale/rows.py): a value it stores without `get_db_prep_save` is what that call
would have stored, or a value psycopg writes into a `COPY` alike, for every column of every model on PostgreSQL;
anything else takes the call."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest
from django.apps import apps
from django.db import connections, models
from django.db.backends.postgresql.base import DatabaseWrapper as PostgresWrapper
from django.utils import timezone
from psycopg.adapt import PyFormat, Transformer

from casework.models import Case, CaseStep, Person
from casework.scale.rows import NONE, RowWriter, column_plan, unchanged_types
from encryption.aead import SealedValue
from encryption.fields import UnsealedValueError

SAMPLES = {str: "Schaaltest", bool: True, date: date(2026, 3, 4), uuid.UUID: uuid.uuid4(), NONE: None, int: 3}
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


def _copied(value: object) -> bytes:
    """What psycopg writes for `value` into a `COPY ... FROM STDIN` (text format)."""
    (text,) = Transformer().dump_sequence([value], [PyFormat.TEXT])
    return bytes(text) if text is not None else b"\\N"


def test_every_value_stored_unchanged_is_copied_as_django_would_store_it(postgres):
    checked = 0
    for model, column in _every_column():
        samples: list[object] = [SAMPLES[kind] for kind in column.unchanged] + [AWARE_SAMPLE] * column.aware
        for value in samples:
            stored = column.field.get_db_prep_save(value, postgres)
            assert stored == value and _copied(stored) == _copied(value), f"{model._meta.label}.{column.attname}"
            checked += 1
    assert checked > 1_000  # the plan covers the plain columns of every model, history tables included


def test_an_integer_goes_in_as_it_is_though_django_wraps_it(postgres):
    sequence = CaseStep._meta.get_field("sequence")
    assert int in unchanged_types(sequence, "postgresql")
    wrapped = sequence.get_db_prep_save(3, postgres)
    assert type(wrapped) is not int and _copied(wrapped) == _copied(3) == b"3"  # Django sizes it (Int4)
    assert bool not in unchanged_types(sequence, "postgresql")  # exact types: True is not stored as 1


def test_a_sealed_value_goes_in_as_its_bytes_and_a_plain_one_is_refused(postgres):
    writer = RowWriter()
    writer.connection = postgres
    plan = column_plan(Person, "postgresql")
    surname = [column.attname for column in plan].index("surname")
    assert plan[surname].sealed and plan[surname].unchanged == ()
    sealed = SealedValue(b"\x01" + bytes(range(60)))
    stored = writer._row(plan, {"surname": sealed})[surname]
    assert stored == sealed.data and _copied(stored) == _copied(plan[surname].field.get_db_prep_save(sealed, postgres))
    assert writer._row(plan, {"surname": None})[surname] is None
    with pytest.raises(UnsealedValueError):  # plaintext never reaches a row
        writer._row(plan, {"surname": "Testpersoon"})


class _Shouting(models.CharField):
    def get_prep_value(self, value):
        return super().get_prep_value(value).upper()


def test_a_subclass_counts_as_its_class_only_when_it_prepares_values_alike():
    assert unchanged_types(Person._meta.get_field("bsn_index"), "postgresql") == (str, NONE)  # computed in pre_save
    assert unchanged_types(_Shouting(max_length=5), "postgresql") == ()


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
