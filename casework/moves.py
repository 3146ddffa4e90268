"""Moving the rows of a case type's model into a model of the core (a data migration's helper).

Used by the case types' data migrations that move their legal remedies and penalty components into
the core (ADR 0011); the dependency runs from the type's migration to the core, never back.

`move_rows` copies every row of the old table into the new one with one INSERT ... SELECT, so
nothing passes through Python and no value is decrypted or re-encrypted:
- a row keeps its id (UUID), so foreign keys, audit events and documents that name it still do;
- its encrypted values are copied byte for byte, and the new row records the label they were
  sealed under (`moved_from`: the field's `sealed_as`), so they keep opening under that label.
  Rows of crypto-shredded dossiers move as the ciphertext they are and keep refusing to open;
- the history rows (django-simple-history) move with their live rows, in their original order,
  keeping the date, type, user and reason of each change (they get new `history_id`s of the new
  table's sequence; the row's own id is unchanged in them).
Nothing is written to the audit trail: the move changes no data, and the chain stays as it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils import timezone

HISTORY_KEY = "history_id"


class Literal:
    """A constant value for a column of the new table (passed as a query parameter)."""

    def __init__(self, value: Any) -> None:
        self.value = value


class Sql:
    """An SQL expression over the old row (`src`) for a column of the new table."""

    def __init__(self, expression: str) -> None:
        self.expression = expression


def _table(model: Any) -> tuple[str, set[str]]:
    return model._meta.db_table, {f.column for f in model._meta.concrete_fields}


def _absent_default(model: Any, column: str) -> tuple[str, list[Any]] | None:
    """A column the old table never had (added to the new table by a later migration that ran first):
    NULL when it allows it, else its constant default; None when it has neither."""
    field = next(f for f in model._meta.concrete_fields if f.column == column)
    if field.null:
        return "NULL", []
    if field.has_default() and not callable(field.default):
        return "%s", [field.get_default()]
    return None


def copy_table(schema_editor: Any, *, source: Any, target: Any, values: Mapping[str, Any], order_by: str = "",
               where: str = "", where_params: tuple = (), generated: tuple[str, ...] = (HISTORY_KEY,)) -> None:
    """INSERT INTO target (columns) SELECT ... FROM source: each column from the same-named column of
    the old table, unless `values` gives it (a `Literal`, an `Sql` expression or another column's name).
    The `generated` columns (a history row's or a link row's serial key) come from the new table."""
    quote = schema_editor.quote_name
    (source_table, present), (target_table, _all) = _table(source), _table(target)
    target_columns = [f.column for f in target._meta.concrete_fields if f.column not in generated]
    selected, params = [], []
    for column in target_columns:
        value = values.get(column, column)
        if isinstance(value, Literal):
            selected.append("%s")
            params.append(value.value)
        elif isinstance(value, Sql):
            selected.append(value.expression)
        elif value in present:
            selected.append(f"src.{quote(value)}")
        elif (default := _absent_default(target, column)) is not None:
            selected.append(default[0])
            params.extend(default[1])
        else:
            raise ValueError(f"moving {source_table} to {target_table}: no value for column {column!r}")
    sql = (f"INSERT INTO {quote(target_table)} ({', '.join(quote(c) for c in target_columns)}) "  # noqa: S608
           f"SELECT {', '.join(selected)} FROM {quote(source_table)} src"
           + (f" WHERE {where}" if where else "")
           + (f" ORDER BY src.{quote(order_by)}" if order_by else ""))
    schema_editor.execute(sql, [*params, *where_params])


def move_rows(apps: Any, schema_editor: Any, *, old: str, new: str, values: Mapping[str, Any]) -> None:
    """Copy the rows of model `old` ("damocles.Objection") and of its history into model `new`
    ("remedies.Objection"); `moved_from` is set to `old`, so encrypted values open under its labels."""
    old_model, new_model = apps.get_model(old), apps.get_model(new)
    columns = {**values, "moved_from": Literal(old)}
    copy_table(schema_editor, source=old_model, target=new_model, values=columns)
    old_history = apps.get_model(old_model._meta.app_label, f"Historical{old_model.__name__}")
    new_history = apps.get_model(new_model._meta.app_label, f"Historical{new_model.__name__}")
    copy_table(schema_editor, source=old_history, target=new_history, values=columns, order_by=HISTORY_KEY)


def move_links(apps: Any, schema_editor: Any, *, old: str, new: str, field: str) -> None:
    """Copy the link rows of the many-to-many `field` of model `old` into those of model `new` (the
    same two row ids on each side; the link table's own serial key comes from the new table)."""
    source = apps.get_model(old)._meta.get_field(field).remote_field.through
    target = apps.get_model(new)._meta.get_field(field).remote_field.through
    copy_table(schema_editor, source=source, target=target, values={}, order_by="id", generated=("id",))


def refuse_to_move_back(apps: Any, schema_editor: Any, *, case_type: str, models: list[str]) -> None:
    """The reverse of a move: allowed only while the new tables hold no row of the case type.

    Rows written after the move are sealed under the new labels and cannot be opened under the old
    ones; going back with data means restoring the backup made before the upgrade.
    """
    for label in models:
        if apps.get_model(label)._default_manager.filter(case__case_type=case_type).exists():
            raise RuntimeError(f"{label} holds rows of {case_type} cases: restore the backup made before the "
                               "upgrade instead of migrating back.")


def share_categories_replace(apps: Any, schema_editor: Any, *, case_type: str, old: str,
                             new: tuple[str, ...], keep_old: bool = False) -> int:
    """In every sharing decision on a case of `case_type` that names `old`: add the categories `new`
    (in its place, or after it when `keep_old`), so no partner loses or gains access when a type's
    rows move to a component with a category of its own. Each changed decision gets a history row
    saying so (no user: the upgrade did it); returns how many changed."""
    decision = apps.get_model("casework", "SharingDecision")
    changed = []
    for pk, categories in decision.objects.filter(case__case_type=case_type).values_list("pk", "categories"):
        if old not in categories:
            continue
        updated: list[str] = []
        for code in categories:
            for replacement in ((code, *new) if code == old and keep_old else new if code == old else (code,)):
                if replacement not in updated:
                    updated.append(replacement)
        decision.objects.filter(pk=pk).update(categories=updated)
        changed.append(pk)
    if changed:
        history = apps.get_model("casework", "HistoricalSharingDecision")
        reason = f"categories of the share: {old} -> {', '.join((old, *new) if keep_old else new)} (upgrade, ADR 0011)"
        values = {"history_date": Literal(timezone.now()), "history_type": Literal("~"),
                  "history_change_reason": Literal(reason), "history_user_id": Literal(None)}
        quote = schema_editor.quote_name
        for chunk in range(0, len(changed), 500):
            ids = changed[chunk:chunk + 500]
            field = decision._meta.pk
            params = tuple(field.get_db_prep_value(pk, schema_editor.connection) for pk in ids)
            copy_table(schema_editor, source=decision, target=history, values=values,
                       where=f"src.{quote('id')} IN ({', '.join(['%s'] * len(ids))})", where_params=params)
    return len(changed)
