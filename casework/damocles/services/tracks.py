"""Legal tracks beside the status: announcements per addressee, objections, interim relief, appeals.

They are child rows with their own dates and states, never case states: an objection does not
suspend the decision (Awb 6:16); only a judge's suspension (schorsing, Awb 8:81) does.

- Announcement (bekendmaking, Awb 3:41): per addressee, with their own date and method, so each
  has their own objection deadline: 6 weeks from the day after (Awb 6:7/6:8), extended by the
  Algemene termijnenwet (casework.deadlines.objection_deadline). Only a decision (besluit) or an
  urgent closure is announced here: a warning letter is as a rule no appealable decision.
- Objection (bezwaar): the decision term starts the day after the objection window ends (7:10
  lid 1): 6 weeks, 12 with an advisory committee; plus the days suspended while the objector
  repairs an omission (lid 2) and extensions (lid 3: 6 weeks; lid 4: further with consent or on
  stated grounds), each extension with its ground. A statutory term, so the Atw applies.
Each change is saved with a structured reason; free text (grounds, outcomes) stays encrypted.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from audit.history import save_with_reason
from casework.damocles import workflow as wf
from casework.damocles.models import AddresseeRole, Announcement, Appeal, InterimRelief, Objection
from casework.damocles.services.assessment import require_handhaver
from casework.deadlines import objection_deadline, term_end
from casework.models import Case, Person

OBJECTION_DECISION_WEEKS = 6
OBJECTION_DECISION_WEEKS_WITH_COMMITTEE = 12


def decision_suspended(case: Case) -> bool:
    """Only the judge's suspension suspends the decision; a pending request does not."""
    return InterimRelief.objects.filter(case=case, state=InterimRelief.State.SUSPENDED).exists()


def _check_announceable(case: Case, announced_on: date) -> None:
    if case.status == wf.WAARSCHUWING:
        raise ValidationError(
            _("A warning letter is not an appealable decision: it has no announcement with an objection term."),
            code="warning",
        )
    details = case.damocles
    if details.decided_on is None and not details.urgent:
        raise ValidationError(
            _("Announcements belong to a decision (besluit) or an urgent closure; there is none yet."),
            code="no_decision",
        )
    if details.decided_on is not None and not details.urgent and announced_on < details.decided_on:
        raise ValidationError({"announced_on": _("A decision cannot be announced before it was taken.")})


@transaction.atomic
def announcement_register(
    *,
    actor: User,
    case: Case,
    role: str,
    method: str,
    announced_on: date,
    addressee_person: Person | None = None,
    addressee_name: str = "",
) -> Announcement:
    """Record the announcement of the decision to one addressee, with their own objection deadline."""
    require_handhaver(actor, case)
    errors: dict[str, str] = {}
    if role not in AddresseeRole.values:
        errors["role"] = _("Choose owner, tenant or occupant.")
    if method not in Announcement.Method.values:
        errors["method"] = _("Choose how the decision was announced.")
    if not isinstance(announced_on, date):
        errors["announced_on"] = _("Enter the date of the announcement.")
    if addressee_person is None and not addressee_name.strip():
        errors["addressee_name"] = _("Name the addressee, or choose a registered person.")
    if addressee_person is not None and addressee_person.controller_id != case.controller_id:
        errors["addressee_person"] = _("The person must be registered under the case's controller.")
    if errors:
        raise ValidationError(errors)
    _check_announceable(case, announced_on)
    announcement = Announcement(
        case=case, data_key_id=case.data_key_id, addressee_person=addressee_person,
        addressee_name=addressee_name.strip() or None, role=role, method=method, announced_on=announced_on,
        objection_deadline=objection_deadline(announced_on=announced_on),
    )
    save_with_reason(announcement, reason=f"announcement registered ({role}, {method})", user=actor)
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


@transaction.atomic
def objection_register(
    *, actor: User, case: Case, announcement: Announcement, received_on: date, advisory_committee: bool = False,
) -> Objection:
    """Register an objection against the decision as announced to one addressee."""
    require_handhaver(actor, case)
    if announcement.case_id != case.pk:
        raise ValidationError({"announcement": _("The announcement belongs to another case.")})
    if not isinstance(received_on, date):
        raise ValidationError({"received_on": _("Enter the date the objection was received.")})
    if received_on < announcement.announced_on:
        raise ValidationError({"received_on": _("An objection cannot be received before the announcement.")})
    objection = Objection(case=case, data_key_id=case.data_key_id, announcement=announcement,
                          received_on=received_on, advisory_committee=bool(advisory_committee))
    _recompute(objection)
    save_with_reason(objection, reason=f"objection registered (committee={bool(advisory_committee)})", user=actor)
    return objection


def _apply_objection_state(objection: Objection, state: str | None, outcome: str | None,
                           decided_on: date | None) -> None:
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
    if objection.state == Objection.State.DECIDED:
        if not objection.outcome or objection.decided_on is None:
            raise ValidationError({"outcome": _("A decided objection needs its outcome and decision date.")})
        if objection.decided_on < objection.received_on:
            raise ValidationError({"decided_on": _("The decision cannot precede the objection.")})
    elif objection.outcome:
        raise ValidationError({"outcome": _("Only a decided objection has an outcome.")})


@transaction.atomic
def objection_update(
    *,
    actor: User,
    objection: Objection,
    suspension_days: int | None = None,
    extension_weeks: int | None = None,
    extension_ground: str | None = None,
    state: str | None = None,
    outcome: str | None = None,
    decided_on: date | None = None,
    advisory_committee: bool | None = None,
) -> Objection:
    """Suspension (7:10 lid 2), extension with its ground (lid 3/4), state and outcome; recomputes the term."""
    require_handhaver(actor, objection.case)
    if suspension_days is not None:
        if suspension_days < 0:
            raise ValidationError({"suspension_days": _("Enter zero or more days.")})
        objection.suspension_days = suspension_days
    if extension_weeks is not None:
        if extension_weeks < 0:
            raise ValidationError({"extension_weeks": _("Enter zero or more weeks.")})
        objection.extension_weeks = extension_weeks
    if extension_ground is not None:
        objection.extension_ground = extension_ground.strip() or None
    if objection.extension_weeks and not (objection.extension_ground or "").strip():
        raise ValidationError({"extension_ground": _("State the ground for extending the decision term.")})
    if advisory_committee is not None:
        objection.advisory_committee = advisory_committee
    _apply_objection_state(objection, state, outcome, decided_on)
    _recompute(objection)
    reason = (f"objection updated (state={objection.state}, suspension={objection.suspension_days}d, "
              f"extension={objection.extension_weeks}w)")
    save_with_reason(objection, reason=reason, user=actor)
    return objection


@transaction.atomic
def interim_relief_register(
    *, actor: User, case: Case, requested_on: date, municipality_waits: bool = False,
) -> InterimRelief:
    """A request for interim relief (8:81). Pending, it does not suspend; record whether we wait anyway."""
    require_handhaver(actor, case)
    if not isinstance(requested_on, date):
        raise ValidationError({"requested_on": _("Enter the date of the request.")})
    relief = InterimRelief(case=case, data_key_id=case.data_key_id, requested_on=requested_on,
                           municipality_waits=bool(municipality_waits))
    save_with_reason(relief, reason=f"interim relief registered (waits={bool(municipality_waits)})", user=actor)
    return relief


@transaction.atomic
def interim_relief_update(
    *, actor: User, relief: InterimRelief, state: str | None = None, ruled_on: date | None = None,
    municipality_waits: bool | None = None,
) -> InterimRelief:
    """The judge's ruling (suspended = schorsing, the only thing that suspends the decision) or a withdrawal."""
    require_handhaver(actor, relief.case)
    if state is not None:
        if state not in InterimRelief.State.values:
            raise ValidationError({"state": _("Unknown state.")})
        relief.state = state
    if ruled_on is not None:
        relief.ruled_on = ruled_on
    if municipality_waits is not None:
        relief.municipality_waits = municipality_waits
    ruled = relief.state in (InterimRelief.State.SUSPENDED, InterimRelief.State.REJECTED)
    if ruled and relief.ruled_on is None:
        raise ValidationError({"ruled_on": _("Enter the date of the judge's ruling.")})
    if relief.ruled_on is not None and relief.ruled_on < relief.requested_on:
        raise ValidationError({"ruled_on": _("The ruling cannot precede the request.")})
    save_with_reason(relief, reason=f"interim relief updated (state={relief.state})", user=actor)
    return relief


@transaction.atomic
def appeal_register(*, actor: User, case: Case, level: str, lodged_on: date) -> Appeal:
    """Beroep (court) or hoger beroep (Council of State) against the decision on objection."""
    require_handhaver(actor, case)
    if level not in Appeal.Level.values:
        raise ValidationError({"level": _("Choose appeal or higher appeal.")})
    if not isinstance(lodged_on, date):
        raise ValidationError({"lodged_on": _("Enter the date the appeal was lodged.")})
    appeal = Appeal(case=case, data_key_id=case.data_key_id, level=level, lodged_on=lodged_on)
    save_with_reason(appeal, reason=f"appeal registered ({level})", user=actor)
    return appeal


@transaction.atomic
def appeal_update(*, actor: User, appeal: Appeal, ruled_on: date | None = None, outcome: str | None = None) -> Appeal:
    require_handhaver(actor, appeal.case)
    if ruled_on is not None:
        if ruled_on < appeal.lodged_on:
            raise ValidationError({"ruled_on": _("The ruling cannot precede the appeal.")})
        appeal.ruled_on = ruled_on
    if outcome is not None:
        appeal.outcome = outcome.strip() or None
    if appeal.outcome and appeal.ruled_on is None:
        raise ValidationError({"ruled_on": _("Enter the date of the ruling with its outcome.")})
    save_with_reason(appeal, reason="appeal updated" + (" (ruled)" if appeal.ruled_on else ""), user=actor)
    return appeal


__all__ = [
    "announcement_register", "appeal_register", "appeal_update", "decision_suspended", "interim_relief_register",
    "interim_relief_update", "objection_decision_due", "objection_register", "objection_update",
]
