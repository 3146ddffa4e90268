"""Data-subject requests: register, extend, move through their statuses, decide.

Terms (AVG art. 12(3)): the answer is due one month after receipt, counted by EU Regulation
1182/71 (not the Algemene termijnenwet) in `regulation_term_end`; it may be extended by two
further months only when the extension is announced (with reasons) within the first month.
The answer is a decision under the Awb (UAVG art. 34): its date and the six-week objection
deadline (casework.deadlines.objection_deadline) are recorded with the outcome.

Deciding a granted restriction request restricts the person record (restriction.py); a granted
erasure request erases it through the retention machinery
(`casework.privacy.destruction.erase_person`), unless a legal duty to keep is recorded — then
erasure is refused with that reason.

Privacy officers only, and only requests of their own organisation. Every read and change is an
audit event under privacy supervision naming the request and (by pseudonym) its subject.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from uuid import UUID

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import has_capability
from audit import record, record_batch
from audit.actions import Action
from audit.activities import PRIVACY_SUPERVISION
from audit.services import Target
from casework import bounds
from casework.deadlines import Calendar, objection_deadline
from casework.models import Person
from casework.privacy import restriction
from casework.privacy.models import OPEN_STATUSES, DataSubjectRequest
from encryption.keystore import datakey_create
from encryption.pseudonyms import subject_pseudonym

REQUEST_TYPE = "privacy.DataSubjectRequest"
Status = DataSubjectRequest.Status
Kind = DataSubjectRequest.Kind
Outcome = DataSubjectRequest.Outcome

FIRST_TERM_MONTHS = 1  # AVG 12(3)
EXTENSION_MONTHS = 2  # AVG 12(3)

# Status flow: which status may follow which (deciding is its own service, `request_decide`).
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.RECEIVED: frozenset({Status.IN_PROGRESS, Status.WITHDRAWN}),
    Status.IN_PROGRESS: frozenset({Status.WITHDRAWN}),
    Status.DECIDED: frozenset(),
    Status.WITHDRAWN: frozenset(),
}


# --- terms (EU Regulation 1182/71) -----------------------------------------------------------------

def regulation_term_end(*, event: date, months: int, calendar: Calendar | None = None) -> date:
    """Last day of a period of `months` months counted from `event` by EU Regulation 1182/71.

    - Art. 3(1) second subparagraph: the day of the event (receipt) does not count.
    - Art. 3(2)(c): a period in months ends at the end of the day in the last month with the same
      date as the event; when that month has no such date, at the end of its last day
      (31 January + 1 month = 28 February, or 29 in a leap year).
    - Art. 3(4): when the last day is a public holiday, Saturday or Sunday, the period ends at the
      end of the following working day (public holidays: the Netherlands' list in
      casework.deadlines; never the days equated by decree under the Algemene termijnenwet, which
      the regulation does not know: `Calendar.regulation_1182_71`).
    - Art. 3(5): a period of two days or more contains at least two working days (always true for
      a month; kept so the function is the regulation, not a shortcut).
    """
    if months <= 0:
        raise ValueError("a period needs a positive number of months")
    plain_end = event + relativedelta(months=months)  # relativedelta clips to the month's last day
    calendar = calendar or Calendar.regulation_1182_71(event.year, plain_end.year)
    end = calendar.next_working_day(plain_end)  # art. 3(4)
    while calendar.working_days_between(event + timedelta(days=1), end) < 2:  # art. 3(5)
        end = calendar.next_working_day(end + timedelta(days=1))
    return end


def answer_due_on(received_on: date) -> date:
    """AVG 12(3): one month after receipt (Reg. 1182/71)."""
    return regulation_term_end(event=received_on, months=FIRST_TERM_MONTHS)


def extended_due_on(received_on: date, months: int = EXTENSION_MONTHS) -> date:
    """AVG 12(3): up to two further months, i.e. at most three months after receipt, counted the same way."""
    return regulation_term_end(event=received_on, months=FIRST_TERM_MONTHS + months)


# --- permissions and audit ---------------------------------------------------------------------

def _require_officer(actor: User) -> UUID:
    """The officer's organisation: requests are kept per organisation (the controller answers them)."""
    if not has_capability(actor, "privacy_requests") or actor.organisation_id is None:
        raise PermissionDenied(_("Only a privacy officer handles data-subject requests."))
    return actor.organisation_id


def _require_own(actor: User, request: DataSubjectRequest) -> None:
    _require_officer(actor)
    if request.organisation_id != actor.organisation_id:
        raise PermissionDenied(_("This request belongs to another organisation."))


def _audit(actor: User, request: DataSubjectRequest, action: str, reason: str) -> None:
    record(action=action, processing_activity=PRIVACY_SUPERVISION, object_type=REQUEST_TYPE, object_id=request.pk,
           subject_pseudonym=request.subject_pseudonym, reason=reason, actor=actor)


def _save(request: DataSubjectRequest) -> DataSubjectRequest:
    request.updated_at = timezone.now()
    request.full_clean()
    request.save()
    return request


# --- services ------------------------------------------------------------------------------------

# The AVG (GDPR) applies since 25 May 2018: no data-subject request under it was received earlier.
AVG_IN_FORCE = date(2018, 5, 25)


@transaction.atomic
def request_register(
    *, actor: User, kind: str, received_on: date, person: Person | None = None, notes: str = "",
    postponement_ground: str = "",
) -> DataSubjectRequest:
    """Register a request received on `received_on`; its due date follows from AVG 12(3)."""
    organisation_id = _require_officer(actor)
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": _("The date of receipt cannot lie in the future.")})
    if received_on < AVG_IN_FORCE:
        raise ValidationError({"received_on": _("The AVG applies since 25 May 2018: check the year.")})
    bounds.raise_errors(bounds.lengths({"notes": notes, "postponement_ground": postponement_ground},
                                       bounds.LONG_TEXT))
    if person is not None and not restriction.in_scope(organisation_id=organisation_id, person=person):
        raise PermissionDenied(_("This person record is not processed under your organisation's control."))
    now = timezone.now()
    request = DataSubjectRequest(
        data_key_id=datakey_create().id, organisation_id=organisation_id, person=person,
        subject_pseudonym=subject_pseudonym(person.pk) if person else "", kind=kind, received_on=received_on,
        due_on=answer_due_on(received_on), notes=notes.strip() or None, postponement_ground=postponement_ground,
        created_by=actor, created_at=now, updated_at=now,
    )
    _save(request)
    _audit(actor, request, Action.CREATE, f"request {kind} registered")
    return request


@transaction.atomic
def request_update(
    *, actor: User, request: DataSubjectRequest, notes: str | None = None, postponement_ground: str | None = None,
    legal_duty_to_keep: str | None = None,
) -> DataSubjectRequest:
    """Change the notes, the postponement ground (AVG 23 / UAVG 41) or the recorded legal duty to keep."""
    _require_own(actor, request)
    if not request.is_open:
        raise ValidationError(_("A decided or withdrawn request cannot be changed."))
    bounds.raise_errors(bounds.lengths({"notes": notes, "postponement_ground": postponement_ground,
                                        "legal_duty_to_keep": legal_duty_to_keep}, bounds.LONG_TEXT))
    changed: list[str] = []
    if notes is not None:
        request.notes, changed = notes.strip() or None, [*changed, "notes"]
    if postponement_ground is not None:
        request.postponement_ground, changed = postponement_ground, [*changed, "postponement_ground"]
    if legal_duty_to_keep is not None:
        request.legal_duty_to_keep, changed = legal_duty_to_keep.strip(), [*changed, "legal_duty_to_keep"]
    _save(request)
    _audit(actor, request, Action.UPDATE, "changed: " + (",".join(changed) or "nothing"))
    return request


@transaction.atomic
def request_extend(*, actor: User, request: DataSubjectRequest, announced_on: date, reason: str,
                   months: int = EXTENSION_MONTHS) -> DataSubjectRequest:
    """Extend the term by one or two months (AVG 12(3): at most two); refused unless announced within the
    first month."""
    _require_own(actor, request)
    if isinstance(months, bool) or months not in range(1, EXTENSION_MONTHS + 1):
        raise ValidationError({"months": _("AVG 12(3) allows an extension of one or two months.")})
    if not request.is_open:
        raise ValidationError(_("A decided or withdrawn request cannot be extended."))
    if request.extended_due_on is not None:
        raise ValidationError(_("The term has already been extended; AVG 12(3) allows one extension."))
    if len(reason.strip()) < 10:
        raise ValidationError({"reason": _("Give the reasons for the extension (at least 10 characters).")})
    bounds.raise_errors(bounds.lengths({"reason": reason}, bounds.SHORT_TEXT))
    if announced_on < request.received_on or announced_on > timezone.localdate():
        raise ValidationError({"announced_on": _("The announcement date lies between receipt and today.")})
    if announced_on > request.due_on:
        raise ValidationError({"announced_on": _(
            "An extension must be announced within the first month (by %(due)s); it can no longer be extended."
        ) % {"due": date_format(request.due_on, "j F Y")}})
    request.extension_announced_on = announced_on
    request.extended_due_on = extended_due_on(request.received_on, months)
    request.extension_reason = reason.strip()
    _save(request)
    _audit(actor, request, Action.UPDATE, f"term extended to {request.extended_due_on.isoformat()}")
    return request


@transaction.atomic
def request_transition(*, actor: User, request: DataSubjectRequest, to: str) -> DataSubjectRequest:
    _require_own(actor, request)
    if to not in TRANSITIONS.get(request.status, frozenset()):
        raise ValidationError(_("A request with status %(from)s cannot become %(to)s.") % {
            "from": request.get_status_display(), "to": to})
    previous, request.status = request.status, to
    _save(request)
    _audit(actor, request, Action.UPDATE, f"status {previous} -> {to}")
    return request


def _erase(*, actor: User, request: DataSubjectRequest) -> None:
    """Erasure through the retention machinery (RETENTION helper's destruction.erase_person)."""
    try:
        destruction: Any = importlib.import_module("casework.privacy.destruction")
        erase_person = destruction.erase_person
    except (ImportError, AttributeError) as exc:
        raise ValidationError(_("Erasure is not available yet: the destruction service is missing.")) from exc
    try:
        erase_person(actor=actor, person=request.person, request=request)
    except getattr(destruction, "DestructionRefused", ValidationError) as exc:
        raise ValidationError({"outcome": str(exc)}) from exc


def _apply_outcome(*, actor: User, request: DataSubjectRequest, granted: bool) -> None:
    person = request.person
    if not granted or person is None:
        return
    if request.kind == Kind.BEPERKING and not person.restricted:
        restriction.restriction_apply(actor=actor, person=person, request_id=request.pk)
    elif request.kind == Kind.VERWIJDERING:
        _erase(actor=actor, request=request)
        request.person = None  # the record is gone; the request keeps its pseudonym


@transaction.atomic
def request_decide(
    *, actor: User, request: DataSubjectRequest, outcome: str, motivation: str, decided_on: date | None = None,
) -> DataSubjectRequest:
    """Record the answer as a decision (UAVG 34): outcome, motivation, date, objection deadline.

    A granted restriction restricts the person record; a granted erasure erases it, which is
    refused when a legal duty to keep is recorded (then the outcome must be a refusal).
    """
    _require_own(actor, request)
    decided_on = decided_on or timezone.localdate()
    errors: dict[str, str] = {}
    if request.status not in OPEN_STATUSES:
        raise ValidationError(_("This request has already been decided or withdrawn."))
    if outcome not in Outcome.values:
        errors["outcome"] = _("Choose the outcome.")
    if len(motivation.strip()) < 10:
        errors["motivation"] = _("Give the motivation of the decision (at least 10 characters).")
    errors.update(bounds.lengths({"motivation": motivation}, bounds.LONG_TEXT))
    if decided_on < request.received_on or decided_on > timezone.localdate():
        errors["decided_on"] = _("The decision date lies between receipt and today.")
    granted = outcome in (Outcome.GRANTED, Outcome.PARTLY_GRANTED)
    if request.kind == Kind.VERWIJDERING and granted and request.legal_duty_to_keep:
        errors["outcome"] = _("Erasure is refused: a legal duty to keep is recorded (%(duty)s).") % {
            "duty": request.legal_duty_to_keep}
    if errors:
        raise ValidationError(errors)
    _apply_outcome(actor=actor, request=request, granted=granted)
    request.status, request.outcome, request.motivation = Status.DECIDED, outcome, motivation.strip()
    request.decided_on, request.decided_by = decided_on, actor
    request.objection_deadline = objection_deadline(announced_on=decided_on)
    _save(request)
    _audit(actor, request, Action.UPDATE, f"decided: {outcome}; objection until {request.objection_deadline}")
    return request


@transaction.atomic
def request_lift_restriction(*, actor: User, request: DataSubjectRequest, reason: str) -> DataSubjectRequest:
    """End a restriction granted on this request (AVG 18(3)); the reason is kept, encrypted, in the notes."""
    _require_own(actor, request)
    if request.kind != Kind.BEPERKING or request.person is None or not request.person.restricted:
        raise ValidationError(_("No restriction of this request is in force."))
    if len(reason.strip()) < 10:
        raise ValidationError({"reason": _("State why the restriction ends (at least 10 characters).")})
    bounds.raise_errors(bounds.lengths({"reason": reason}, bounds.SHORT_TEXT))
    restriction.restriction_lift(actor=actor, person=request.person, request_id=request.pk)
    stamp = timezone.localdate().isoformat()
    line = f"[{stamp}] " + _("Restriction lifted") + f": {reason.strip()}"
    request.notes = "\n".join(filter(None, [request.notes, line]))
    _save(request)
    _audit(actor, request, Action.UPDATE, "restriction lifted")
    return request


# --- selectors -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class RequestFilters:
    kind: str = ""
    status: str = ""
    overdue: bool = False


def requests_for(*, user: User, filters: RequestFilters = RequestFilters(), today: date | None = None,
                 ) -> QuerySet[DataSubjectRequest]:
    """The requests of the user's organisation, by due date (the extended one where announced)."""
    organisation_id = _require_officer(user)
    rows = DataSubjectRequest.objects.filter(organisation_id=organisation_id).select_related("person")
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.overdue:
        today = today or timezone.localdate()
        rows = rows.filter(status__in=OPEN_STATUSES).filter(
            Q(extended_due_on__lt=today) | Q(extended_due_on__isnull=True, due_on__lt=today))
    return rows.order_by("due_on", "received_on", "pk")


def requests_listed(*, user: User, requests: list[DataSubjectRequest]) -> None:
    """One `list` event per request shown (one insert), before the page renders."""
    if not requests:
        return
    record_batch(action=Action.LIST, processing_activity=PRIVACY_SUPERVISION, actor=user, reason="request list",
                 targets=[Target(object_type=REQUEST_TYPE, object_id=row.pk, subject_pseudonym=row.subject_pseudonym)
                          for row in requests])


def request_get(*, user: User, request_id) -> DataSubjectRequest:
    """One request of the user's organisation, recorded as viewed (PermissionDenied otherwise)."""
    _require_officer(user)
    request = DataSubjectRequest.objects.select_related("person", "decided_by", "created_by").get(pk=request_id)
    _require_own(user, request)
    _audit(user, request, Action.VIEW, "request viewed")
    return request
