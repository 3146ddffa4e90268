"""Optimistic concurrency: one rule for the web forms and the API (docs/adr/0010-api-rules.md).

A case is the unit of consistency. Its `version` counts the updates of the case and of its rows
(a status step, a handover, an agreement's new status, a recorded assessment, a revoked share,
an objection's outcome, ...). Whoever updates sends the version they read: a form carries it in a
hidden field, an API request in the body's `version` member. When it no longer matches, someone
else updated the case in the meantime: the update is refused with `StaleEdit` (409 in the API and
on the web page) and nothing is written. A successful update raises the version by exactly one.
Creating a new row (a referral, an agreement, an objection) overwrites nothing and carries no
version.

`workflow.transition` and `services.case_handover` check the version themselves; every other
update runs its service inside `case_update` (the web pages through casework/web/versions.py, the
API through `CaseApiView.case_update`).

Which models have rows a user updates is declared, not guessed: every model of a case (the core's
rows of a case below, each type's and component's `field_categories`) is classified in `row_kinds`
as EDITABLE, CREATED or OUTSIDE_CASE. `unclassified()` names the models nobody classified and
tests/casework/versions/ proves a stale write conflict for every EDITABLE model; a model added later
fails those tests until it is classified and, when editable, has its conflict test.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.apps import apps
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from casework import registry
from casework.models import Case
from casework.registry import CREATED, EDITABLE, OUTSIDE_CASE
from casework.workflow import StaleEdit

# The core's own rows of a case.
CORE_ROW_KINDS: dict[str, str] = {
    "casework.Case": EDITABLE,  # status steps and handovers (they check the version themselves)
    "casework.SharingDecision": EDITABLE,  # revocation
    "casework.Approval": EDITABLE,  # the four-eyes decision
    "casework.CaseStep": CREATED, "casework.Handover": CREATED, "casework.CaseLink": CREATED,
    "casework.BreakGlassGrant": CREATED, "casework.CaseUserObjectPermission": CREATED,
    "casework.CaseGroupObjectPermission": CREATED,
}
KINDS = (EDITABLE, CREATED, OUTSIDE_CASE)


def row_kinds() -> dict[str, str]:
    """Model label -> kind, over the core, the registered components and the registered case types."""
    kinds = dict(CORE_ROW_KINDS)
    for part in registry.components():
        kinds.update(part.row_kinds)
    for spec in registry.types():
        kinds.update(spec.row_kinds)
    return kinds


def editable_models() -> list[str]:
    return sorted(label for label, kind in row_kinds().items() if kind == EDITABLE)


def case_models() -> set[str]:
    """Every model whose rows belong to a case: the core's models with a foreign key to the case, and
    the models of every registered type and component (their `field_categories` cover all of them)."""
    labels = {model._meta.label for model in apps.get_app_config("casework").get_models()
              if not _is_history(model) and any(getattr(f, "related_model", None) is Case
                                                for f in model._meta.get_fields() if f.concrete)}
    labels.add("casework.Case")
    for part in registry.components():
        labels.update(part.field_categories)
    for spec in registry.types():
        labels.update(spec.field_categories)
    return labels


def _is_history(model: type) -> bool:
    """A history table (django-simple-history) mirrors its model: its rows are appended, never edited."""
    return any(f.name == "history_id" for f in model._meta.get_fields())  # type: ignore[attr-defined]


def unclassified() -> list[str]:
    """Models of a case that no `row_kinds` classifies (or with an unknown kind)."""
    kinds = row_kinds()
    return sorted(label for label in case_models() if kinds.get(label) not in KINDS)


def stale_edit() -> StaleEdit:
    return StaleEdit(_("This case was changed by someone else in the meantime. Reload the page."), code="stale")


@contextmanager
def case_update(*, case: Case, expected_version: int) -> Iterator[Case]:
    """Run the body as an update of `case` (or one of its rows) that `expected_version` was read for.

    The version is compared and raised in one conditional UPDATE at the start of the transaction:
    of two concurrent updates from the same version one wins, on SQLite and PostgreSQL alike, and
    the other gets `StaleEdit` before its service runs. When the body raises, the transaction, and
    with it the raised version, rolls back. (A plain UPDATE of the one bookkeeping column: it writes
    no history row, as the version is no case data.)
    """
    with transaction.atomic():
        if not Case.objects.filter(pk=case.pk, version=expected_version).update(version=F("version") + 1):
            raise stale_edit()
        previous = case.version
        case.version = expected_version + 1
        try:
            yield case
        except BaseException:
            case.version = previous
            raise
