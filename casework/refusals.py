"""Refusals answered 404 are audited like 403s, when the object exists.

Views answer 404 rather than 403 where a 403 would confirm that something exists: a destroyed
dossier, another case's agreement addressed through one's own case, a case of the wrong type.
AuditMiddleware records every 403; this middleware (after it in MIDDLEWARE, so inside its audit
context) records an `access_denied` event for a 404 whose target exists, with the case and the
data subject as `access.record_denial` does for a 403:
- the target is the last UUID in the URL (`/cases/<case>/agreements/<agreement>/` → the
  agreement), looked up in every model with a UUID key on the default database;
- an existing target names its case (the `case` foreign key, or itself) and the case's person;
  a person names itself; a destroyed case is found by its tombstone (no subject: it is gone);
- an unknown id writes nothing, but counts against the user's refusal limit (audit/refusals.py),
  so past the limit existing and unknown ids both answer 429 and probing learns nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import cache
from typing import Any

from django.apps import apps
from django.db import models, router
from django.http import HttpRequest, HttpResponse

from audit import record
from audit.actions import Action, Outcome
from audit.activities import INFORMATION_SECURITY
from audit.errors import AuditWriteError, RefusalLimitExceeded
from audit.middleware import audit_unavailable_response, refusal_limit_response
from audit.refusals import check_unrecorded_refusal


def _target_id(request: HttpRequest) -> uuid.UUID | None:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return None
    for value in reversed(list(match.kwargs.values())):
        try:
            return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
        except ValueError:
            continue
    return None


@cache
def _uuid_models() -> tuple[type[models.Model], ...]:
    """Models whose primary key is a UUID on the default database (history models have int keys)."""
    return tuple(model for model in apps.get_models()
                 if isinstance(model._meta.pk, models.UUIDField) and router.db_for_write(model) == "default"
                 and not model._meta.proxy)


def find_target(object_id: uuid.UUID) -> dict[str, Any] | None:
    """What the refused id names: object type and id, case id, subject id, processing activity."""
    from casework.models import Case, Person, processing_activity_of
    from casework.privacy.models.retention import Tombstone

    for model in _uuid_models():
        obj = model._base_manager.filter(pk=object_id).first()
        if obj is None:
            continue
        case = obj if isinstance(obj, Case) else _case_of(obj)
        subject = obj.pk if isinstance(obj, Person) else (case.person_id if case is not None else None)
        return {"object_type": model._meta.label, "object_id": obj.pk, "case_id": case.pk if case else "",
                "subject_id": subject,
                "processing_activity": processing_activity_of(case) if case else INFORMATION_SECURITY}
    tombstone = Tombstone.objects.filter(case_id=object_id).first()
    if tombstone is not None:
        return {"object_type": "casework.Case", "object_id": object_id, "case_id": object_id, "subject_id": None,
                "processing_activity": INFORMATION_SECURITY, "destroyed": True}
    return None


def _case_of(obj: models.Model):
    from casework.models import Case

    try:
        field = obj._meta.get_field("case")
    except Exception:  # noqa: BLE001 (FieldDoesNotExist: not a case-bound row)
        return None
    if not (field.is_relation and field.related_model is Case):
        return None
    case_id = getattr(obj, "case_id", None)
    return Case.objects.filter(pk=case_id).first() if case_id is not None else None


def record_not_found_refusal(request: HttpRequest, target: dict[str, Any]) -> None:
    match = request.resolver_match
    reason = f"answered 404 at {match.view_name if match else request.path[:60]}"
    if target.get("destroyed"):
        reason += "; case destroyed"
    record(action=Action.ACCESS_DENIED, outcome=Outcome.DENIED, processing_activity=target["processing_activity"],
           object_type=target["object_type"], object_id=target["object_id"], case_id=target["case_id"],
           subject_id=target["subject_id"], reason=reason[:500])


class RefusedObjectMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 404:
            return response
        user = getattr(request, "user", None)
        object_id = _target_id(request)
        if user is None or not user.is_authenticated or object_id is None:
            return response
        from audit import context as audit_context

        ctx = audit_context.current()
        if ctx is not None and ctx.denied_recorded:
            return response
        try:
            target = find_target(object_id)
            if target is None:
                check_unrecorded_refusal(str(user.pk))
            else:
                record_not_found_refusal(request, target)
        except AuditWriteError:
            return audit_unavailable_response()
        except RefusalLimitExceeded as exc:
            return refusal_limit_response(request, exc)
        return response
