"""Encrypted model fields: text, short text, date and JSON, sealed with the row's dossier key.

How a model uses them (see docs/privacy/key-management.md):

    class Person(models.Model):
        id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
        data_key_id = DataKeyReference()
        bsn = EncryptedCharField(max_length=9, label="casework.Person.bsn", null=True)
        class Meta:
            constraints = [encrypted_column_constraint("bsn")]

Values are sealed in `pre_save` (idempotent: Django may call it twice on insert) and opened
lazily by the descriptor. Anything written without `pre_save` must already be sealed, so
`update()`/`bulk_update()` with plaintext raise. Only `isnull` lookups exist.

Rows moved from another model keep the label their values were sealed under (a value is bound to
its label and row id, and a crypto-shredded row cannot be re-encrypted): a field declared with
`sealed_as="<column>"` seals and opens a row's values under "<that column's value>.<field name>"
when the column is set (e.g. "damocles.Objection"), else under its own label. ADR 0011.
"""

from __future__ import annotations

import datetime
import json
import uuid
from typing import Any

from django.core import checks, exceptions
from django.core.exceptions import FieldError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models.lookups import Exact
from django.db.models.query_utils import DeferredAttribute
from django.utils.dateparse import parse_date
from django.utils.translation import gettext_lazy as _

from encryption import aead, registry
from encryption.exceptions import DataKeyUnavailable, DecryptionError, MissingDataKeyError, UnsealedValueError
from encryption.formfields import EncryptedCharFormField, EncryptedDateFormField, EncryptedJSONFormField
from encryption.resolver import data_cipher
from encryption.scope import KeyScope, current_scope, note_key_seen, within

MEMO_ATTR = "_encryption_memo"


class _Memo:
    """Per-instance memo: opened values and the last sealing. Never pickled (holds plaintext)."""

    __slots__ = ("opened", "row_scope", "sealed")

    def __init__(self) -> None:
        self.opened: dict[str, tuple[aead.SealedValue, Any]] = {}
        self.sealed: dict[str, tuple[tuple[Any, ...], aead.SealedValue]] = {}
        self.row_scope: KeyScope | None = None

    def __reduce__(self) -> tuple[type, tuple[()]]:
        return (_Memo, ())

    def __deepcopy__(self, memo: dict) -> _Memo:
        return _Memo()


def _memo(instance: models.Model) -> _Memo:
    memo = instance.__dict__.get(MEMO_ATTR)
    if memo is None:
        memo = instance.__dict__[MEMO_ATTR] = _Memo()
    return memo


def open_row_scope(sender: type[models.Model], instance: models.Model, raw: bool = False, **kwargs: Any) -> None:
    """`pre_save`: outside a key scope (a request or a command's batch), one row written is a scope.

    Without it each encrypted field of the row asked the key store about the same dossier key: a
    row of five encrypted fields and its history row cost ten identical queries. The scope lives
    from Django's `pre_save` signal to its `post_save` signal (`close_row_scope`) — one `save()` —
    so a key shredded before the next save of the same row is refused there, as before. Inside a
    request's scope the request's scope is used (`_row_cipher`).
    """
    if registry.encrypted_fields(sender):
        _memo(instance).row_scope = KeyScope()


def close_row_scope(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    memo = instance.__dict__.get(MEMO_ATTR)
    if memo is not None:
        memo.row_scope = None


def _row_cipher(instance: models.Model, key_id: uuid.UUID) -> Any:
    row_scope = _memo(instance).row_scope
    if row_scope is None or current_scope() is not None:
        return data_cipher(key_id)
    with within(row_scope):
        return data_cipher(key_id)


class BoundSealedValue(aead.SealedValue):
    """Ciphertext that knows its row, so a model form can show the plaintext (`open_bound`)."""

    __slots__ = ("field", "instance")

    def __init__(self, sealed: aead.SealedValue, field: EncryptedField, instance: models.Model) -> None:
        self.data = sealed.data
        self.field = field
        self.instance = instance

    def open_bound(self) -> Any:
        return self.field.open_value(self.instance, self)


class EncryptedAttribute(DeferredAttribute):
    """Opens the sealed value on first access; assigning stores plaintext until the next save."""

    def __get__(self, instance: models.Model | None, cls: type | None = None) -> Any:
        if instance is None:
            return self
        raw = super().__get__(instance, cls)
        if not isinstance(raw, aead.SealedValue):
            return raw
        memo = _memo(instance)
        opened = memo.opened.get(self.field.attname)
        if opened is not None and opened[0] is raw:
            return opened[1]
        value = self.field.open_value(instance, raw)  # type: ignore[attr-defined]  # an EncryptedField
        memo.opened[self.field.attname] = (raw, value)
        return value

    def __set__(self, instance: models.Model, value: Any) -> None:
        instance.__dict__[self.field.attname] = value
        memo = instance.__dict__.get(MEMO_ATTR)
        if memo is not None:
            memo.opened.pop(self.field.attname, None)


class NoneOnlyExact(Exact):
    """`filter(notes=None)` works; comparing ciphertext with a value never does (use a blind index)."""

    def __init__(self, lhs: Any, rhs: Any) -> None:
        if rhs is not None:
            raise FieldError("encrypted fields support only isnull lookups; search through a blind index")
        super().__init__(lhs, rhs)


class EncryptedField(models.Field):
    """Base class: a binary column holding `version | key id | nonce | ciphertext+tag`."""

    descriptor_class = EncryptedAttribute
    mutable = False  # True when callers may change the opened value in place (JSON)

    def __init__(self, *args: Any, label: str, key_field: str = "data_key_id", sealed_as: str = "",
                 **kwargs: Any) -> None:
        if not label or not isinstance(label, str):
            raise ValueError("an encrypted field needs a constant label, e.g. 'casework.Person.bsn'")
        self.encryption_label = label
        self.key_field = key_field
        self.sealed_as = sealed_as  # name of a column holding the model label a moved row was sealed under
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs["label"] = self.encryption_label
        if self.key_field != "data_key_id":
            kwargs["key_field"] = self.key_field
        if self.sealed_as:
            kwargs["sealed_as"] = self.sealed_as
        return name, path, args, kwargs

    def label_for(self, instance: models.Model) -> str:
        """The label this row's value is bound to: its own, or the one of the model it was moved from."""
        origin = getattr(instance, self.sealed_as, "") if self.sealed_as else ""
        return f"{origin}.{self.name}" if origin else self.encryption_label

    def get_internal_type(self) -> str:
        return "BinaryField"

    def contribute_to_class(self, cls: type[models.Model], name: str, private_only: bool = False) -> None:
        super().contribute_to_class(cls, name, private_only=private_only)
        registry.register_encrypted(cls, self)

    def check(self, **kwargs: Any) -> list[checks.CheckMessage]:
        errors = super().check(**kwargs)
        names = {f.attname for f in self.model._meta.concrete_fields}
        if self.key_field not in names:
            errors.append(checks.Error(f"{self.key_field!r} (key_field) is not a field of this model",
                                       obj=self, id="encryption.E001"))
        id_field = next((f for f in self.model._meta.concrete_fields if f.attname == "id"), None)
        if not isinstance(id_field, models.UUIDField):
            errors.append(checks.Error("a model with encrypted fields needs a UUID field named 'id'",
                                       obj=self, id="encryption.E002"))
        if self.sealed_as and self.sealed_as not in names:
            errors.append(checks.Error(f"{self.sealed_as!r} (sealed_as) is not a field of this model",
                                       obj=self, id="encryption.E003"))
        return errors

    # --- lookups: none but isnull (no plaintext comparison is possible in SQL) -------------------
    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name == "exact":
            return NoneOnlyExact  # `field=None` is Django's spelling of isnull
        return super().get_lookup(lookup_name) if lookup_name == "isnull" else None

    def get_transform(self, lookup_name: str) -> Any:
        return None

    # --- conversion of plaintext (subclasses) ---------------------------------------------------
    def coerce(self, value: Any) -> Any:
        raise NotImplementedError

    def encode(self, value: Any) -> bytes:
        raise NotImplementedError

    def decode(self, data: bytes) -> Any:
        raise NotImplementedError

    def to_python(self, value: Any) -> Any:
        if value is None or isinstance(value, aead.SealedValue):
            return value
        return self.coerce(value)

    # --- database boundary ----------------------------------------------------------------------
    def from_db_value(self, value: Any, expression: Any, connection: Any) -> aead.SealedValue | None:
        if value is None:
            return None
        sealed = aead.SealedValue.__new__(aead.SealedValue)
        sealed.data = bytes(value) if not isinstance(value, str) else value.encode("utf-8")
        if len(sealed.data) >= aead.MIN_LENGTH:
            note_key_seen(sealed.key_id)
        return sealed

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        if value is None:
            return None
        if isinstance(value, aead.SealedValue):
            return connection.Database.Binary(value.data)
        raise UnsealedValueError(
            f"{self._where()}: refusing to write an unsealed value; assign it on the instance and save()"
        )

    def pre_save(self, model_instance: models.Model, add: bool) -> aead.SealedValue | None:
        raw = model_instance.__dict__.get(self.attname)
        if raw is None:
            return None
        if isinstance(raw, aead.SealedValue):
            opened = _memo(model_instance).opened.get(self.attname)
            if not (self.mutable and opened is not None and opened[0] is raw):
                return raw
            raw = opened[1]
        return self.seal_for(model_instance, raw)

    def seal_for(self, instance: models.Model, plaintext: Any) -> aead.SealedValue:
        """Seal without touching the instance's visible value; the same input gives the same output."""
        data = self.encode(self.to_python(plaintext))
        key_id, row_id = self._key_id(instance), self._row_id(instance)
        memo = _memo(instance)
        previous = memo.sealed.get(self.attname)
        if previous is not None and previous[0] == (key_id, row_id, data):
            return previous[1]
        sealed = aead.seal(data, cipher=_row_cipher(instance, key_id), key_id=key_id, label=self.label_for(instance),
                           row_id=row_id)
        memo.sealed[self.attname] = ((key_id, row_id, data), sealed)
        return sealed

    def open_value(self, instance: models.Model, sealed: aead.SealedValue) -> Any:
        """Decrypt or raise DecryptionError naming model, field and row; never returns ciphertext."""
        where = self._where(instance)
        if len(sealed.data) < aead.MIN_LENGTH or sealed.data[:1] != aead.VERSION_BYTE:
            raise DecryptionError(where, "malformed value")
        try:
            cipher = data_cipher(sealed.key_id)
        except DataKeyUnavailable as exc:
            raise DecryptionError(where, f"data key {exc.reason}") from None
        try:
            data = aead.open_sealed(sealed, cipher=cipher, label=self.label_for(instance),
                                    row_id=self._row_id(instance))
        except aead.InvalidTag:
            raise DecryptionError(where, "authentication failed: other row, field or key, or altered") from None
        try:
            return self.decode(data)
        except (ValueError, UnicodeDecodeError):
            raise DecryptionError(where, "decrypted bytes do not decode") from None

    def _where(self, instance: models.Model | None = None) -> str:
        model = getattr(self, "model", None)
        where = f"{model._meta.label}.{self.name}" if model is not None else self.encryption_label
        row_id = getattr(instance, "id", None) if instance is not None else None
        return f"{where} (row {row_id})" if row_id is not None else where

    def _key_id(self, instance: models.Model) -> uuid.UUID:
        key_id = getattr(instance, self.key_field, None)
        if key_id is None:
            raise MissingDataKeyError(f"{self._where()}: set {self.key_field} (encryption.keystore.datakey_create)")
        return key_id if isinstance(key_id, uuid.UUID) else uuid.UUID(str(key_id))

    def _row_id(self, instance: models.Model) -> uuid.UUID:
        row_id = getattr(instance, "id", None)
        if row_id is None:
            raise MissingDataKeyError(f"{self._where()}: the row needs its UUID before values are sealed")
        return row_id if isinstance(row_id, uuid.UUID) else uuid.UUID(str(row_id))

    # --- serialisation and forms ----------------------------------------------------------------
    def value_from_object(self, obj: models.Model) -> Any:
        """Ciphertext for generic code (serializers, model_to_dict); plaintext only if unsaved."""
        getattr(obj, self.attname)  # loads a deferred value
        raw = obj.__dict__.get(self.attname)
        if isinstance(raw, aead.SealedValue):
            return BoundSealedValue(raw, self, obj)
        return raw

    def value_to_string(self, obj: models.Model) -> str | None:  # type: ignore[override]  # None for NULL
        value = self.value_from_object(obj)
        if value is None:
            return None
        if not isinstance(value, aead.SealedValue):
            value = self.seal_for(obj, value)
        return value.to_text()


# The ceiling of any free text a person writes (characters; casework.bounds.LONG_TEXT is not above it): a service
# checks its own, often smaller, bound first, and a form or serializer repeats it; this one holds for every save,
# so a megabyte sent to a service that forgot its bound is refused, not stored (found by the hostile-form sweep,
# ADR 0035). A field that holds text the application generates (a letter, a register's answer) passes
# `max_chars=None`.
MAX_TEXT = 50_000


class EncryptedTextField(EncryptedField):
    description = _("Encrypted text")

    def __init__(self, *args: Any, max_chars: int | None = MAX_TEXT, **kwargs: Any) -> None:
        # Not in `deconstruct`: a check on what is written, not a property of the column (no migration).
        self.max_chars = max_chars
        super().__init__(*args, **kwargs)

    def coerce(self, value: Any) -> str:
        return value if isinstance(value, str) else str(value)

    def pre_save(self, model_instance: models.Model, add: bool) -> aead.SealedValue | None:
        """A new value longer than `max_chars` is refused before anything is written. Only a new value: re-sealing a
        stored value under another key (`encryption.reencrypt`) and a history row's copy of the live row pass any
        length, so a text stored before the ceiling existed never blocks a key's rotation or a save of its row."""
        raw = model_instance.__dict__.get(self.attname)
        if self.max_chars is not None and raw is not None and not isinstance(raw, aead.SealedValue) \
                and not registry.is_history_model(type(model_instance)):
            length = len(self.to_python(raw))
            if length > self.max_chars:
                raise exceptions.ValidationError({self.name: exceptions.ValidationError(
                    _("At most %(limit)d characters (now %(length)d)."), code="max_length",
                    params={"limit": self.max_chars, "length": length})})
        return super().pre_save(model_instance, add)

    def encode(self, value: str) -> bytes:
        return value.encode("utf-8")

    def decode(self, data: bytes) -> str:
        return data.decode("utf-8")

    def formfield(self, **kwargs: Any) -> Any:  # type: ignore[override]
        from django import forms

        return super().formfield(**{"form_class": EncryptedCharFormField, "widget": forms.Textarea, **kwargs})


class EncryptedCharField(EncryptedTextField):
    """Short text; `max_length` limits the plaintext (the column itself is binary): the validators check it, and a
    save refuses a longer new value as `EncryptedTextField` refuses one past `max_chars`."""

    description = _("Encrypted short text")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.max_length is not None:
            self.validators.append(MaxLengthValidator(self.max_length))
            self.max_chars = self.max_length  # checked on every save too, not only by `full_clean`

    def formfield(self, **kwargs: Any) -> Any:  # type: ignore[override]
        return models.Field.formfield(self, **{"form_class": EncryptedCharFormField,
                                               "max_length": self.max_length, **kwargs})


class EncryptedDateField(EncryptedField):
    description = _("Encrypted date")

    def coerce(self, value: Any) -> datetime.date:
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        parsed = parse_date(str(value)) if isinstance(value, str) else None
        if parsed is None:
            raise exceptions.ValidationError(_("Enter a valid date."), code="invalid")
        return parsed

    def encode(self, value: datetime.date) -> bytes:
        return value.isoformat().encode("ascii")

    def decode(self, data: bytes) -> datetime.date:
        return datetime.date.fromisoformat(data.decode("ascii"))

    def formfield(self, **kwargs: Any) -> Any:  # type: ignore[override]
        return super().formfield(**{"form_class": EncryptedDateFormField, **kwargs})


class EncryptedJSONField(EncryptedField):
    """JSON document; changing the opened dict or list in place is saved too."""

    description = _("Encrypted JSON")
    mutable = True

    def coerce(self, value: Any) -> Any:
        return value

    def encode(self, value: Any) -> bytes:
        return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    def decode(self, data: bytes) -> Any:
        return json.loads(data.decode("utf-8"))

    def formfield(self, **kwargs: Any) -> Any:  # type: ignore[override]
        return super().formfield(**{"form_class": EncryptedJSONFormField, **kwargs})


class DataKeyReference(models.UUIDField):
    """The UUID of the dossier's data key in the key store (no foreign key: another database)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("editable", False)
        kwargs.setdefault("db_index", True)
        kwargs.setdefault("verbose_name", _("data key"))
        super().__init__(*args, **kwargs)
