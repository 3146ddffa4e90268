"""Forfeitures and their collection, for every case type that imposes an order under penalty: each
forfeited amount is its own row with its own dates.

- `forfeiture_create`: a penalty is forfeited by law (Awb 5:33) when a re-inspection finds the
  order not complied with after the compliance term; the case type checks the amount against its
  order's penalty form and the row that established it, then calls this. Payment is due 6 weeks
  after forfeiture (Awb 5:33; a statutory term, counted with the Atw). The limitation date is
  computed at once (casework/penalties/dates.py). `forfeited_total` caps the maximum (5:32b).
- `collection_intention_record`: the intention to collect with a term for a view (Awb 4:8).
- `collection_request_record` / `collection_request_decide`: a party asks for a collection
  decision; it is due within 4 weeks (Awb 5:37 lid 2); while pending it extends the limitation
  term (5:37a lid 2), as does the objection term against a refusal (lid 3).
- `collection_decision_record`: the invorderingsbeschikking (5:37 lid 1), after an intention whose
  term for a view has passed (or whose view was received); its announcement interrupts the
  limitation of the forfeitures it covers (5:37a lid 1). A time-barred claim cannot be collected.
- `limitation_event_record` / `limitation_event_end`: periods the officer records (5:37a lid 3, 4).
- `forfeiture_mark_expired`: refused until the day after the limitation date (and while a
  period without end keeps the claim open).
- `payment_record`: a payment against one forfeiture; fully paid -> paid (or collected, after a
  collection decision).
Every event that can move a limitation date recomputes the dates of the order's open forfeitures.

A case type calls these with its `PenaltyRules` (who may act on an order, and whether the order
has forfeited penalties at all) and its order row (any model with `case` and `data_key_id`); the
rows refer to the order by its model label and id.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.history import save_with_reason
from casework import bounds
from casework.deadlines import term_end
from casework.models import Person
from casework.penalties.dates import limitation_of, limitation_recompute
from casework.penalties.models import (
    CollectionDecision,
    CollectionIntention,
    CollectionRequest,
    Forfeiture,
    LimitationEvent,
    Payment,
)
from casework.penalties.values import (
    check_person,
    field_error,
    parse_amount,
    parse_date,
    parse_positive_int,
    require_date,
    text,
)
from casework.remedies.applications import delay_notice_check


@dataclass(frozen=True)
class PenaltyRules:
    """How one case type uses the penalties: `check_order(actor, order)` raises PermissionDenied
    (audited) for whoever may not act, and ValidationError when the order has no forfeited
    penalties (not imposed) or its case is closed."""

    check_order: Callable[[User, Any], None]


def reference(row: Any, name: str) -> dict[str, Any]:
    """The generic reference to a case type's row: {"order_type": its model label, "order_id": its id}."""
    return {f"{name}_type": row._meta.label, f"{name}_id": row.pk}


def _about(row: Any, order: Any) -> bool:
    return bool(row.order_type == order._meta.label and row.order_id == order.pk)


PAYMENT_WEEKS = 6  # Awb 5:33
REQUEST_DECISION_WEEKS = 4  # Awb 5:37 lid 3


def not_future(day: date, field: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: _("Enter a date that is not in the future.")})


def forfeited_total(order: Any) -> Decimal:
    total = Forfeiture.objects.of_order(order).aggregate(total=Sum("amount"))["total"]
    return total or Decimal("0")


def forfeiture_create(*, actor: User, order: Any, basis: Any, forfeited_on: date, amount: Decimal,
                      reason: str) -> Forfeiture:
    """Save one forfeited amount of `order`, established by `basis` (the case type checked both):
    payment due 6 weeks later (Awb 5:33), limitation date computed. Call inside the type's transaction."""
    forfeiture = Forfeiture(
        case=order.case, data_key_id=order.data_key_id, **reference(order, "order"), **reference(basis, "basis"),
        forfeited_on=forfeited_on,
        amount=amount, payment_due_on=term_end(event=forfeited_on, weeks=PAYMENT_WEEKS, statutory=True),
    )
    result = limitation_of(forfeiture)
    forfeiture.limitation_date, forfeiture.limitation_paused_since = result.limitation_date, result.paused_since
    save_with_reason(forfeiture, reason=reason, user=actor)
    return forfeiture


@transaction.atomic
def forfeiture_mark_expired(*, rules: PenaltyRules, actor: User,
        forfeiture: Forfeiture, today: date | None = None) -> Forfeiture:
    """Mark the claim time-barred (verjaard, Awb 5:35): only after the end of its limitation date."""
    rules.check_order(actor, forfeiture.order)
    day = today or timezone.localdate()
    if forfeiture.state != Forfeiture.State.OPEN:
        raise ValidationError(_("Only an open forfeiture can become time-barred."), code="not_open")
    result = limitation_of(forfeiture)
    forfeiture.limitation_date, forfeiture.limitation_paused_since = result.limitation_date, result.paused_since
    if result.limitation_date is None:
        raise ValidationError(_("A remedy, request or suspension is still pending: the claim is not "
                                "time-barred."), code="pending")
    if day <= result.limitation_date:
        raise ValidationError(_("The claim is not time-barred before the end of %(date)s.")
                              % {"date": result.limitation_date.strftime("%d-%m-%Y")}, code="not_yet")
    forfeiture.state, forfeiture.closed_on = Forfeiture.State.EXPIRED, day
    save_with_reason(forfeiture, reason=f"forfeiture time-barred (limitation date {result.limitation_date})",
                     user=actor)
    return forfeiture


@transaction.atomic
def forfeiture_waive(*, rules: PenaltyRules, actor: User,
        forfeiture: Forfeiture, waived_on: date | None = None) -> Forfeiture:
    """The municipality decides not to collect (e.g. special circumstances); the claim is closed."""
    rules.check_order(actor, forfeiture.order)
    if forfeiture.state != Forfeiture.State.OPEN:
        raise ValidationError(_("Only an open forfeiture can be waived."), code="not_open")
    day = parse_date(waived_on, "waived_on") or timezone.localdate()
    not_future(day, "waived_on")
    forfeiture.state, forfeiture.closed_on = Forfeiture.State.WAIVED, day
    save_with_reason(forfeiture, reason="forfeiture waived", user=actor)
    return forfeiture


def _forfeitures_of(order: Any, forfeitures: Sequence[Forfeiture]) -> list[Forfeiture]:
    chosen = list(dict.fromkeys(forfeitures))
    if not chosen:
        raise ValidationError({"forfeitures": _("Choose at least one forfeiture.")})
    if any(not _about(f, order) or f.state != Forfeiture.State.OPEN for f in chosen):
        raise ValidationError({"forfeitures": _("Choose open forfeitures of this order.")})
    return chosen


@transaction.atomic
def collection_intention_record(*, rules: PenaltyRules, actor: User,
        order: Any, forfeitures: Sequence[Forfeiture],
                                sent_on: date, view_term_weeks: int = 2) -> CollectionIntention:
    """Voornemen tot invordering with a term for a view (Awb 4:8; counted with the Atw)."""
    rules.check_order(actor, order)
    chosen = _forfeitures_of(order, forfeitures)
    day = require_date(sent_on, "sent_on")
    not_future(day, "sent_on")
    weeks = parse_positive_int(view_term_weeks, "view_term_weeks", _("Enter at least 1 week."))
    if any(day < f.forfeited_on for f in chosen):
        raise ValidationError({"sent_on": _("An intention to collect cannot precede the forfeiture.")})
    intention = CollectionIntention(
        case=order.case, data_key_id=order.data_key_id, **reference(order, "order"), sent_on=day, view_term_weeks=weeks,
        view_due_on=term_end(event=day, weeks=weeks, statutory=True), created_by=actor,
    )
    save_with_reason(intention, reason=f"intention to collect recorded ({len(chosen)} forfeitures)", user=actor)
    intention.forfeitures.set(chosen)
    return intention


@transaction.atomic
def collection_intention_view(*, rules: PenaltyRules, actor: User,
        intention: CollectionIntention, received_on: date,
                              summary: str = "") -> CollectionIntention:
    """The view (zienswijze) on the intention to collect was received."""
    rules.check_order(actor, intention.order)
    bounds.raise_errors(bounds.lengths({"summary": text(summary)}, bounds.LONG_TEXT))
    day = require_date(received_on, "received_on")
    not_future(day, "received_on")
    if day < intention.sent_on:
        raise ValidationError({"received_on": _("A view cannot precede the intention.")})
    intention.view_received_on, intention.view_summary = day, text(summary) or None
    save_with_reason(intention, reason="view on the intention to collect received", user=actor)
    return intention


@transaction.atomic
def collection_request_record(*, rules: PenaltyRules, actor: User,
        order: Any, requested_on: date,
                              requester_person: Person | None = None, requester_name: str = "") -> CollectionRequest:
    """A party asks for a collection decision (Awb 5:37 lid 2): due within 4 weeks (lid 3)."""
    rules.check_order(actor, order)
    bounds.raise_errors(bounds.lengths({"requester_name": text(requester_name)}, bounds.NAME))
    day = require_date(requested_on, "requested_on")
    not_future(day, "requested_on")
    check_person(requester_person, order.case.controller_id, "requester_person")
    if requester_person is None and not text(requester_name):
        raise ValidationError({"requester_name": _("Name who asked, or choose a registered person.")})
    request = CollectionRequest(
        case=order.case, data_key_id=order.data_key_id, **reference(order, "order"), requester_person=requester_person,
        requester_name=text(requester_name) or None, requested_on=day,
        decision_due_on=term_end(event=day, weeks=REQUEST_DECISION_WEEKS, statutory=True),
    )
    save_with_reason(request, reason="request for a collection decision recorded", user=actor)
    limitation_recompute(actor=actor, order=order, because="collection request")
    return request


@transaction.atomic
def collection_request_delay(*, rules: PenaltyRules, actor: User, request: CollectionRequest, notice_sent_on: Any,
                             new_due_on: Any) -> CollectionRequest:
    """Awb 4:14 lid 1: the four weeks of 5:37 lid 3 cannot be met; the requester is told so in time,
    with the date by which the decision will be given."""
    rules.check_order(actor, request.order)
    if request.state != CollectionRequest.State.PENDING:
        raise ValidationError(_("This request has already been decided."), code="decided")
    if request.delayed_due_on is not None:
        raise ValidationError(_("The requester was already told of a delay; a later decision is simply late."),
                              code="delayed")
    sent, new_due = delay_notice_check(due_on=request.decision_due_on, received_on=request.requested_on,
                                       sent_on=notice_sent_on, new_due_on=new_due_on)
    not_future(sent, "notice_sent_on")
    request.delay_notice_sent_on, request.delayed_due_on = sent, new_due
    save_with_reason(request, reason=f"collection request delayed to {new_due.isoformat()} (Awb 4:14)", user=actor)
    return request


@transaction.atomic
def collection_request_decide(*, rules: PenaltyRules, actor: User,
        request: CollectionRequest, state: str,
                              decided_on: date) -> CollectionRequest:
    """Refuse or record the withdrawal of a request (granting it is `collection_decision_record`)."""
    rules.check_order(actor, request.order)
    if request.state != CollectionRequest.State.PENDING:
        raise ValidationError(_("This request has already been decided."), code="decided")
    if state not in (CollectionRequest.State.REJECTED, CollectionRequest.State.WITHDRAWN):
        raise ValidationError({"state": _("Choose rejected or withdrawn.")})
    day = require_date(decided_on, "decided_on")
    not_future(day, "decided_on")
    if day < request.requested_on:
        raise ValidationError({"decided_on": _("The decision cannot precede the request.")})
    request.state, request.decided_on = state, day
    save_with_reason(request, reason=f"collection request {state}", user=actor)
    limitation_recompute(actor=actor, order=request.order, because=f"collection request {state}")
    return request


def _check_intention(forfeiture: Forfeiture, decided_on: date) -> None:
    """Awb 4:8: the intention to collect was sent and its term for a view passed (or the view came in)."""
    for intention in forfeiture.intentions.all():
        if intention.view_received_on is not None or intention.view_due_on < decided_on:
            return
    raise field_error("forfeitures", _("Send an intention to collect for every forfeiture and wait for the view or "
                                       "the end of its term first."), "no_intention")


def _check_not_time_barred(forfeiture: Forfeiture, announced_on: date) -> None:
    result = limitation_of(forfeiture)
    barred_after = result.limitation_date
    if barred_after is not None and announced_on > barred_after:
        message = _("A chosen forfeiture was time-barred after %(date)s: it can no longer be collected.")
        raise field_error("forfeitures", message % {"date": barred_after.strftime("%d-%m-%Y")}, "time_barred")


@transaction.atomic
def collection_decision_record(
    *,
    rules: PenaltyRules,
    actor: User,
    order: Any,
    forfeitures: Sequence[Forfeiture],
    decided_on: date,
    announced_on: date,
    request: CollectionRequest | None = None,
    notes: str = "",
) -> CollectionDecision:
    """The collection decision (Awb 5:37): its announcement interrupts the limitation (5:37a lid 1)."""
    rules.check_order(actor, order)
    bounds.raise_errors(bounds.lengths({"notes": text(notes)}, bounds.SHORT_TEXT))
    chosen = _forfeitures_of(order, forfeitures)
    decided, announced = require_date(decided_on, "decided_on"), require_date(announced_on, "announced_on")
    not_future(announced, "announced_on")
    if announced < decided:
        raise ValidationError({"announced_on": _("A decision cannot be announced before it was taken.")})
    if any(decided < f.forfeited_on for f in chosen):
        raise ValidationError({"decided_on": _("A collection decision cannot precede the forfeiture.")})
    for forfeiture in chosen:
        _check_intention(forfeiture, decided)
        _check_not_time_barred(forfeiture, announced)
    if request is not None and (not _about(request, order) or request.state != CollectionRequest.State.PENDING):
        raise ValidationError({"request": _("Choose a pending request about this order.")})
    outstanding = sum((f.amount - paid_total(f) for f in chosen), Decimal("0"))
    decision = CollectionDecision(
        case=order.case, data_key_id=order.data_key_id, **reference(order, "order"), request=request,
        decided_on=decided,
        announced_on=announced, amount=outstanding, notes=text(notes) or None, created_by=actor,
    )
    save_with_reason(decision, reason=f"collection decision recorded ({len(chosen)} forfeitures)", user=actor)
    decision.forfeitures.set(chosen)
    if request is not None:
        request.state, request.decided_on = CollectionRequest.State.GRANTED, decided
        save_with_reason(request, reason="collection request granted", user=actor)
    limitation_recompute(actor=actor, order=order, because="collection decision")
    return decision


@transaction.atomic
def limitation_event_record(*, rules: PenaltyRules, actor: User,
        order: Any, kind: str, started_on: date,
                            ended_on: date | None = None, forfeiture: Forfeiture | None = None,
                            note: str = "") -> LimitationEvent:
    """Record a period that extends the limitation term (Awb 5:37a lid 3 or 4); recomputes the dates."""
    rules.check_order(actor, order)
    bounds.raise_errors(bounds.lengths({"note": text(note)}, bounds.SHORT_TEXT))
    if kind not in LimitationEvent.Kind.values:
        raise ValidationError({"kind": _("Choose the kind of event.")})
    start = require_date(started_on, "started_on")
    end = parse_date(ended_on, "ended_on")
    not_future(start, "started_on")
    if end is not None and end < start:
        raise ValidationError({"ended_on": _("The end cannot precede the start.")})
    if forfeiture is not None and not _about(forfeiture, order):
        raise ValidationError({"forfeiture": _("Choose a forfeiture of this order.")})
    if kind == LimitationEvent.Kind.SUSPENSION and not CollectionDecision.objects.of_order(order).exists():
        raise ValidationError({"kind": _("Only a collection decision can be suspended; there is none.")})
    event = LimitationEvent(case=order.case, data_key_id=order.data_key_id, **reference(order, "order"),
                            forfeiture=forfeiture,
                            kind=kind, started_on=start, ended_on=end, note=text(note) or None, created_by=actor)
    save_with_reason(event, reason=f"limitation event recorded ({kind})", user=actor)
    limitation_recompute(actor=actor, order=order, because=f"limitation event {kind}")
    return event


@transaction.atomic
def limitation_event_end(*, rules: PenaltyRules, actor: User,
        event: LimitationEvent, ended_on: date) -> LimitationEvent:
    """The pending period ended (remedy decided, suspension lifted); recomputes the dates."""
    rules.check_order(actor, event.order)
    end = require_date(ended_on, "ended_on")
    if end < event.started_on:
        raise ValidationError({"ended_on": _("The end cannot precede the start.")})
    event.ended_on = end
    save_with_reason(event, reason=f"limitation event ended ({event.kind})", user=actor)
    limitation_recompute(actor=actor, order=event.order, because=f"limitation event {event.kind} ended")
    return event


def paid_total(forfeiture: Forfeiture) -> Decimal:
    total = Payment.objects.filter(forfeiture=forfeiture).aggregate(total=Sum("amount"))["total"]
    return total or Decimal("0")


@transaction.atomic
def payment_record(*, rules: PenaltyRules, actor: User,
        forfeiture: Forfeiture, paid_on: date, amount: Decimal | str) -> Payment:
    """A payment against one forfeiture; when paid in full the forfeiture is paid (or collected)."""
    rules.check_order(actor, forfeiture.order)
    if forfeiture.state != Forfeiture.State.OPEN:
        raise ValidationError(_("Only an open forfeiture can be paid."), code="not_open")
    day = require_date(paid_on, "paid_on")
    not_future(day, "paid_on")
    if day < forfeiture.forfeited_on:
        raise ValidationError({"paid_on": _("A payment cannot precede the forfeiture.")})
    value = parse_amount(amount, "amount")
    outstanding = forfeiture.amount - paid_total(forfeiture)
    if value > outstanding:
        raise ValidationError({"amount": _("At most %(rest)s euro is outstanding.") % {"rest": outstanding}})
    payment = Payment(case=forfeiture.case, data_key_id=forfeiture.data_key_id, forfeiture=forfeiture, paid_on=day,
                      amount=value, created_by=actor)
    save_with_reason(payment, reason="payment recorded", user=actor)
    if value == outstanding:
        collected = forfeiture.collection_decisions.exists()
        forfeiture.state = Forfeiture.State.COLLECTED if collected else Forfeiture.State.PAID
        forfeiture.closed_on = day
        save_with_reason(forfeiture, reason=f"forfeiture {forfeiture.state}", user=actor)
    return payment


