"""The transition engine shared by every case type.

Each case type declares one `Workflow`: its states, and a table of allowed transitions with the
roles that may take them and the data they require (casework/<type>/workflow.py). `transition()`
is the only writer of `Case.status`: it validates, appends a `CaseStep`, lets the case type apply
the step's data, stores the case with the reason in its history (which writes the audit event)
and bumps the optimistic-locking version. Closed cases accept only a reopening transition.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from audit.history import save_with_reason
from casework import access, bounds, registry
from casework.models import Case, CaseStep


class IllegalTransition(ValidationError):
    """The case's workflow has no transition from its status to the requested one."""


class StaleEdit(ValidationError):
    """Someone else changed the case since this user loaded it."""


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    roles: frozenset[str]
    requires: tuple[str, ...] = ()
    closes: bool = False
    reopens: bool = False


@dataclass(frozen=True)
class Workflow:
    case_type: str
    states: Mapping[str, Any]  # code -> translatable label
    initial: str
    transitions: tuple[Transition, ...]
    # Copies a step's data onto the type's details (and checks its preconditions): a callable, or its
    # "module:attribute" name when the service sits above the table (resolved at the step).
    apply: Callable[[Case, Transition, dict[str, Any]], None] | str | None = None
    closed_states: frozenset[str] = field(default_factory=frozenset)
    # The data a step into a status takes besides what its transition `requires` (target -> field names): a
    # step refuses any other (an API client could otherwise store a date or a reason with a step that has no
    # use for it, in the step's record and, for PGA, on the case's details).
    step_data: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def takes(self, step: Transition) -> tuple[str, ...]:
        """The data fields `step` takes: the required ones, then the optional ones of its target."""
        return (*step.requires, *self.step_data.get(step.target, ()))

    def find(self, source: str, target: str) -> Transition | None:
        return next((t for t in self.transitions if t.source == source and t.target == target), None)

    def targets_from(self, source: str) -> list[Transition]:
        return [t for t in self.transitions if t.source == source]

    def label(self, state: str) -> str:
        """The state's label in the active language. The labels are lazy translations, each looked up (the
        active language through asgiref's `Local`, then the catalogue) every time one is written: a list page
        wrote one per row. They are translated once per language and workflow instead (docs/performance.md)."""
        language = get_language()
        labels = self._labels.get(language)
        if labels is None:
            labels = self._labels[language] = {code: str(label) for code, label in self.states.items()}
        return labels.get(state, state)

    @cached_property
    def _labels(self) -> dict[str | None, dict[str, str]]:
        """language -> state -> label (kept in the instance's own dict: the dataclass is frozen, not slotted)."""
        return {}


WORKFLOWS: dict[str, Workflow] = {}


def register(workflow: Workflow) -> Workflow:
    for t in workflow.transitions:
        if t.source not in workflow.states or t.target not in workflow.states:
            raise ValueError(f"{workflow.case_type}: transition {t.source}->{t.target} names an unknown state")
    WORKFLOWS[workflow.case_type] = workflow
    return workflow


def workflow_for(case: Case) -> Workflow:
    return WORKFLOWS[case.case_type]


def available_transitions(*, case: Case, user) -> list[Transition]:
    """Transitions this user could take now (for buttons; transition() checks again)."""
    case_access = access.case_access(user, case)
    if not case_access.allows(access.TRANSITION):
        return []
    return [t for t in workflow_for(case).targets_from(case.status) if user.role in t.roles]


def _json_ready(data: dict[str, Any]) -> dict[str, Any]:
    ready = {}
    for key, value in data.items():
        if isinstance(value, date):
            ready[key] = value.isoformat()
        elif hasattr(value, "pk"):
            ready[key] = str(value.pk)
        else:
            ready[key] = value
    return ready


def _check_taken(workflow: Workflow, step: Transition, data: dict[str, Any]) -> None:
    """Refuse data the step does not take (empty values and False count as not given: a form or client sends
    its blank fields)."""
    taken = set(workflow.takes(step))
    stray = sorted(name for name, value in data.items() if value not in (None, "", False, [], ()) and name not in taken)
    if stray:
        raise ValidationError({name: _("This step does not take this field.") for name in stray}, code="stray")


def _check_required(step: Transition, data: dict[str, Any]) -> None:
    missing = {name: _("This field is required for this step.") for name in step.requires
               if data.get(name) in (None, "", [], ())}
    if missing:
        raise ValidationError(missing)


def allowed_step(*, case: Case, to: str) -> Transition:
    """The table's transition from the case's status to `to`, or IllegalTransition (for forms too)."""
    workflow = workflow_for(case)
    step_def = workflow.find(case.status, to)
    if step_def is None:
        raise IllegalTransition(
            _("A case with status “%(source)s” cannot move to “%(target)s”.")
            % {"source": workflow.label(case.status), "target": workflow.label(to)},
            code="illegal_transition",
        )
    return step_def


def transition(*, case: Case, to: str, by, reason: str, expected_version: int | None = None, **data: Any) -> CaseStep:
    """Move `case` to status `to`. Raises IllegalTransition, StaleEdit, ValidationError or PermissionDenied."""
    workflow = workflow_for(case)
    step_def = allowed_step(case=case, to=to)
    access.require(by, access.TRANSITION, case)
    if by.role not in step_def.roles:
        access.record_denial(by, case, access.TRANSITION)
        raise PermissionDenied(_("Your role may not take this step."))
    if case.is_closed and not step_def.reopens:
        raise ValidationError(_("This case is closed and read-only. Reopen it first."), code="closed")
    if not (reason or "").strip():
        raise ValidationError({"reason": _("State the reason for this step.")})
    bounds.raise_errors(bounds.lengths({"reason": reason}, bounds.SHORT_TEXT))
    _check_required(step_def, data)
    _check_taken(workflow, step_def, data)
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if expected_version is not None and locked.version != expected_version:
            raise StaleEdit(
                _("This case was changed by someone else in the meantime. Reload the page and try again."),
                code="stale",
            )
        if locked.status != case.status:
            raise StaleEdit(_("The status of this case changed in the meantime. Reload the page."), code="stale")
        now = timezone.now()
        last = locked.steps.order_by("-sequence").values_list("sequence", flat=True).first() or 0
        step = CaseStep.objects.create(
            case=locked, data_key_id=locked.data_key_id, sequence=last + 1, from_status=locked.status,
            to_status=to, at=now, by=by, reason=reason, data=_json_ready(data) or None,
        )
        if workflow.apply is not None:
            registry.resolve(workflow.apply)(locked, step_def, data)
        locked.status = to
        locked.version += 1
        if step_def.closes:
            locked.closed_on = timezone.localdate(now)
        if step_def.reopens:
            locked.closed_on = None
        # The user's own words may describe the person: they stay encrypted in the step; the
        # history row and audit event carry a structured reason that points to the step.
        save_with_reason(locked, reason=f"transition {step.from_status} -> {to} (step {step.sequence})", user=by)
    case.refresh_from_db()
    return step


def applied_step(case: Case) -> CaseStep:
    """Inside a workflow's `apply` hook (and the guards it calls): the step being applied, with its actor. The
    engine writes the step's row before it calls the hook, so it is the case's latest."""
    step = case.steps.select_related("by").order_by("-sequence").first()
    assert step is not None, "applied_step outside a transition"  # noqa: S101 - programming error
    return step


def start(*, case: Case, by, reason: str) -> CaseStep:
    """The first step of a new case (status '' → the workflow's initial state)."""
    workflow = workflow_for(case)
    step = CaseStep.objects.create(
        case=case, data_key_id=case.data_key_id, sequence=1, from_status="", to_status=workflow.initial,
        at=timezone.now(), by=by, reason=reason,
    )
    return step

