"""Find every row that belongs to a dossier (a case or a person), across all apps, by introspection.

A row belongs to a dossier when it points at the dossier, or at a row that belongs to it, through
a foreign key that does not merely let go of it (`SET_NULL`/`SET_DEFAULT` references are cleared
instead: a privacy review of a break-the-glass grant outlives the case). Change-history rows
(django-simple-history) belong to it when their original row does or when their own copy of a
foreign key points into the dossier, which also finds the history of rows deleted long ago.
Nothing here is specific to a case type, so park (or any later) rows are covered without a list.

`collect(root_model, ids)` returns a `Dossier` with, per model, the primary keys to delete, the
foreign keys to clear, and the data keys its rows were sealed with. `delete(dossier)` removes
them with plain DELETE statements (no signals: the history of a destruction is the tombstone and
the audit event, not a new history row holding ciphertext). Foreign keys are deferred until
commit on SQLite and PostgreSQL, so the order of the statements does not matter.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models, router
from django.db.models import Q

ALIAS = "default"
CHUNK = 500
LETS_GO = (models.SET_NULL, models.SET_DEFAULT)


def _is_history(model: type[models.Model]) -> bool:
    return hasattr(model, "instance_type")


def _live(model: type[models.Model]) -> type[models.Model]:
    return model.instance_type if _is_history(model) else model  # type: ignore[attr-defined]


def _own_field(model: type[models.Model], name: str) -> models.Field | None:
    try:
        return model._meta.get_field(name)  # type: ignore[return-value]
    except Exception:  # noqa: BLE001 - a history model can hold a field its live model no longer has
        return None


def _owning_fk(model: type[models.Model], fk: models.Field) -> bool:
    """Does this foreign key make the row part of what it points at (not just a reference it drops)?"""
    origin = _own_field(_live(model), fk.name) if _is_history(model) else fk
    on_delete = getattr(getattr(origin, "remote_field", None), "on_delete", None)
    return on_delete not in LETS_GO


def _foreign_keys(model: type[models.Model]) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if f.is_relation and (f.many_to_one or f.one_to_one)]


def models_on_default() -> list[type[models.Model]]:
    return [m for m in apps.get_models(include_auto_created=True)
            if router.db_for_write(m) == ALIAS and m._meta.managed and not m._meta.proxy]


@dataclass
class Dossier:
    """What one destruction removes: rows per model, references to clear, data keys used."""

    rows: dict[type[models.Model], set[Any]] = field(default_factory=lambda: defaultdict(set))
    ids: dict[type[models.Model], set[Any]] = field(default_factory=lambda: defaultdict(set))
    clear: dict[tuple[type[models.Model], str], set[Any]] = field(default_factory=lambda: defaultdict(set))
    data_keys: set[Any] = field(default_factory=set)

    def count(self) -> int:
        return sum(len(pks) for pks in self.rows.values())


def _conditions(model: type[models.Model], dossier: Dossier) -> tuple[Q | None, list[tuple[models.Field, set]]]:
    """(rows of `model` that belong to the dossier, foreign keys of other rows to clear)."""
    condition: Q | None = None
    to_clear: list[tuple[models.Field, set]] = []
    live = _live(model)
    if _is_history(model) and dossier.ids.get(live):
        condition = Q(**{f"{live._meta.pk.attname}__in": dossier.ids[live]})
    for fk in _foreign_keys(model):
        targets = dossier.ids.get(fk.related_model) if isinstance(fk.related_model, type) else None
        if not targets:
            continue
        if _owning_fk(model, fk):
            part = Q(**{f"{fk.attname}__in": targets})
            condition = part if condition is None else condition | part
        elif not _is_history(model):
            to_clear.append((fk, targets))
    return condition, to_clear


def _chunks(values: set[Any]) -> list[list[Any]]:
    items = list(values)
    return [items[i:i + CHUNK] for i in range(0, len(items), CHUNK)] or [[]]


def collect(root: type[models.Model], ids: set[Any], *, into: Dossier | None = None) -> Dossier:
    """Every row that belongs to the `root` rows with primary keys `ids` (which are included)."""
    dossier = into or Dossier()
    dossier.ids[root] |= set(ids)
    dossier.rows[root] |= set(ids)
    all_models = models_on_default()
    changed = True
    while changed:
        changed = False
        for model in all_models:
            condition, to_clear = _conditions(model, dossier)
            for fk, targets in to_clear:
                pks = set(model._default_manager.using(ALIAS).filter(**{f"{fk.attname}__in": targets})
                          .values_list("pk", flat=True))
                dossier.clear[(model, fk.attname)] |= pks
            if condition is None:
                continue
            live = _live(model)
            origin = live._meta.pk.attname
            found = model._default_manager.using(ALIAS).filter(condition).values_list("pk", origin)
            new = {(pk, original) for pk, original in found if pk not in dossier.rows[model]}
            if new:
                changed = True
                dossier.rows[model] |= {pk for pk, _original in new}
                dossier.ids[live] |= {original for _pk, original in new}
    _collect_keys(dossier)
    return dossier


def _collect_keys(dossier: Dossier) -> None:
    for model, pks in dossier.rows.items():
        if not pks or not _has_data_key(model):
            continue
        for chunk in _chunks(pks):
            dossier.data_keys |= set(model._default_manager.using(ALIAS).filter(pk__in=chunk)
                                     .values_list("data_key_id", flat=True))
    dossier.data_keys.discard(None)


def _has_data_key(model: type[models.Model]) -> bool:
    return any(f.attname == "data_key_id" for f in model._meta.concrete_fields)


def keys_still_used(keys: set[Any]) -> set[Any]:
    """The data keys among `keys` that some remaining row (live or history) is still sealed with."""
    used: set[Any] = set()
    if not keys:
        return used
    for model in models_on_default():
        if _has_data_key(model):
            used |= set(model._default_manager.using(ALIAS).filter(data_key_id__in=list(keys))
                        .values_list("data_key_id", flat=True).distinct())
    return used


def references_to(target: type[models.Model], pk: Any) -> int:
    """How many remaining rows hold on to `target` row `pk` (references that would be cleared do not count)."""
    total = 0
    for model in models_on_default():
        if _is_history(model):
            continue
        for fk in _foreign_keys(model):
            if fk.related_model is target and _owning_fk(model, fk):
                total += model._default_manager.using(ALIAS).filter(**{fk.attname: pk}).count()
    return total


def referenced(dossier: Dossier, target: type[models.Model]) -> set[Any]:
    """The `target` rows (primary keys) the live rows of the dossier point at: e.g. the persons a
    case's rows name besides its main person (a reporter, an addressee), so a destruction can ask
    afterwards whether anything else still holds on to them."""
    found: set[Any] = set()
    for model, pks in dossier.rows.items():
        if _is_history(model) or not pks:
            continue
        for fk in _foreign_keys(model):
            if fk.related_model is not target:
                continue
            for chunk in _chunks(pks):
                found |= set(model._default_manager.using(ALIAS).filter(pk__in=chunk)
                             .values_list(fk.attname, flat=True))
    found.discard(None)
    return found


def stored_files(dossier: Dossier) -> list[tuple[Any, str]]:
    """(storage, name) of every file a live row of the dossier points at."""
    files: list[tuple[Any, str]] = []
    for model, pks in dossier.rows.items():
        if _is_history(model) or not pks:
            continue
        for file_field in [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]:
            for chunk in _chunks(pks):
                names = model._default_manager.using(ALIAS).filter(pk__in=chunk).values_list(file_field.attname,
                                                                                             flat=True)
                files += [(file_field.storage, name) for name in names if name]
    return files


def delete(dossier: Dossier) -> int:
    """Clear the letting-go references, then delete every collected row; call inside a transaction."""
    for (model, attname), pks in dossier.clear.items():
        for chunk in _chunks(pks):
            model._default_manager.using(ALIAS).filter(pk__in=chunk).update(**{attname: None})
    deleted = 0
    for model, pks in dossier.rows.items():
        for chunk in _chunks(pks):
            deleted += model._default_manager.using(ALIAS).filter(pk__in=chunk)._raw_delete(ALIAS)
    return deleted
