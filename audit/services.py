"""`record()` and `record_batch()`: the one way anything writes to the audit trail.

Views call them *before* rendering personal data: if the write fails they raise
`AuditWriteError`, the request ends in a 503 (audit.middleware) and nothing was shown (fail closed).
Events go through the `audit` alias in their own transaction (audit.chain), so a rollback of the
business transaction keeps the record of what was disclosed.

Data subjects appear only as pseudonyms: pass `subject_id` (the person's UUID; the pseudonym is
computed here) or an already computed `subject_pseudonym`. Anything else that identifies a
person (name, BSN) has no place in an event; `object_id` and `case_id` are opaque keys.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from audit import context as audit_context
from audit import refusals
from audit.actions import Action, Outcome
from audit.activities import KNOWN_ACTIVITIES
from audit.chain import append
from audit.errors import AuditWriteError, RefusalLimitExceeded
from audit.models import AuditEvent
from encryption.pseudonyms import subject_pseudonym as compute_pseudonym

__all__ = ["AuditWriteError", "FROM_CONTEXT", "Target", "record", "record_batch"]

logger = logging.getLogger("audit")

PSEUDONYM = re.compile(r"^[0-9a-f]{64}$")
OPAQUE_ID = re.compile(r"^[A-Za-z0-9_.:/\-]{1,100}$")
OBJECT_TYPE = re.compile(r"^[A-Za-z0-9_.:\-]{0,100}$")
# `Choices.values` builds its list on every access: the known codes once.
ACTIONS = frozenset(Action.values)
OUTCOMES = frozenset(Outcome.values)


class _FromContext:
    def __repr__(self) -> str:
        return "FROM_CONTEXT"


FROM_CONTEXT: Any = _FromContext()


@dataclass(frozen=True)
class Target:
    """One object (and at most one data subject) an event is about; a list page passes many."""

    object_type: str = ""
    object_id: Any = ""
    case_id: Any = ""
    subject_id: uuid.UUID | str | None = None
    subject_pseudonym: str = ""
    # The target's own processing activity, where a page shows objects of several (a mixed case list):
    # then one insert and one chain lock serve the whole page. Empty: the batch's activity.
    processing_activity: str = ""


def actor_snapshot(user: Any) -> dict[str, str]:
    """Id, display name, organisation and role of an employee, cached on the user object.

    Cached because `role` reads the groups: a page recording many events pays for it once.
    """
    if user is None:
        return {"actor_id": "", "actor_name": "", "actor_organisation_id": "", "actor_organisation": "",
                "actor_role": ""}
    cached = user.__dict__.get("_audit_actor_snapshot")
    if cached is None:
        organisation = getattr(user, "organisation", None)
        cached = {
            "actor_id": str(user.pk),
            "actor_name": str(getattr(user, "display_name", "") or user.get_username())[:255],
            "actor_organisation_id": str(organisation.pk) if organisation is not None else "",
            "actor_organisation": str(organisation.name)[:255] if organisation is not None else "",
            "actor_role": str(getattr(user, "role", "") or ""),
        }
        user.__dict__["_audit_actor_snapshot"] = cached
    return cached


def _on_behalf_of(principal: Any, actor: Any) -> dict[str, str]:
    """The user or organisation the actor works for; by default the actor's own organisation."""
    if principal is None and actor is not None:
        principal = getattr(actor, "organisation", None)
    if principal is None:
        return {"on_behalf_of_type": "", "on_behalf_of_id": "", "on_behalf_of_name": ""}
    if hasattr(principal, "get_username"):
        name = getattr(principal, "display_name", "") or principal.get_username()
        kind = "user"
    else:
        name, kind = getattr(principal, "name", ""), "organisation"
    return {"on_behalf_of_type": kind, "on_behalf_of_id": str(principal.pk), "on_behalf_of_name": str(name)[:255]}


def _opaque(value: Any, what: str) -> str:
    if value is None or value == "":
        return ""
    text = str(value)
    if not OPAQUE_ID.match(text):
        raise ValueError(f"{what} must be an opaque key (a UUID or number), not free text")
    return text


def _pseudonym(target: Target) -> str:
    if target.subject_id is not None and target.subject_id != "":
        if target.subject_pseudonym:
            raise ValueError("pass subject_id or subject_pseudonym, not both")
        return compute_pseudonym(target.subject_id)
    if target.subject_pseudonym and not PSEUDONYM.match(target.subject_pseudonym):
        raise ValueError("subject_pseudonym must be 64 lower-case hex characters from subject_pseudonym()")
    return target.subject_pseudonym


def _target_fields(target: Target) -> dict[str, str]:
    if not OBJECT_TYPE.match(target.object_type or ""):
        raise ValueError("object_type must look like 'app.Model'")
    fields = {"processing_activity": target.processing_activity} if target.processing_activity else {}
    if target.processing_activity and target.processing_activity not in KNOWN_ACTIVITIES:
        raise ValueError(f"unknown processing activity {target.processing_activity!r}")
    return {
        **fields,
        "object_type": target.object_type or "",
        "object_id": _opaque(target.object_id, "object_id"),
        "case_id": _opaque(target.case_id, "case_id"),
        "subject_pseudonym": _pseudonym(target),
    }


def _common_fields(
    *, action: str, outcome: str, processing_activity: str, reason: str, actor: Any, on_behalf_of: Any
) -> dict[str, str]:
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    if outcome not in OUTCOMES:
        raise ValueError(f"unknown audit outcome {outcome!r}")
    if processing_activity not in KNOWN_ACTIVITIES:
        raise ValueError(f"unknown processing activity {processing_activity!r}")
    ctx = audit_context.current()
    if actor is FROM_CONTEXT:
        actor = ctx.acting_user() if ctx is not None else None
    fields = {
        "action": str(action),
        "outcome": str(outcome),
        "processing_activity": processing_activity,
        "reason": (reason or "").replace("\x00", ""),
        # Outside a request or command context each call is a processing of its own (Logboek
        # Dataverwerkingen needs a trace and span id on every line).
        "request_id": ctx.request_id if ctx else "",
        "trace_id": ctx.trace_id if ctx else audit_context.new_trace_id(),
        "span_id": ctx.span_id if ctx else audit_context.new_span_id(),
        "parent_span_id": ctx.parent_span_id if ctx else "",
        "client_address": ctx.client_address if ctx else "",
        "user_agent": (ctx.user_agent if ctx else "").replace("\x00", ""),
    }
    fields.update(actor_snapshot(actor))
    fields.update(_on_behalf_of(on_behalf_of, actor))
    return fields


def record_batch(
    *,
    action: str,
    processing_activity: str,
    targets: Sequence[Target],
    outcome: str = Outcome.OK,
    reason: str = "",
    actor: Any = FROM_CONTEXT,
    on_behalf_of: Any = None,
) -> list[AuditEvent]:
    """Record one event per target (one per person on a list page) with a single insert.

    A target with a `processing_activity` of its own is recorded under that one (a page of cases of several
    types); the others under `processing_activity`.

    `actor` defaults to the request's user (or a command's `--actor`); pass None for the system.
    Raises AuditWriteError when the audit database does not take the events, and
    RefusalLimitExceeded (answered 429) for a refusal beyond the per-user limit (audit/refusals.py).
    """
    common = _common_fields(
        action=action, outcome=outcome, processing_activity=processing_activity, reason=reason,
        actor=actor, on_behalf_of=on_behalf_of,
    )
    budget = _refusal_budget(action, common)
    if budget is refusals.Budget.OVER:
        raise RefusalLimitExceeded(refusals.retry_after())
    if budget is refusals.Budget.LAST:
        common["reason"] += refusals.LIMIT_NOTE
    drafts = [{**common, **_target_fields(target)} for target in targets]
    try:
        events = append(drafts)
    except Exception as exc:
        # The exception text may quote the row (pseudonyms, reasons): log its type only.
        logger.error("audit write failed (%s); the request is refused", type(exc).__name__)
        raise AuditWriteError("the audit trail could not be written") from exc
    ctx = audit_context.current()
    if ctx is not None and action == Action.ACCESS_DENIED:
        ctx.denied_recorded = True
    if budget is refusals.Budget.LAST:
        raise RefusalLimitExceeded(refusals.retry_after())
    return events


def refusal_actor_key(fields: dict[str, str]) -> str:
    return fields.get("actor_id") or f"address:{fields.get('client_address', '')}"


def _refusal_budget(action: str, common: dict[str, str]) -> refusals.Budget:
    """Refusals during a request count against the actor's limit; anything else is always recorded."""
    ctx = audit_context.current()
    if action != Action.ACCESS_DENIED or ctx is None or ctx.request is None:
        return refusals.Budget.RECORD
    return refusals.count_refusal(refusal_actor_key(common))


def record(
    *,
    action: str,
    processing_activity: str,
    outcome: str = Outcome.OK,
    object_type: str = "",
    object_id: Any = "",
    case_id: Any = "",
    subject_id: uuid.UUID | str | None = None,
    subject_pseudonym: str = "",
    reason: str = "",
    actor: Any = FROM_CONTEXT,
    on_behalf_of: Any = None,
) -> AuditEvent:
    """Record one event about at most one data subject. See record_batch for the arguments."""
    target = Target(
        object_type=object_type, object_id=object_id, case_id=case_id, subject_id=subject_id,
        subject_pseudonym=subject_pseudonym,
    )
    (event,) = record_batch(
        action=action, processing_activity=processing_activity, targets=[target], outcome=outcome,
        reason=reason, actor=actor, on_behalf_of=on_behalf_of,
    )
    return event
