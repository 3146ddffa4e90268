"""Remedies against a penalty order: announcements per addressee, objections, appeals.

- Announcement (bekendmaking, Awb 3:41): per addressee named in the order, with their own date
  and method, so each has their own objection deadline: 6 weeks from the day after (Awb
  6:7/6:8), extended by the Algemene termijnenwet (casework.deadlines.objection_deadline).
- Objection (bezwaar): decision term from the day after the objection window ends (Awb 7:10 lid
  1): 6 weeks, 12 with an advisory committee, plus extensions with their ground (lid 3/4).
- Appeal (beroep) and higher appeal (hoger beroep).
Each changes how long forfeited penalties stay collectable (Awb 5:35 lid 2), so every change
recomputes the limitation dates of the order's forfeitures (casework/park/limitation.py).
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.history import save_with_reason
from casework.deadlines import objection_deadline, term_end
from casework.models import Person
from casework.park.limitation import limitation_recompute
from casework.park.models import OrderAnnouncement, OrderAppeal, OrderObjection, PenaltyOrder
from casework.park.models.tracks import AnnouncementMethod
from casework.park.services.common import parse_date, require_officer, require_open, text

OBJECTION_DECISION_WEEKS = 6
OBJECTION_DECISION_WEEKS_WITH_COMMITTEE = 12


def _not_future(day: date, field: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: _("Enter a date that is not in the future.")})


@transaction.atomic
def announcement_register(*, actor: User, order: PenaltyOrder, addressee: Person, method: str,
                          announced_on: date) -> OrderAnnouncement:
    """Record the announcement of the imposed order to one of its addressees, with their objection deadline."""
    require_officer(actor, order.case)
    require_open(order.case)
    day = parse_date(announced_on, "announced_on", required=True)
    assert day is not None  # noqa: S101
    if order.state not in (PenaltyOrder.State.IMPOSED, PenaltyOrder.State.COMPLIED) or order.decided_on is None:
        raise ValidationError(_("Only an imposed order is announced."), code="not_imposed")
    if not order.addressees.filter(pk=addressee.pk).exists():
        raise ValidationError({"addressee": _("Choose an addressee named in the order.")})
    if method not in AnnouncementMethod.values:
        raise ValidationError({"method": _("Choose how the order was announced.")})
    if day < order.decided_on:
        raise ValidationError({"announced_on": _("An order cannot be announced before it was decided.")})
    _not_future(day, "announced_on")
    if OrderAnnouncement.objects.filter(order=order, addressee=addressee).exists():
        raise ValidationError({"addressee": _("The order was already announced to this addressee.")})
    announcement = OrderAnnouncement(
        case=order.case, data_key_id=order.data_key_id, order=order, addressee=addressee, method=method,
        announced_on=day, objection_deadline=objection_deadline(announced_on=day),
    )
    save_with_reason(announcement, reason=f"order announced ({method})", user=actor)
    limitation_recompute(actor=actor, order=order, because="announcement")
    return announcement


def objection_decision_due(*, objection_deadline: date, advisory_committee: bool, extension_weeks: int = 0) -> date:
    """Awb 7:10: from the day after the objection window ends; 6 or 12 weeks, plus any extension."""
    weeks = OBJECTION_DECISION_WEEKS_WITH_COMMITTEE if advisory_committee else OBJECTION_DECISION_WEEKS
    return term_end(event=objection_deadline, weeks=weeks + extension_weeks, statutory=True)


@transaction.atomic
def objection_register(*, actor: User, announcement: OrderAnnouncement, received_on: date,
                       advisory_committee: bool = False) -> OrderObjection:
    """An objection against the order as announced to one addressee."""
    case = announcement.case
    require_officer(actor, case)
    require_open(case)
    day = parse_date(received_on, "received_on", required=True)
    assert day is not None  # noqa: S101
    if day < announcement.announced_on:
        raise ValidationError({"received_on": _("An objection cannot be received before the announcement.")})
    _not_future(day, "received_on")
    objection = OrderObjection(
        case=case, data_key_id=case.data_key_id, announcement=announcement, received_on=day,
        advisory_committee=bool(advisory_committee),
        decision_due_on=objection_decision_due(objection_deadline=announcement.objection_deadline,
                                               advisory_committee=bool(advisory_committee)),
    )
    save_with_reason(objection, reason=f"objection registered (committee={bool(advisory_committee)})", user=actor)
    limitation_recompute(actor=actor, order=announcement.order, because="objection registered")
    return objection


def _set_state(objection: OrderObjection, state: str | None, outcome: str | None, decided_on: date | None) -> None:
    if state is not None:
        if state not in OrderObjection.State.values:
            raise ValidationError({"state": _("Unknown state.")})
        objection.state = state
    if outcome is not None:
        if outcome and outcome not in OrderObjection.Outcome.values:
            raise ValidationError({"outcome": _("Unknown outcome.")})
        objection.outcome = outcome
    if decided_on is not None:
        objection.decided_on = decided_on


def _apply_state(objection: OrderObjection, state: str | None, outcome: str | None, decided_on: date | None) -> None:
    _set_state(objection, state, outcome, decided_on)
    closed = objection.state in (OrderObjection.State.DECIDED, OrderObjection.State.WITHDRAWN)
    if objection.state == OrderObjection.State.DECIDED and not objection.outcome:
        raise ValidationError({"outcome": _("A decided objection needs its outcome.")})
    if objection.state != OrderObjection.State.DECIDED and objection.outcome:
        raise ValidationError({"outcome": _("Only a decided objection has an outcome.")})
    if closed and objection.decided_on is None:
        raise ValidationError({"decided_on": _("Enter the date of the decision or the withdrawal.")})
    if not closed:
        objection.decided_on = None
    if objection.decided_on is not None:
        if objection.decided_on < objection.received_on:
            raise ValidationError({"decided_on": _("The decision cannot precede the objection.")})
        _not_future(objection.decided_on, "decided_on")


@transaction.atomic
def objection_update(
    *,
    actor: User,
    objection: OrderObjection,
    state: str | None = None,
    outcome: str | None = None,
    decided_on: date | None = None,
    extension_weeks: int | None = None,
    extension_ground: str | None = None,
    advisory_committee: bool | None = None,
) -> OrderObjection:
    """State (decided with outcome and date, or withdrawn with its date), extension with its ground."""
    require_officer(actor, objection.case)
    require_open(objection.case)
    if extension_weeks is not None:
        if not isinstance(extension_weeks, int) or extension_weeks < 0:
            raise ValidationError({"extension_weeks": _("Enter zero or more weeks.")})
        objection.extension_weeks = extension_weeks
    if extension_ground is not None:
        objection.extension_ground = text(extension_ground) or None
    if objection.extension_weeks and not text(objection.extension_ground):
        raise ValidationError({"extension_ground": _("State the ground for extending the decision term.")})
    if advisory_committee is not None:
        objection.advisory_committee = bool(advisory_committee)
    _apply_state(objection, state, outcome, parse_date(decided_on, "decided_on"))
    objection.decision_due_on = objection_decision_due(
        objection_deadline=objection.announcement.objection_deadline,
        advisory_committee=objection.advisory_committee, extension_weeks=objection.extension_weeks,
    )
    save_with_reason(objection, reason=f"objection updated (state={objection.state}, "
                                       f"extension={objection.extension_weeks}w)", user=actor)
    limitation_recompute(actor=actor, order=objection.announcement.order, because="objection updated")
    return objection


@transaction.atomic
def appeal_register(*, actor: User, order: PenaltyOrder, level: str, lodged_on: date) -> OrderAppeal:
    """Beroep (court) or hoger beroep (Council of State) about the order."""
    require_officer(actor, order.case)
    require_open(order.case)
    if level not in OrderAppeal.Level.values:
        raise ValidationError({"level": _("Choose appeal or higher appeal.")})
    day = parse_date(lodged_on, "lodged_on", required=True)
    assert day is not None  # noqa: S101
    if order.decided_on is None or day < order.decided_on:
        raise ValidationError({"lodged_on": _("An appeal cannot precede the order.")})
    _not_future(day, "lodged_on")
    appeal = OrderAppeal(case=order.case, data_key_id=order.data_key_id, order=order, level=level, lodged_on=day)
    save_with_reason(appeal, reason=f"appeal registered ({level})", user=actor)
    limitation_recompute(actor=actor, order=order, because="appeal registered")
    return appeal


@transaction.atomic
def appeal_update(*, actor: User, appeal: OrderAppeal, ruled_on: date | None = None,
                  outcome: str | None = None) -> OrderAppeal:
    """The ruling (date and outcome, encrypted)."""
    require_officer(actor, appeal.case)
    require_open(appeal.case)
    day = parse_date(ruled_on, "ruled_on")
    if day is not None:
        if day < appeal.lodged_on:
            raise ValidationError({"ruled_on": _("The ruling cannot precede the appeal.")})
        _not_future(day, "ruled_on")
        appeal.ruled_on = day
    if outcome is not None:
        appeal.outcome = text(outcome) or None
    if appeal.outcome and appeal.ruled_on is None:
        raise ValidationError({"ruled_on": _("Enter the date of the ruling with its outcome.")})
    save_with_reason(appeal, reason="appeal updated" + (" (ruled)" if appeal.ruled_on else ""), user=actor)
    limitation_recompute(actor=actor, order=appeal.order, because="appeal updated")
    return appeal
