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
- Appeal (beroep) and higher appeal (hoger beroep); whether the decision stands annulled after the
  ruling is recorded apart from the encrypted outcome, so recidive can leave it out.
- Objections (6:9, 6:11, 7:10) are in casework/remedies/objections.py, applications without a
  statutory term (4:13, 4:14) in casework/remedies/applications.py; both are re-exported here.

A case type calls these with its `RemedyRules` (who may act, which announcement methods and
addressee roles it uses, whether dates after today are refused, what to recompute after a change,
e.g. the limitation of forfeited penalties) and the `Decision` the remedy is about; its own checks
(is there an announceable decision? is the addressee named in the order?) come first, in its own
service. Each change is saved with a structured reason; free text (grounds, outcomes) stays encrypted.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from audit.history import save_with_reason
from casework import bounds
from casework.deadlines import objection_deadline
from casework.models import Case, Person
from casework.remedies.models import AddresseeRole, Announcement, Appeal, InterimRelief
from casework.remedies.objections import objection_decision_due, objection_on_time, objection_register, objection_update
from casework.remedies.rules import Decision, RemedyRules, changed_about, not_future, required_day
from casework.remedies.terms import compliance_end
from casework.values import parse_date


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
    day = required_day(announced_on, "announced_on", _("Enter the date of the announcement."))
    if decision.decided_on is not None and day < decision.decided_on:
        raise ValidationError({"announced_on": _("A decision cannot be announced before it was taken.")})
    not_future(rules, day, "announced_on")
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
    day = required_day(requested_on, "requested_on", _("Enter the date of the request."))
    not_future(rules, day, "requested_on")
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
    not_future(rules, relief.ruled_on, "ruled_on")
    save_with_reason(relief, reason=f"interim relief updated (state={relief.state})", user=actor)
    changed_about(rules, actor, relief, "interim relief updated")
    return relief


@transaction.atomic
def appeal_register(*, actor: User, rules: RemedyRules, decision: Decision, level: str, lodged_on: Any) -> Appeal:
    """Beroep (court) or hoger beroep (Council of State) about the decision (or the decision on objection)."""
    case = decision.case
    rules.authorise(actor, case)
    if level not in Appeal.Level.values:
        raise ValidationError({"level": _("Choose appeal or higher appeal.")})
    day = required_day(lodged_on, "lodged_on", _("Enter the date the appeal was lodged."))
    if decision.decided_on is not None and day < decision.decided_on:
        raise ValidationError({"lodged_on": _("An appeal cannot precede the decision.")})
    not_future(rules, day, "lodged_on")
    appeal = Appeal(case=case, data_key_id=case.data_key_id, **decision.reference(), level=level, lodged_on=day)
    save_with_reason(appeal, reason=f"appeal registered ({level})", user=actor)
    rules.changed(actor=actor, because="appeal registered", **decision.reference())
    return appeal


@transaction.atomic
def appeal_update(*, actor: User, rules: RemedyRules, appeal: Appeal, ruled_on: Any = None,
                  outcome: str | None = None, annulled: bool | None = None) -> Appeal:
    """The ruling: its date, its outcome (encrypted) and whether the decision stands annulled after it."""
    rules.authorise(actor, appeal.case)
    bounds.raise_errors(bounds.lengths({"outcome": outcome}, bounds.LONG_TEXT))
    day = parse_date(ruled_on, "ruled_on")
    if day is not None:
        if day < appeal.lodged_on:
            raise ValidationError({"ruled_on": _("The ruling cannot precede the appeal.")})
        not_future(rules, day, "ruled_on")
        appeal.ruled_on = day
    if outcome is not None:
        appeal.outcome = str(outcome).strip() or None
    if annulled is not None:
        appeal.annulled = bool(annulled)
    if (appeal.outcome or appeal.annulled) and appeal.ruled_on is None:
        raise ValidationError({"ruled_on": _("Enter the date of the ruling with its outcome.")})
    save_with_reason(appeal, reason="appeal updated" + (f" (ruled, annulled={appeal.annulled})" if appeal.ruled_on
                                                        else ""), user=actor)
    changed_about(rules, actor, appeal, "appeal updated")
    return appeal


__all__ = [
    "Decision", "RemedyRules", "announcement_register", "appeal_register", "appeal_update", "decision_suspended",
    "interim_relief_register", "interim_relief_update", "objection_decision_due", "objection_on_time",
    "objection_register", "objection_update", "parse_date",
]
