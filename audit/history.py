"""Change history with a required reason, and an audit event for every change (opt-in per model).

A model opts in by declaring its history with `ReasonedHistoricalRecords` instead of
django-simple-history's `HistoricalRecords`:

    history = ReasonedHistoricalRecords(
        audit_processing_activity="pga-procesregie",  # a code from audit/activities.py
        audit_subject=lambda case: case.person_id,   # optional: the person's UUID
        audit_case=lambda case: case.pk,             # optional
    )

Then every save and delete of that model needs a reason (`instance._change_reason = "..."`, or
`save_with_reason(instance, reason=...)`) or raises ChangeReasonRequired *before* the row is
written; the history row carries the reason and the acting user (simple-history's
HistoryRequestMiddleware supplies the request's user; `_history_user` overrides it), and an
audit event (create/update/delete) with the same reason is recorded through `record()`.
The event is written when the change is made, inside the business transaction's lifetime but
on the audit connection: if the business transaction rolls back afterwards the event remains,
describing an attempted change (the history table shows whether it committed).
simple-history records nothing for `bulk_create`/`update()` (pitfall 8): opted-in models must be
changed one instance at a time.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.db import models
from simple_history.manager import HistoryDescriptor
from simple_history.models import HistoricalRecords

from audit.actions import Action

HISTORY_ACTIONS = {"+": Action.CREATE, "~": Action.UPDATE, "-": Action.DELETE}


class ChangeReasonRequired(ValueError):
    """A model that requires a change reason was saved or deleted without one."""


def _reason(instance: models.Model) -> str:
    return str(getattr(instance, "_change_reason", "") or "").strip()


class _OneManagerClassDescriptor(HistoryDescriptor):
    """simple-history's `instance.history`, its manager class made once: simple-history makes a new class
    (`from_queryset`, which inspects every queryset method) on each access, and every history write reads it
    once: about 0.5 ms of each write."""

    @functools.cached_property
    def _manager_class(self) -> Any:
        return self.manager_class.from_queryset(self.queryset_class)

    def __get__(self, instance: Any, owner: Any) -> Any:
        return self._manager_class(self.model, instance)


class ReasonedHistoricalRecords(HistoricalRecords):
    def __init__(
        self,
        *args: Any,
        audit_processing_activity: str | Callable[[Any], str],
        audit_subject: Callable[[Any], Any] | None = None,
        audit_case: Callable[[Any], Any] | None = None,
        audit_object_type: str | None = None,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("history_change_reason_field", models.TextField(null=True))
        super().__init__(*args, **kwargs)
        self.audit_processing_activity = audit_processing_activity
        self.audit_subject = audit_subject
        self.audit_case = audit_case
        self.audit_object_type = audit_object_type

    def finalize(self, sender: type[models.Model], **kwargs: Any) -> None:
        applies = self.cls is sender or (self.inherit and issubclass(sender, self.cls))
        super().finalize(sender, **kwargs)
        if applies:
            descriptor = sender.__dict__.get(self.manager_name)
            if type(descriptor) is HistoryDescriptor:
                setattr(sender, self.manager_name, _OneManagerClassDescriptor(
                    descriptor.model, manager=descriptor.manager_class, queryset=descriptor.queryset_class))
            models.signals.pre_save.connect(self.require_reason, sender=sender, weak=False)
            models.signals.pre_delete.connect(self.require_reason, sender=sender, weak=False)

    def require_reason(self, sender: type[models.Model], instance: models.Model, raw: bool = False,
                       **kwargs: Any) -> None:
        if raw:
            return  # fixtures: simple-history writes no history for them either
        if not _reason(instance):
            raise ChangeReasonRequired(f"a change of {sender._meta.label} needs a reason")

    def create_historical_record(self, instance: models.Model, history_type: str, using: str | None = None) -> None:
        super().create_historical_record(instance, history_type, using=using)
        self._record_change(instance, history_type)
        tracked: Any = instance  # simple-history reads these private attributes; they are not fields
        tracked._change_reason = None  # each change states its own reason

    def _record_change(self, instance: models.Model, history_type: str) -> None:
        from audit.services import FROM_CONTEXT, record

        activity = self.audit_processing_activity
        record(
            action=HISTORY_ACTIONS[history_type],
            processing_activity=activity(instance) if callable(activity) else activity,
            object_type=self.audit_object_type or instance._meta.label,
            object_id=instance.pk,
            case_id=self.audit_case(instance) if self.audit_case else "",
            subject_id=self.audit_subject(instance) if self.audit_subject else None,
            reason=_reason(instance),
            actor=getattr(instance, "_history_user", None) or FROM_CONTEXT,
        )


def save_with_reason(instance: models.Model, *, reason: str, user: Any = None, **save_kwargs: Any) -> models.Model:
    """Save an opted-in instance with a change reason (and, outside a request, the acting user)."""
    tracked: Any = instance  # simple-history's private attributes, not fields
    tracked._change_reason = reason
    if user is not None:
        tracked._history_user = user
    instance.save(**save_kwargs)
    return instance


def delete_with_reason(instance: models.Model, *, reason: str, user: Any = None) -> None:
    tracked: Any = instance
    tracked._change_reason = reason
    if user is not None:
        tracked._history_user = user
    instance.delete()
