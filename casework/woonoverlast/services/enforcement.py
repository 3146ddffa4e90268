"""Enforcing a gedragsaanwijzing or a closure: forfeitures of a dwangsom (the core's penalties) and
acts of bestuursdwang. Neither comes before the compliance term has ended for every addressee
(casework/remedies/terms.py `refuse_before_compliance_end`: counted per addressee from their own
announcement), except urgent bestuursdwang (Awb 5:31), which is recorded with its reasons
(`urgent_enforcement_record`) and needs the written decision to follow.

What is woonoverlast's own: a forfeiture needs an imposed gedragsaanwijzing in the form of a
dwangsom and a compliance check of it that found a breach (its basis), and stays within the
maximum (Awb 5:32b); bestuursdwang needs a gedragsaanwijzing in the form of bestuursdwang or an
imposed closure.
"""

from __future__ import annotations

from datetime import datetime, time
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.history import save_with_reason
from casework import bounds
from casework.penalties import services as penalties
from casework.penalties.models import Forfeiture, Payment
from casework.remedies.terms import refuse_before_compliance_end, urgent_enforcement_record
from casework.woonoverlast.models import (
    BehaviouralOrder,
    Closure,
    ComplianceCheck,
    DecisionState,
    Enforcement,
    EnforcementAct,
)
from casework.woonoverlast.services.common import parse_amount, require_date, require_officer_on_open, text
from casework.woonoverlast.services.tracks import decision_of


def _check_order(actor: User, order: Any) -> None:
    require_officer_on_open(actor, order.case)
    if order.state not in (DecisionState.IMPOSED, DecisionState.ENDED):
        raise ValidationError(_("The gedragsaanwijzing is not in force."), code="not_imposed")


RULES = penalties.PenaltyRules(check_order=_check_order)


def _not_future(day: Any, field: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: _("This date cannot lie in the future.")})


@transaction.atomic
def forfeiture_record(*, actor: User, order: BehaviouralOrder, basis: ComplianceCheck, forfeited_on: Any,
                      amount: Any = None) -> Forfeiture:
    """One forfeited penalty of a dwangsom (Awb 5:33), established by a check that found a breach."""
    _check_order(actor, order)
    order = BehaviouralOrder.objects.select_for_update().get(pk=order.pk)  # the maximum, under a lock
    if order.enforcement != Enforcement.DWANGSOM or order.amount is None or order.maximum is None:
        raise ValidationError(_("Only a last onder dwangsom forfeits penalties."), code="not_dwangsom")
    day = require_date(forfeited_on, "forfeited_on")
    _not_future(day, "forfeited_on")
    if basis.order_id != order.pk or basis.complied:
        raise ValidationError({"basis": _("Choose a check of this gedragsaanwijzing that found a breach.")})
    if day < basis.checked_on:
        raise ValidationError({"forfeited_on": _("A penalty is forfeited at the earliest on the day of the check.")})
    refuse_before_compliance_end(decision=decision_of(order), on=day, what=_("A forfeiture"), field="forfeited_on")
    value = order.amount if amount in (None, "") else parse_amount(amount, "amount")
    if penalties.forfeited_total(order) + value > order.maximum:
        raise ValidationError({"amount": _("The forfeited penalties would exceed the maximum of EUR %(max)s "
                                           "(Awb 5:32b).") % {"max": order.maximum}})
    return penalties.forfeiture_create(actor=actor, order=order, basis=basis, forfeited_on=day, amount=value,
                                       reason="forfeiture recorded (gedragsaanwijzing)")


def payment_record(*, actor: User, forfeiture: Forfeiture, paid_on: Any, amount: Decimal | str) -> Payment:
    return penalties.payment_record(rules=RULES, actor=actor, forfeiture=forfeiture, paid_on=paid_on, amount=amount)


def _decision_for_act(order: BehaviouralOrder | None, closure: Closure | None) -> BehaviouralOrder | Closure:
    if (order is None) == (closure is None):
        raise ValidationError(_("Name the gedragsaanwijzing or the closure that is enforced."), code="no_decision")
    row: BehaviouralOrder | Closure = order if order is not None else closure  # type: ignore[assignment]
    if row.state != DecisionState.IMPOSED:
        raise ValidationError(_("Only a decision in force is enforced."), code="not_imposed")
    if isinstance(row, BehaviouralOrder) and row.enforcement != Enforcement.BESTUURSDWANG:
        raise ValidationError(_("A last onder dwangsom is enforced by forfeiture, not by bestuursdwang."),
                              code="not_bestuursdwang")
    return row


@transaction.atomic
def enforcement_act_record(*, actor: User, carried_out_on: Any, description: str,
                           order: BehaviouralOrder | None = None, closure: Closure | None = None,
                           urgent: bool = False, urgency_reason: str = "", costs: Any = None) -> EnforcementAct:
    """Bestuursdwang carried out (Awb 5:21): not before the term ended for every addressee, unless urgent
    (Awb 5:31; recorded with its reasons, the written decision must follow)."""
    row = _decision_for_act(order, closure)
    require_officer_on_open(actor, row.case)
    day = require_date(carried_out_on, "carried_out_on")
    _not_future(day, "carried_out_on")
    errors: dict[str, Any] = {}
    if not text(description):
        errors["description"] = _("Describe what was done.")
    reason = text(urgency_reason)
    if urgent and len(reason) < 20:
        errors["urgency_reason"] = _("State the reasons for the urgency (Awb 5:31).")
    errors.update(bounds.lengths({"description": text(description), "urgency_reason": reason}, bounds.SHORT_TEXT))
    value = None
    if costs not in (None, ""):
        try:
            value = parse_amount(costs, "costs")
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    decision = decision_of(row)
    refuse_before_compliance_end(decision=decision, on=day, what=_("Bestuursdwang"), urgent=urgent,
                                 field="carried_out_on")
    if urgent:
        urgent_enforcement_record(actor=actor, authorise=require_officer_on_open, decision=decision,
                                  acted_at=timezone.make_aware(datetime.combine(day, time(12))),
                                  what="bestuursdwang", reasons=reason)
    act = EnforcementAct(case=row.case, data_key_id=row.case.data_key_id, order=order, closure=closure,
                         carried_out_on=day, urgent=urgent, urgency_reason=reason or None,
                         description=text(description), costs=value, created_by=actor)
    save_with_reason(act, reason=f"bestuursdwang carried out{' (urgent)' if urgent else ''}", user=actor)
    return act
