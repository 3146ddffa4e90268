"""After a closure under art. 174a Gemeentewet is imposed: its extension (lid 3) and the recovery of
the costs of the bestuursdwang (Awb 5:25).

- An extension is a decision of its own, with four eyes like the closure (ADR 0018): drafted with
  its weeks and ground (`closure_extension_request`, which asks a team lead's approval), then decided
  (`closure_extend`) with its decision date and signatory, while the closure is still in force (on or
  before its last day; afterwards only a new closure can close the dwelling again). The approval
  binds the weeks and the closure; deciding moves the closure's last day.
- The cost recovery is a decision (beschikking, Awb 5:25 lid 6) with its amount, a specification of
  the costs, its decision date and signatory, once per closure (a change is a new decision). Where
  acts of bestuursdwang under the closure recorded their costs, the amount cannot exceed their total.
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
from casework.approvals import approval_request
from casework.models import Approval
from casework.woonoverlast.models import Closure, ClosureExtension, DecisionState, EnforcementAct
from casework.woonoverlast.services.common import (
    parse_amount,
    parse_date,
    parse_positive_int,
    require_officer_on_open,
    signatory_of,
    text,
)

IMPOSED = (DecisionState.IMPOSED, DecisionState.ENDED)
EXTENSION_APPROVAL = "woonoverlast.closure_extension"


def extension_payload(extension: ClosureExtension) -> dict[str, Any]:
    """What the team lead approves: the extension, its closure and its weeks (the ground is bound by
    the row's history)."""
    return {"extension": str(extension.pk), "closure": str(extension.closure_id), "weeks": extension.weeks}


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


def _signatory(values: dict[str, Any], errors: dict[str, Any]) -> tuple[str, bool]:
    try:
        return signatory_of(values, _("Record who signs the decision (the mayor or an official in mandate)."))
    except ValidationError as exc:
        errors.update(exc.message_dict)
        return "", False


def _in_force(closure: Closure) -> Closure:
    closure = Closure.objects.select_for_update().get(pk=closure.pk)
    if closure.state != DecisionState.IMPOSED or closure.ends_on is None or closure.decided_on is None:
        raise ValidationError(_("Only an imposed closure can be extended."), code="not_imposed")
    return closure


@transaction.atomic
def closure_extension_request(*, actor: User, closure: Closure, weeks: Any, ground: str) -> ClosureExtension:
    """Draft the extension of an imposed closure (art. 174a lid 3) and ask a team lead to approve it
    (four eyes). Nothing is written when a check fails."""
    require_officer_on_open(actor, closure.case)
    closure = _in_force(closure)
    for rejected in ClosureExtension.objects.filter(closure=closure, state=DecisionState.DRAFT,
                                                    approval__decision=Approval.Decision.REJECTED):
        rejected.state = DecisionState.REVOKED
        save_with_reason(rejected, reason="draft withdrawn (approval rejected)", user=actor)
    if ClosureExtension.objects.filter(closure=closure, state=DecisionState.DRAFT).exists():
        raise ValidationError(_("A draft extension of this closure is already awaiting approval or its decision."),
                              code="draft_exists")
    errors: dict[str, Any] = {}
    extra = 0
    try:
        extra = parse_positive_int(weeks, "weeks", _("Enter the extension in whole weeks, at least 1."))
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if len(text(ground)) < 20:
        errors["ground"] = _("State the ground for the extension (art. 174a lid 3).")
    errors.update(bounds.lengths({"ground": text(ground)}, bounds.SHORT_TEXT))
    if errors:
        raise ValidationError(errors)
    case = closure.case
    extension = ClosureExtension(case=case, data_key_id=case.data_key_id, closure=closure, weeks=extra,
                                 ground=text(ground), created_by=actor)
    save_with_reason(extension, reason=f"extension drafted ({extra} weeks, art. 174a lid 3)", user=actor)
    extension.approval = approval_request(case=case, subject=EXTENSION_APPROVAL, requested_by=actor,
                                          payload=extension_payload(extension))
    save_with_reason(extension, reason="approval requested (four eyes)", user=actor)
    return extension


def _check_approved(extension: ClosureExtension) -> None:
    approval = extension.approval
    if approval is None or approval.decision != Approval.Decision.APPROVED:
        raise ValidationError(_("The decision needs the approval of a team lead (four eyes) first."),
                              code="not_approved")
    if approval.subject != EXTENSION_APPROVAL or approval.payload != extension_payload(extension):
        raise ValidationError(_("The decision changed after the approval. Ask for a new approval."),
                              code="approval_stale")


@transaction.atomic
def closure_extend(*, actor: User, extension: ClosureExtension, decided_on: Any = None, signatory: str = "",
                   under_mandate: bool = False) -> ClosureExtension:
    """Decide the approved extension: its decision date (on or before the closure's last day) and who
    signs it; the closure's last day moves by its weeks. Nothing is written when a check fails."""
    require_officer_on_open(actor, extension.case)
    extension = ClosureExtension.objects.select_for_update(of=("self",)).select_related("approval").get(pk=extension.pk)
    closure = _in_force(extension.closure)
    if extension.state != DecisionState.DRAFT:
        raise ValidationError(_("This decision was already taken or withdrawn."), code="not_draft")
    _check_approved(extension)
    errors: dict[str, Any] = {}
    signed = _signatory({"signatory": signatory, "under_mandate": under_mandate}, errors)
    day = _day(decided_on, "decided_on", errors)
    assert closure.decided_on is not None and closure.ends_on is not None  # noqa: S101 - _in_force
    if day is not None and day < closure.decided_on:
        errors["decided_on"] = _("The extension cannot precede the closure.")
    elif day is not None and day > closure.ends_on:
        errors["decided_on"] = _("The closure ended on %(day)s: extend it before its last day, or decide on a new "
                                 "closure.") % {"day": closure.ends_on.strftime("%d-%m-%Y")}
    if errors:
        raise ValidationError(errors)
    closure.extension_weeks += extension.weeks
    closure.extension_ground, closure.extended_on = extension.ground, day
    closure.ends_on = closure.ends_on + timedelta(weeks=extension.weeks)
    save_with_reason(closure, reason=f"closure extended by {extension.weeks} weeks (art. 174a lid 3)", user=actor)
    extension.state, extension.decided_on, extension.ends_on = DecisionState.IMPOSED, day, closure.ends_on
    extension.signatory, extension.under_mandate = signed
    save_with_reason(extension, reason=f"extension decided (approval {extension.approval_id})", user=actor)
    return extension


def _recorded_costs(closure: Closure) -> Decimal | None:
    total = EnforcementAct.objects.filter(closure=closure, costs__isnull=False).aggregate(total=Sum("costs"))
    return total["total"]


@transaction.atomic
def closure_costs_record(*, actor: User, closure: Closure, amount: Any, specification: str,
                         decided_on: Any = None, signatory: str = "", under_mandate: bool = False) -> Closure:
    """The decision recovering the costs of the closure (bestuursdwang, Awb 5:25): amount, specification,
    decision date and who signs it. Nothing is written when a check fails."""
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
    signed = _signatory({"signatory": signatory, "under_mandate": under_mandate}, errors)
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
    closure.costs_signatory, closure.costs_under_mandate = signed
    save_with_reason(closure, reason="cost recovery decided (Awb 5:25)", user=actor)
    return closure


__all__ = ["EXTENSION_APPROVAL", "closure_costs_record", "closure_extend", "closure_extension_request",
           "extension_payload"]
