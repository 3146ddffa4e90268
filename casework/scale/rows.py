"""Writing a batch of seeded rows the way a save would, but in bulk.

`RowWriter` takes unsaved model instances. For each it asks every concrete field for the value a
save would store — `field.get_db_prep_save(field.pre_save(obj, add=True), connection)`, which is
what Django's INSERT compiler does — so encrypted fields are sealed with the row's data key,
label and UUID, and blind indexes are computed from the plaintext, exactly as in `save()`.
A model with change history (django-simple-history) gets its history row too, carrying the same
sealed values (a history row keeps the original row's UUID, so they open there as well), the
acting user and the reason.

The rows are written per model in the order the models were first added (parents before
children): with `COPY` on PostgreSQL, with one multi-row `executemany` on SQLite. Data keys are
created here as `datakey_create` would (random, wrapped under the active KEK) and written to the
key store first; a batch that dies between the two leaves keys no row refers to, which
`sweep_orphan_keys` destroys.
"""

from __future__ import annotations

import functools
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any, NamedTuple

from django.db import connections, models, router, transaction
from django.utils import timezone

from encryption import keyring
from encryption.aead import SealedValue
from encryption.fields import EncryptedField
from encryption.models import DataKey
from encryption.resolver import default_resolver

HISTORY_MANAGER = "history"


@functools.cache
def history_model(model: type[models.Model]) -> type[models.Model] | None:
    """The django-simple-history model of `model`, if it keeps history (the manager is built on each access)."""
    name = getattr(model._meta, "simple_history_manager_attribute", None)
    return getattr(model, name).model if name else None


@functools.cache
def _columns(model: type[models.Model]) -> list[models.Field]:
    """Concrete fields a bulk insert provides (an auto-increment key is left to the database)."""
    return [field for field in model._meta.concrete_fields
            if not (field.primary_key and isinstance(field, models.AutoField | models.BigAutoField))]


# Field classes whose values, of these types, `COPY` sends exactly as it would send what `get_db_prep_save`
# makes of them on PostgreSQL: the value goes into the row as it is, without the call (which took a fifth of the
# seed's time). Text, booleans, dates and UUIDs come back from the call unchanged; an integer comes back wrapped
# in a type of its column's size (`Int4`), which psycopg writes as the same digits. A subclass counts as its
# class here only when it prepares values as that class does (it overrides none of `_PREPARATION`). A sealed
# value (`EncryptedField`) goes in as its bytes, which Django would wrap for psycopg as binary (`Binary`): the
# same text in a `COPY`; a value that is not sealed still takes the call, which refuses it. Any other value or
# field takes `get_db_prep_save`. tests/casework/scale/test_rows.py checks every column of every model: what
# the writer stores and what Django's call gives are written alike by psycopg.
NONE = type(None)
_INTEGERS = (int, NONE)
_UNCHANGED: dict[type[models.Field], tuple[type, ...]] = {
    models.CharField: (str, NONE), models.TextField: (str, NONE),
    models.BooleanField: (bool, NONE), models.DateField: (date, NONE), models.UUIDField: (uuid.UUID, NONE),
    models.DateTimeField: (NONE,),  # and an aware datetime (`Column.aware`)
    models.IntegerField: _INTEGERS, models.BigIntegerField: _INTEGERS, models.SmallIntegerField: _INTEGERS,
    models.PositiveIntegerField: _INTEGERS, models.PositiveBigIntegerField: _INTEGERS,
    models.PositiveSmallIntegerField: _INTEGERS,
}
_PREPARATION = ("get_db_prep_save", "get_db_prep_value", "get_prep_value", "to_python")


class Column(NamedTuple):
    field: models.Field
    attname: str
    unchanged: tuple[type, ...]  # value types stored as they are (`_UNCHANGED`)
    aware: bool  # a DateTimeField: a datetime that knows its time zone is stored as it is (a naive one converted)
    sealed: bool  # an EncryptedField on PostgreSQL: a sealed value is stored as its bytes
    read: bool  # its `pre_save` is Django's `Field.pre_save`, which reads the attribute: read it here directly


def _plain(field: models.Field, vendor: str) -> type[models.Field] | None:
    """The Django class of `_UNCHANGED` that prepares `field`'s values on `vendor`; None but on PostgreSQL."""
    if vendor != "postgresql":
        return None
    if type(field) in (models.ForeignKey, models.OneToOneField):
        field = field.target_field  # type: ignore[attr-defined]  # a key is prepared by the field it refers to
    kind = type(field)
    for base in kind.__mro__:
        if base in _UNCHANGED:
            same = all(getattr(kind, name) is getattr(base, name) for name in _PREPARATION)
            return base if same else None
    return None


def unchanged_types(field: models.Field, vendor: str) -> tuple[type, ...]:
    """The value types `field` stores unchanged on `vendor` (none but on PostgreSQL)."""
    kind = _plain(field, vendor)
    return _UNCHANGED.get(kind, ()) if kind else ()


@functools.cache
def column_plan(model: type[models.Model], vendor: str) -> list[Column]:
    """Per column of `model` (`_columns`): the field, its attribute and the values it stores unchanged."""
    return [Column(field, field.attname, unchanged_types(field, vendor), _plain(field, vendor) is models.DateTimeField,
                   vendor == "postgresql" and isinstance(field, EncryptedField),
                   type(field).pre_save is models.Field.pre_save) for field in _columns(model)]


@contextmanager
def key_cache_for(size: int) -> Iterator[None]:
    """Keep every data key of a batch in the process cache while the batch seals its values."""
    cache = default_resolver.cache
    before = cache.max_entries
    cache.max_entries = max(before, size)
    try:
        yield
    finally:
        cache.max_entries = before


class RowWriter:
    """Collects one batch of rows (and their data keys) and writes them in a transaction per database."""

    def __init__(self, *, using: str = "default") -> None:
        self.using = using
        self.connection = connections[using]
        self.rows: dict[type[models.Model], list[list[Any]]] = {}
        self.keys: list[tuple[uuid.UUID, str, bytes]] = []
        self.created_at = timezone.now()

    # --- data keys ------------------------------------------------------------------------------
    def new_key(self) -> uuid.UUID:
        """A fresh data key, usable for sealing at once; stored when the batch is written."""
        key_id = uuid.uuid4()
        raw = os.urandom(keyring.DATA_KEY_BYTES)
        kek_id, wrapped = keyring.get_provider().wrap(raw, key_id=key_id.bytes)
        default_resolver.remember(key_id, raw)
        self.keys.append((key_id, kek_id, wrapped))
        return key_id

    # --- rows -----------------------------------------------------------------------------------
    def add(self, obj: models.Model, *, reason: str = "", user_id: Any = None, at: datetime | None = None,
            history: bool = True) -> dict[str, Any]:
        """Queue `obj` as a save would store it; also its history row ("+") unless `history=False`.

        Returns the stored values by attribute name (sealed values, computed indexes), for callers
        that write later history rows of the same object.
        """
        model = type(obj)
        plan = column_plan(model, self.connection.vendor)
        values = {column.attname: getattr(obj, column.attname) if column.read else column.field.pre_save(obj, True)
                  for column in plan}
        self.rows.setdefault(model, []).append(self._row(plan, values))
        if history and history_model(model) is not None:
            self.add_history(model, values, history_type="+", reason=reason, user_id=user_id, at=at)
        return values

    def add_history(self, model: type[models.Model], values: dict[str, Any], *, history_type: str, reason: str,
                    user_id: Any, at: datetime | None) -> None:
        """A history row of `model` holding `values` (as returned by `add`), as simple-history writes it."""
        historical = history_model(model)
        assert historical is not None, f"{model._meta.label} keeps no history"  # noqa: S101 - programming error
        extra = {"history_date": at or self.created_at, "history_type": history_type,
                 "history_change_reason": reason or None, "history_user_id": user_id}
        row = self._row(column_plan(historical, self.connection.vendor), values | extra)
        self.rows.setdefault(historical, []).append(row)

    def _row(self, plan: list[Column], values: dict[str, Any]) -> list[Any]:
        """The stored values of one row: each as its field's `get_db_prep_save` gives it (`column_plan`)."""
        connection = self.connection
        row = []
        for column in plan:
            value = values.get(column.attname)
            aware = column.aware and type(value) is datetime and value.tzinfo is not None
            if aware or type(value) in column.unchanged:
                row.append(value)
            elif column.sealed and isinstance(value, SealedValue):
                row.append(value.data)
            else:
                row.append(column.field.get_db_prep_save(value, connection))
        return row

    def count(self, model: type[models.Model]) -> int:
        return len(self.rows.get(model, ()))

    # --- writing --------------------------------------------------------------------------------
    def flush(self) -> int:
        """Write the keys (key store), then every row (one transaction); returns the rows written."""
        self._write_keys()
        written = 0
        with transaction.atomic(using=self.using):
            for model, rows in self.rows.items():
                self._write(self.using, model, _columns(model), rows)
                written += len(rows)
        self.rows.clear()
        return written

    def _write_keys(self) -> None:
        if not self.keys:
            return
        alias = router.db_for_write(DataKey)
        connection = connections[alias]
        fields = _columns(DataKey)
        now = timezone.now()
        prepared = {"created": now, "destroyed_at": None}
        rows = []
        for key_id, kek_id, wrapped in self.keys:
            plain = {"id": key_id, "wrapped_key": wrapped, "kek_id": kek_id, **prepared}
            rows.append([field.get_db_prep_save(plain[field.attname], connection) for field in fields])
        with transaction.atomic(using=alias):
            self._write(alias, DataKey, fields, rows)
        self.keys.clear()

    @staticmethod
    def _write(alias: str, model: type[models.Model], fields: list[models.Field], rows: list[list[Any]]) -> None:
        connection = connections[alias]
        table = connection.ops.quote_name(model._meta.db_table)
        names = ", ".join(connection.ops.quote_name(field.column) for field in fields)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(fields))
                cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)  # noqa: S608
