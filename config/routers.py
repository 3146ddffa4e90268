"""Database router: keeps the audit trail and the key store on their own aliases.

Reads of `default` models may go to a streaming replica when a request allows it (config/replica.py).
A model opts into a dedicated alias with a class attribute `DATABASE_ALIAS = "audit"` (or
`"keys"`); everything else lives on `default`. Migration operations without a model (RunSQL,
RunPython) name their alias with the hint `target_db`. No relation may cross aliases: audit
rows and data keys refer to other rows by plain ids only (docs/adr/0003).
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db import models

from config import replica

DEDICATED_ALIASES = ("audit", "keys")


def alias_for_model(model: type[models.Model]) -> str:
    return getattr(model, "DATABASE_ALIAS", "default")


def _alias_for_label(app_label: str, model_name: str | None) -> str | None:
    if model_name is None:
        return None
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        # A model deleted from the code but still in old migrations: keep it on default.
        return "default"
    return alias_for_model(model)


class AliasRouter:
    def db_for_read(self, model: type[models.Model], **hints: Any) -> str:
        alias = alias_for_model(model)
        if alias == "default" and replica.use_replica_for(model):  # opt-in, per request (config/replica.py)
            return replica.REPLICA
        return alias

    def db_for_write(self, model: type[models.Model], **hints: Any) -> str:
        return alias_for_model(model)

    def allow_relation(self, obj1: models.Model, obj2: models.Model, **hints: Any) -> bool:
        return alias_for_model(type(obj1)) == alias_for_model(type(obj2))

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints: Any) -> bool:
        if db == replica.REPLICA:
            return False  # a streaming replica follows the primary; it is never migrated
        target = hints.get("target_db")
        if target is not None:
            return db == target
        alias = _alias_for_label(app_label, model_name)
        if alias is None:
            # A data migration without a target runs on default only.
            return db == "default"
        return db == alias
