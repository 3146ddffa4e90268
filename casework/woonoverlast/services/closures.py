"""After a closure under art. 174a Gemeentewet is imposed: its extension (lid 3) and the recovery of
the costs of the bestuursdwang (Awb 5:25).

- An extension is a decision of its own, with its ground and decision date, taken while the closure
  is still in force (on or before its last day; afterwards only a new closure can close the
  dwelling again). The code models no separate four-eyes approval for it (the closure's approval
  covered the closure as drafted); the decision is recorded with its history and audit event.
- The cost recovery is a decision (beschikking, Awb 5:25 lid 6) with its amount, a specification of
  the costs and its decision date, once per closure (a change is a new decision). Where acts of
  bestuursdwang under the closure recorded their costs, the amount cannot exceed their total.
  Collection of the sum follows Awb title 4.4 (payment within six weeks, 4:87); the core's penalty
  components serve forfeited penalties (5:33-5:39), not costs of bestuursdwang, so they are not used.
"""

from __future__ import annotations

from datetime import timedelta
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
from casework.woonoverlast.models import Closure, DecisionState, EnforcementAct
from casework.woonoverlast.services.common import (
    parse_amount,
    parse_date,
    parse_positive_int,
    require_officer_on_open,
    text,
)

IMPOSED = (DecisionState.IMPOSED, DecisionState.ENDED)


def _day(value: Any, field: str, errors: dict[str, Any]) -> Any:
    """The decision date (empty: today); never in the future."""
    try:
        day = parse_date(value, field) or timezone.localdate()
    except ValidationError as exc:
        errors.update(exc.message_dict)
        return None
    if day > timezone.localdate():
        errors[field] = _("A decision cannot be taken in the future.")
        return None
    return day


@transaction.atomic
def closure_extend(*, actor: User, closure: Closure, weeks: Any, ground: str, decided_on: Any = None) -> Closure:
    """Extend an imposed closure (art. 174a lid 3) by a decision of its own, with its ground."""
    require_officer_on_open(actor, closure.case)
    closure = Closure.objects.select_for_update().get(pk=closure.pk)
    if closure.state != DecisionState.IMPOSED or closure.ends_on is None or closure.decided_on is None:
        raise ValidationError(_("Only an imposed closure can be extended."), code="not_imposed")
    errors: dict[str, Any] = {}
    extra = 0
    try:
        extra = parse_positive_int(weeks, "weeks", _("Enter the extension in whole weeks, at least 1."))
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if len(text(ground)) < 20:
        errors["ground"] = _("State the ground for the extension (art. 174a lid 3).")
    errors.update(bounds.lengths({"ground": text(ground)}, bounds.SHORT_TEXT))
    day = _day(decided_on, "decided_on", errors)
    if day is not None and day < closure.decided_on:
        errors["decided_on"] = _("The extension cannot precede the closure.")
    elif day is not None and day > closure.ends_on:
        errors["decided_on"] = _("The closure ended on %(day)s: extend it before its last day, or decide on a new "
                                 "closure.") % {"day": closure.ends_on.strftime("%d-%m-%Y")}
    if errors:
        raise ValidationError(errors)
    closure.extension_weeks += extra
    closure.extension_ground = text(ground)
    closure.extended_on = day
    closure.ends_on = closure.ends_on + timedelta(weeks=extra)
    save_with_reason(closure, reason=f"closure extended by {extra} weeks (art. 174a lid 3)", user=actor)
    return closure


def _recorded_costs(closure: Closure) -> Decimal | None:
    total = EnforcementAct.objects.filter(closure=closure, costs__isnull=False).aggregate(total=Sum("costs"))
    return total["total"]


@transaction.atomic
def closure_costs_record(*, actor: User, closure: Closure, amount: Any, specification: str,
                         decided_on: Any = None) -> Closure:
    """The decision recovering the costs of the closure (bestuursdwang, Awb 5:25): amount, specification
    and decision date. Nothing is written when a check fails."""
    require_officer_on_open(actor, closure.case)
    closure = Closure.objects.select_for_update().get(pk=closure.pk)
    if closure.state not in IMPOSED or closure.decided_on is None:
        raise ValidationError(_("Costs are recovered only for an imposed closure."), code="not_imposed")
    if closure.costs_decided_on is not None:
        raise ValidationError(_("The costs of this closure were already recovered by the decision of %(day)s; a "
                                "change is a new decision.") % {"day": closure.costs_decided_on.strftime("%d-%m-%Y")},
                              code="costs_decided")
    errors: dict[str, Any] = {}
    value = None
    try:
        value = parse_amount(amount, "amount")
    except ValidationError as exc:
        errors.update(exc.message_dict)
    spec = text(specification)
    if len(spec) < 20:
        errors["specification"] = _("Specify the costs recovered (what was done, by whom, at what cost).")
    errors.update(bounds.lengths({"specification": spec}, bounds.SHORT_TEXT))
    day = _day(decided_on, "decided_on", errors)
    if day is not None and day < closure.decided_on:
        errors["decided_on"] = _("The cost recovery cannot precede the closure.")
    recorded = _recorded_costs(closure)
    if value is not None and recorded is not None and value > recorded:
        errors["amount"] = _("The amount exceeds the costs recorded for the bestuursdwang under this closure "
                             "(EUR %(total)s).") % {"total": recorded}
    if errors:
        raise ValidationError(errors)
    closure.costs_amount, closure.costs_specification, closure.costs_decided_on = value, spec, day
    save_with_reason(closure, reason="cost recovery decided (Awb 5:25)", user=actor)
    return closure


__all__ = ["closure_costs_record", "closure_extend"]
