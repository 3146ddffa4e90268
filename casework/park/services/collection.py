"""The park's rules for forfeitures and their collection; the rows and the rules every type shares
are the core's penalties (casework/penalties/services.py, ADR 0011).

- `forfeiture_record`: a penalty is forfeited by law (Awb 5:33) when a re-inspection finds the
  order not complied with after the compliance term — which runs per addressee from their own
  announcement; a forfeiture before it ended for every addressee is refused (casework/remedies/terms.py).
  Lump sum: once, the full amount; per
  violation: the amount per violation, one row each; per time unit: a multiple of the amount per
  unit. Never more in total than the maximum (Awb 5:32b lid 1). Only while the file is in
  re-inspection or collection, on the re-inspection that found the order not complied with.
- Everything else (intentions, requests and decisions to collect, limitation events, expiry,
  waiver, payments) is the core's service, called with the park's `RULES`: an enforcement officer
  with access to the open file, on an imposed (or complied-with) order.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from casework.models import Person
from casework.park import workflow as wf
from casework.park.models import Inspection, PenaltyForm, PenaltyOrder
from casework.park.services.common import (
    field_error,
    parse_amount,
    require_date,
    require_officer,
    require_open,
)
from casework.park.services.tracks import decision_of
from casework.penalties import services as penalties
from casework.penalties.models import (
    CollectionDecision,
    CollectionIntention,
    CollectionRequest,
    Forfeiture,
    LimitationEvent,
    Payment,
)
from casework.penalties.services import forfeited_total, paid_total
from casework.remedies.terms import refuse_before_compliance_end

FORFEITURE_STATES = frozenset({wf.HERCONTROLE, wf.INVORDERING})
__all__ = ["forfeited_total", "paid_total"]


def _check_order(actor: User, order: PenaltyOrder) -> None:
    require_officer(actor, order.case)
    require_open(order.case)
    if order.state not in (PenaltyOrder.State.IMPOSED, PenaltyOrder.State.COMPLIED):
        raise ValidationError(_("Only an imposed order has forfeited penalties."), code="not_imposed")


RULES = penalties.PenaltyRules(check_order=_check_order)


def _check_amount(order: PenaltyOrder, amount: Decimal) -> None:
    """Awb 5:32b: the form decides the amount; the maximum caps the total (the last one may be the rest)."""
    remaining = order.maximum - forfeited_total(order)
    if remaining <= 0:
        raise field_error("amount", _("The maximum of this order has been forfeited in full."), "maximum_reached")
    if amount > remaining:
        raise ValidationError({"amount": _("At most %(rest)s euro can still be forfeited under this order.")
                               % {"rest": remaining}})
    if order.penalty_form == PenaltyForm.LUMP_SUM and (amount != order.amount or forfeited_total(order)):
        raise ValidationError({"amount": _("A lump sum is forfeited once, in full.")})
    fits = amount == remaining or (
        amount % order.amount == 0 if order.penalty_form == PenaltyForm.PER_TIME_UNIT else amount == order.amount)
    if not fits:
        raise ValidationError({"amount": _("The amount must follow the order: the amount per violation, or a "
                                           "whole number of time units.")})


def _check_basis(order: PenaltyOrder, basis: Inspection, day: date) -> None:
    if basis.order_id != order.pk or basis.compliant is not False:
        raise ValidationError({"basis": _("Name the re-inspection of this order that found it not complied with.")})
    refuse_before_compliance_end(decision=decision_of(order), on=day, what=_("A forfeiture"), field="forfeited_on")
    if day > basis.inspected_on:
        raise ValidationError({"forfeited_on": _("The forfeiture cannot be after the re-inspection that "
                                                 "established it.")})


@transaction.atomic
def forfeiture_record(*, actor: User, order: PenaltyOrder, basis: Inspection, forfeited_on: date,
                      amount: Decimal | str | None = None) -> Forfeiture:
    """Record one forfeited amount (Awb 5:33); payment due 6 weeks later; limitation date computed."""
    _check_order(actor, order)
    if order.state != PenaltyOrder.State.IMPOSED:
        raise ValidationError(_("The order was complied with: no further penalty is forfeited."), code="complied")
    if order.case.status not in FORFEITURE_STATES:
        raise ValidationError(_("Forfeitures are recorded after a re-inspection (status re-inspection or "
                                "collection)."), code="wrong_status")
    day = require_date(forfeited_on, "forfeited_on")
    penalties.not_future(day, "forfeited_on")
    _check_basis(order, basis, day)
    value = order.amount if amount in (None, "") else parse_amount(amount, "amount")
    _check_amount(order, value)
    return penalties.forfeiture_create(actor=actor, order=order, basis=basis, forfeited_on=day, amount=value,
                                       reason=f"forfeiture recorded ({order.penalty_form})")


@transaction.atomic
def forfeiture_mark_expired(*, actor: User, forfeiture: Forfeiture, today: date | None = None) -> Forfeiture:
    return penalties.forfeiture_mark_expired(rules=RULES, actor=actor, forfeiture=forfeiture, today=today)


@transaction.atomic
def forfeiture_waive(*, actor: User, forfeiture: Forfeiture, waived_on: date | None = None) -> Forfeiture:
    return penalties.forfeiture_waive(rules=RULES, actor=actor, forfeiture=forfeiture, waived_on=waived_on)


@transaction.atomic
def collection_intention_record(*, actor: User, order: PenaltyOrder, forfeitures: Sequence[Forfeiture],
                                sent_on: date, view_term_weeks: int = 2) -> CollectionIntention:
    return penalties.collection_intention_record(rules=RULES, actor=actor, order=order, forfeitures=forfeitures,
                                                 sent_on=sent_on, view_term_weeks=view_term_weeks)


@transaction.atomic
def collection_intention_view(*, actor: User, intention: CollectionIntention, received_on: date,
                              summary: str = "") -> CollectionIntention:
    return penalties.collection_intention_view(rules=RULES, actor=actor, intention=intention,
                                               received_on=received_on, summary=summary)


@transaction.atomic
def collection_request_record(*, actor: User, order: PenaltyOrder, requested_on: date,
                              requester_person: Person | None = None, requester_name: str = "") -> CollectionRequest:
    return penalties.collection_request_record(rules=RULES, actor=actor, order=order, requested_on=requested_on,
                                               requester_person=requester_person, requester_name=requester_name)


@transaction.atomic
def collection_request_decide(*, actor: User, request: CollectionRequest, state: str,
                              decided_on: date) -> CollectionRequest:
    return penalties.collection_request_decide(rules=RULES, actor=actor, request=request, state=state,
                                               decided_on=decided_on)


@transaction.atomic
def collection_request_delay(*, actor: User, request: CollectionRequest, notice_sent_on: date,
                             new_due_on: date) -> CollectionRequest:
    return penalties.collection_request_delay(rules=RULES, actor=actor, request=request,
                                              notice_sent_on=notice_sent_on, new_due_on=new_due_on)


@transaction.atomic
def collection_decision_record(*, actor: User, order: PenaltyOrder, forfeitures: Sequence[Forfeiture],
                               decided_on: date, announced_on: date, request: CollectionRequest | None = None,
                               notes: str = "") -> CollectionDecision:
    return penalties.collection_decision_record(rules=RULES, actor=actor, order=order, forfeitures=forfeitures,
                                                decided_on=decided_on, announced_on=announced_on, request=request,
                                                notes=notes)


@transaction.atomic
def limitation_event_record(*, actor: User, order: PenaltyOrder, kind: str, started_on: date,
                            ended_on: date | None = None, forfeiture: Forfeiture | None = None,
                            note: str = "") -> LimitationEvent:
    return penalties.limitation_event_record(rules=RULES, actor=actor, order=order, kind=kind, started_on=started_on,
                                             ended_on=ended_on, forfeiture=forfeiture, note=note)


@transaction.atomic
def limitation_event_end(*, actor: User, event: LimitationEvent, ended_on: date) -> LimitationEvent:
    return penalties.limitation_event_end(rules=RULES, actor=actor, event=event, ended_on=ended_on)


@transaction.atomic
def payment_record(*, actor: User, forfeiture: Forfeiture, paid_on: date, amount: Decimal | str) -> Payment:
    return penalties.payment_record(rules=RULES, actor=actor, forfeiture=forfeiture, paid_on=paid_on, amount=amount)
