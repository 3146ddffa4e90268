"""Legal remedies against a decision, for every case type: announcements per addressee, objections,
interim relief, appeals. Child rows with their own dates and states, never case states: an
objection does not suspend the decision (Awb 6:16); only a judge's suspension (Awb 8:81) does.

- Announcement (bekendmaking, Awb 3:41): per addressee, with their own date and method, so each
  has their own objection deadline: 6 weeks from the day after (Awb 6:7/6:8), extended by the
  Algemene termijnenwet (casework.deadlines.objection_deadline).
- Objection (bezwaar): the decision term starts the day after the objection window ends (7:10
  lid 1): 6 weeks, 12 with an advisory committee; plus the days suspended while the objector
  repairs an omission (lid 2) and extensions (lid 3: 6 weeks; lid 4: further with consent or on
  stated grounds), each extension with its ground. A statutory term, so the Atw applies.
- Interim relief (voorlopige voorziening): pending, it does not suspend; record whether the
  municipality waits voluntarily.
- Appeal (beroep) and higher appeal (hoger beroep).

A case type calls these with its `RemedyRules` (who may act, which announcement methods and
addressee roles it uses, whether dates after today are refused, what to recompute after a change,
e.g. the limitation of forfeited penalties) and the `Decision` the remedy is about; its own checks
(is there an announceable decision? is the addressee named in the order?) come first, in its own
service. Each change is saved with a structured reason; free text (grounds, outcomes) stays encrypted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.history import save_with_reason
from casework.deadlines import objection_deadline, term_end
from casework.models import Case, Person
from casework.remedies.models import AddresseeRole, Announcement, Appeal, InterimRelief, Objection
from casework.remedies.terms import compliance_end
from casework.values import parse_date, require_date

OBJECTION_DECISION_WEEKS = 6
OBJECTION_DECISION_WEEKS_WITH_COMMITTEE = 12


@dataclass(frozen=True)
class Decision:
    """The decided row of a case type a remedy is about (a closure decision, a penalty order)."""

    case: Case
    model: str  # its model label, e.g. "park.PenaltyOrder"
    pk: Any
    decided_on: date | None = None
    # The compliance term (begunstigingstermijn) the decision sets, in days (0: none); None when
    # this decision sets no such term. Each announcement stores its own end (casework/remedies/terms.py).
    compliance_term_days: int | None = None

    @classmethod
    def of(cls, row: Any, *, case: Case, decided_on: date | None = None,
           compliance_term_days: int | None = None) -> Decision:
        return cls(case=case, model=row._meta.label, pk=row.pk, decided_on=decided_on,
                   compliance_term_days=compliance_term_days)

    def reference(self) -> dict[str, Any]:
        return {"decision_type": self.model, "decision_id": self.pk}


@dataclass(frozen=True)
class RemedyRules:
    """How one case type uses the remedies.

    `authorise(actor, case)` raises PermissionDenied (and records the refusal) for whoever may not
    act, and ValidationError when the case does not allow it (closed); `after_change(actor=,
    decision_type=, decision_id=, because=)` runs in the same transaction after every change.
    """

    authorise: Callable[[User, Case], None]
    methods: tuple[str, ...] = tuple(Announcement.Method.values)
    roles: tuple[str, ...] = ()  # addressee roles the type asks for; empty: none
    refuse_future: bool = False  # a date after today is refused
    dated_withdrawal: bool = False  # a withdrawal needs its date; an open objection has no decision date
    after_change: Callable[..., None] | None = None

    def changed(self, *, actor: User, decision_type: str, decision_id: Any, because: str) -> None:
        if self.after_change is not None:
            self.after_change(actor=actor, decision_type=decision_type, decision_id=decision_id, because=because)


def _required_day(value: Any, field: str, missing: str) -> date:
    return require_date(value, field, missing=missing)


def _not_future(rules: RemedyRules, day: date | None, field: str) -> None:
    if rules.refuse_future and day is not None and day > timezone.localdate():
        raise ValidationError({field: _("Enter a date that is not in the future.")})


def _addressee_errors(rules: RemedyRules, case: Case, *, role: str, method: str, announced_on: Any,
                      addressee_person: Person | None, addressee_name: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if rules.roles and role not in rules.roles:
        errors["role"] = _("Choose owner, tenant or occupant.")
    if method not in rules.methods:
        errors["method"] = _("Choose how the decision was announced.")
    if announced_on in (None, ""):
        errors["announced_on"] = _("Enter the date of the announcement.")
    if addressee_person is None and not addressee_name.strip():
        errors["addressee_name"] = _("Name the addressee, or choose a registered person.")
    if addressee_person is not None and addressee_person.controller_id != case.controller_id:
        errors["addressee_person"] = _("The person must be registered under the case's controller.")
    return errors


@transaction.atomic
def announcement_register(
    *,
    actor: User,
    rules: RemedyRules,
    decision: Decision,
    method: str,
    announced_on: Any,
    role: str = "",
    addressee_person: Person | None = None,
    addressee_name: str = "",
    reason: str = "",
) -> Announcement:
    """Record the announcement of `decision` to one addressee, with their own objection deadline and,
    when the decision sets one, the end of their own compliance term (terms.compliance_end)."""
    case = decision.case
    rules.authorise(actor, case)
    errors = _addressee_errors(rules, case, role=role, method=method, announced_on=announced_on,
                               addressee_person=addressee_person, addressee_name=addressee_name)
    if errors:
        raise ValidationError(errors)
    day = _required_day(announced_on, "announced_on", _("Enter the date of the announcement."))
    if decision.decided_on is not None and day < decision.decided_on:
        raise ValidationError({"announced_on": _("A decision cannot be announced before it was taken.")})
    _not_future(rules, day, "announced_on")
    if role and role not in AddresseeRole.values:
        raise ValidationError({"role": _("Choose owner, tenant or occupant.")})
    announcement = Announcement(
        case=case, data_key_id=case.data_key_id, **decision.reference(), addressee_person=addressee_person,
        addressee_name=addressee_name.strip() or None, role=role, method=method, announced_on=day,
        objection_deadline=objection_deadline(announced_on=day),
        compliance_ends_on=None if decision.compliance_term_days is None
        else compliance_end(announced_on=day, days=decision.compliance_term_days),
    )
    save_with_reason(announcement, reason=reason or f"announcement registered ({role or '-'}, {method})", user=actor)
    rules.changed(actor=actor, because="announcement", **decision.reference())
    return announcement


def objection_decision_due(
    *, objection_deadline: date, advisory_committee: bool, suspension_days: int = 0, extension_weeks: int = 0,
) -> date:
    """Awb 7:10: from the day after the objection window ends; 6 or 12 weeks, + suspension + extension."""
    weeks = OBJECTION_DECISION_WEEKS_WITH_COMMITTEE if advisory_committee else OBJECTION_DECISION_WEEKS
    return term_end(event=objection_deadline, weeks=weeks + extension_weeks, days=suspension_days, statutory=True)


def _recompute(objection: Objection) -> None:
    deadline = objection.announcement.objection_deadline
    objection.decision_due_on = objection_decision_due(
        objection_deadline=deadline, advisory_committee=objection.advisory_committee,
        suspension_days=objection.suspension_days, extension_weeks=objection.extension_weeks,
    ) if deadline else None


def _changed_about(rules: RemedyRules, actor: User, row: Any, because: str) -> None:
    rules.changed(actor=actor, decision_type=row.decision_type, decision_id=row.decision_id, because=because)


@transaction.atomic
def objection_register(
    *, actor: User, rules: RemedyRules, announcement: Announcement, received_on: Any, advisory_committee: bool = False,
    case: Case | None = None,
) -> Objection:
    """Register an objection against the decision as announced to one addressee (of `case`, when given)."""
    rules.authorise(actor, case or announcement.case)
    if case is not None and announcement.case_id != case.pk:
        raise ValidationError({"announcement": _("The announcement belongs to another case.")})
    day = _required_day(received_on, "received_on", _("Enter the date the objection was received."))
    if day < announcement.announced_on:
        raise ValidationError({"received_on": _("An objection cannot be received before the announcement.")})
    _not_future(rules, day, "received_on")
    objection = Objection(case=announcement.case, data_key_id=announcement.data_key_id, announcement=announcement,
                          received_on=day, advisory_committee=bool(advisory_committee))
    _recompute(objection)
    save_with_reason(objection, reason=f"objection registered (committee={bool(advisory_committee)})", user=actor)
    _changed_about(rules, actor, announcement, "objection registered")
    return objection


def _set_state(objection: Objection, state: str | None, outcome: str | None, decided_on: date | None) -> None:
    if state is not None:
        if state not in Objection.State.values:
            raise ValidationError({"state": _("Unknown state.")})
        objection.state = state
    if outcome is not None:
        if outcome and outcome not in Objection.Outcome.values:
            raise ValidationError({"outcome": _("Unknown outcome.")})
        objection.outcome = outcome
    if decided_on is not None:
        objection.decided_on = decided_on


def _apply_state(rules: RemedyRules, objection: Objection, state: str | None, outcome: str | None,
                 decided_on: date | None) -> None:
    _set_state(objection, state, outcome, decided_on)
    decided = objection.state == Objection.State.DECIDED
    closed = decided or objection.state == Objection.State.WITHDRAWN
    if decided and not objection.outcome:
        raise ValidationError({"outcome": _("A decided objection needs its outcome.")})
    if not decided and objection.outcome:
        raise ValidationError({"outcome": _("Only a decided objection has an outcome.")})
    if (decided or (closed and rules.dated_withdrawal)) and objection.decided_on is None:
        raise ValidationError({"decided_on": _("Enter the date of the decision or the withdrawal.")})
    if rules.dated_withdrawal and not closed:
        objection.decided_on = None
    if objection.decided_on is not None:
        if objection.decided_on < objection.received_on:
            raise ValidationError({"decided_on": _("The decision cannot precede the objection.")})
        _not_future(rules, objection.decided_on, "decided_on")


def _set_terms(objection: Objection, suspension_days: int | None, extension_weeks: int | None,
               extension_ground: str | None, advisory_committee: bool | None) -> None:
    if suspension_days is not None:
        if isinstance(suspension_days, bool) or not isinstance(suspension_days, int) or suspension_days < 0:
            raise ValidationError({"suspension_days": _("Enter zero or more days.")})
        objection.suspension_days = suspension_days
    if extension_weeks is not None:
        if isinstance(extension_weeks, bool) or not isinstance(extension_weeks, int) or extension_weeks < 0:
            raise ValidationError({"extension_weeks": _("Enter zero or more weeks.")})
        objection.extension_weeks = extension_weeks
    if extension_ground is not None:
        objection.extension_ground = str(extension_ground).strip() or None
    if objection.extension_weeks and not str(objection.extension_ground or "").strip():
        raise ValidationError({"extension_ground": _("State the ground for extending the decision term.")})
    if advisory_committee is not None:
        objection.advisory_committee = bool(advisory_committee)


@transaction.atomic
def objection_update(
    *,
    actor: User,
    rules: RemedyRules,
    objection: Objection,
    suspension_days: int | None = None,
    extension_weeks: int | None = None,
    extension_ground: str | None = None,
    state: str | None = None,
    outcome: str | None = None,
    decided_on: Any = None,
    advisory_committee: bool | None = None,
) -> Objection:
    """Suspension (7:10 lid 2), extension with its ground (lid 3/4), state and outcome; recomputes the term."""
    rules.authorise(actor, objection.case)
    _set_terms(objection, suspension_days, extension_weeks, extension_ground, advisory_committee)
    _apply_state(rules, objection, state, outcome, parse_date(decided_on, "decided_on"))
    _recompute(objection)
    reason = (f"objection updated (state={objection.state}, suspension={objection.suspension_days}d, "
              f"extension={objection.extension_weeks}w)")
    save_with_reason(objection, reason=reason, user=actor)
    _changed_about(rules, actor, objection.announcement, "objection updated")
    return objection


def decision_suspended(decision: Decision) -> bool:
    """Only the judge's suspension suspends a decision; a pending request does not."""
    return InterimRelief.objects.filter(**decision.reference(), state=InterimRelief.State.SUSPENDED).exists()


@transaction.atomic
def interim_relief_register(
    *, actor: User, rules: RemedyRules, decision: Decision, requested_on: Any, municipality_waits: bool = False,
) -> InterimRelief:
    """A request for interim relief (8:81). Pending, it does not suspend; record whether we wait anyway."""
    case = decision.case
    rules.authorise(actor, case)
    day = _required_day(requested_on, "requested_on", _("Enter the date of the request."))
    _not_future(rules, day, "requested_on")
    relief = InterimRelief(case=case, data_key_id=case.data_key_id, **decision.reference(), requested_on=day,
                           municipality_waits=bool(municipality_waits))
    save_with_reason(relief, reason=f"interim relief registered (waits={bool(municipality_waits)})", user=actor)
    rules.changed(actor=actor, because="interim relief registered", **decision.reference())
    return relief


@transaction.atomic
def interim_relief_update(
    *, actor: User, rules: RemedyRules, relief: InterimRelief, state: str | None = None, ruled_on: Any = None,
    municipality_waits: bool | None = None,
) -> InterimRelief:
    """The judge's ruling (suspended = schorsing, the only thing that suspends the decision) or a withdrawal."""
    rules.authorise(actor, relief.case)
    if state is not None:
        if state not in InterimRelief.State.values:
            raise ValidationError({"state": _("Unknown state.")})
        relief.state = state
    day = parse_date(ruled_on, "ruled_on")
    if day is not None:
        relief.ruled_on = day
    if municipality_waits is not None:
        relief.municipality_waits = municipality_waits
    ruled = relief.state in (InterimRelief.State.SUSPENDED, InterimRelief.State.REJECTED)
    if ruled and relief.ruled_on is None:
        raise ValidationError({"ruled_on": _("Enter the date of the judge's ruling.")})
    if relief.ruled_on is not None and relief.ruled_on < relief.requested_on:
        raise ValidationError({"ruled_on": _("The ruling cannot precede the request.")})
    _not_future(rules, relief.ruled_on, "ruled_on")
    save_with_reason(relief, reason=f"interim relief updated (state={relief.state})", user=actor)
    _changed_about(rules, actor, relief, "interim relief updated")
    return relief


@transaction.atomic
def appeal_register(*, actor: User, rules: RemedyRules, decision: Decision, level: str, lodged_on: Any) -> Appeal:
    """Beroep (court) or hoger beroep (Council of State) about the decision (or the decision on objection)."""
    case = decision.case
    rules.authorise(actor, case)
    if level not in Appeal.Level.values:
        raise ValidationError({"level": _("Choose appeal or higher appeal.")})
    day = _required_day(lodged_on, "lodged_on", _("Enter the date the appeal was lodged."))
    if decision.decided_on is not None and day < decision.decided_on:
        raise ValidationError({"lodged_on": _("An appeal cannot precede the decision.")})
    _not_future(rules, day, "lodged_on")
    appeal = Appeal(case=case, data_key_id=case.data_key_id, **decision.reference(), level=level, lodged_on=day)
    save_with_reason(appeal, reason=f"appeal registered ({level})", user=actor)
    rules.changed(actor=actor, because="appeal registered", **decision.reference())
    return appeal


@transaction.atomic
def appeal_update(*, actor: User, rules: RemedyRules, appeal: Appeal, ruled_on: Any = None,
                  outcome: str | None = None) -> Appeal:
    """The ruling: its date and outcome (encrypted)."""
    rules.authorise(actor, appeal.case)
    day = parse_date(ruled_on, "ruled_on")
    if day is not None:
        if day < appeal.lodged_on:
            raise ValidationError({"ruled_on": _("The ruling cannot precede the appeal.")})
        _not_future(rules, day, "ruled_on")
        appeal.ruled_on = day
    if outcome is not None:
        appeal.outcome = str(outcome).strip() or None
    if appeal.outcome and appeal.ruled_on is None:
        raise ValidationError({"ruled_on": _("Enter the date of the ruling with its outcome.")})
    save_with_reason(appeal, reason="appeal updated" + (" (ruled)" if appeal.ruled_on else ""), user=actor)
    _changed_about(rules, actor, appeal, "appeal updated")
    return appeal


__all__ = [
    "Decision", "RemedyRules", "announcement_register", "appeal_register", "appeal_update", "decision_suspended",
    "interim_relief_register", "interim_relief_update", "objection_decision_due", "objection_register",
    "objection_update", "parse_date",
]
