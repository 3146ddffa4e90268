"""The penalty order (last onder dwangsom) and the legal preconditions of every park step.

`order_request_approval` drafts an order and asks a team lead to approve it (four eyes,
casework/approvals.py: the requester can never approve); `order_impose` takes the
`last_onder_dwangsom` step, whose guard checks everything again inside the transition:

- the order names the file's recreation object (a court annulled orders that did not:
  Rb Gelderland 2025-03-10, ECLI:NL:RBGEL:2025:1991) — the column is NOT NULL too;
- the compliance term (begunstigingstermijn) is set and positive (Awb 5:32a lid 2) — a DB check too;
- the penalty is a lump sum, per time unit or per violation, with a maximum (Awb 5:32b lid 1);
- an approval of exactly these figures was given by a team lead (four eyes);
- no personal tolerance decision is in force for any addressee for this object (casework/park/tolerance.py).

`guard_and_apply` runs inside casework.workflow.transition (the workflow's `apply` hook), after
the step row was written and before the status changes, so a ValidationError rolls it all back:
- constatering: at least one inspection recorded; records the report date (and summary);
- voornemen: the term for a view (Awb 4:8; the municipality sets its length, counted with the
  Atw so it never ends on a weekend or holiday);
- last_onder_dwangsom: the order checks above; sets the decision date (the comply-by date follows
  from each addressee's announcement: casework/park/services/tracks.py);
- hercontrole: an imposed order;
- nageleefd: a compliant re-inspection and no open forfeiture (otherwise: invordering);
- invordering: at least one forfeiture;
- afgesloten: no open forfeiture.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.history import save_with_reason
from casework import bounds
from casework import workflow as engine
from casework.approvals import approval_request
from casework.deadlines import term_end
from casework.models import Approval, Case, Person
from casework.park import workflow as wf
from casework.park.models import Forfeiture, Inspection, ParkFile, PenaltyForm, PenaltyOrder, TimeUnit
from casework.park.models.objects import RecreationObject
from casework.park.services.common import (
    field_error,
    park_file,
    parse_amount,
    parse_date,
    parse_positive_int,
    require_officer,
    require_open,
    text,
)
from casework.park.tolerance import tolerances_in_force

APPROVAL_SUBJECT = "park.last_onder_dwangsom"


def _euros(value: Decimal) -> str:
    return str(Decimal(value).quantize(Decimal("0.01")))


def approval_payload(order: PenaltyOrder) -> dict[str, Any]:
    """What the team lead approves: the object, the addressees and the figures (ids and numbers only)."""
    payload = {
        "order": str(order.pk), "object": str(order.object_id),
        "addressees": sorted(str(pk) for pk in order.addressees.values_list("pk", flat=True)),
        "compliance_term_days": order.compliance_term_days, "penalty_form": order.penalty_form,
        "amount": _euros(order.amount), "time_unit": order.time_unit, "maximum": _euros(order.maximum),
    }
    if order.addressee_entity:  # only then: approvals given before the owner company could be named stay valid
        payload["addressee_entity"] = True
    return payload


def _addressees(case: Case, obj: RecreationObject, addressees: Sequence[Person], owner_entity: bool) -> list[Person]:
    """The persons the order names, checked; the owner company (`owner_entity`) only when the object has one."""
    people = list(dict.fromkeys(addressees))
    if owner_entity and not obj.owner_entity:
        raise ValidationError({"addressees": _("The object has no owner that is a legal entity.")})
    if not people and not owner_entity:
        raise ValidationError({"addressees": _("Name at least one addressee of the order.")})
    if any(person.controller_id != case.controller_id for person in people):
        raise ValidationError({"addressees": _("Every addressee must be registered under the file's organisation.")})
    return people


def _validate_figures(compliance_term_days: Any, penalty_form: str, amount: Any, time_unit: str,
                      maximum: Any) -> tuple[int, Decimal, Decimal]:
    errors: dict[str, Any] = {}
    days: int | None = None
    try:
        days = parse_positive_int(compliance_term_days, "compliance_term_days", _(
            "Enter the compliance term in whole days, at least 1 (Awb 5:32a lid 2)."))
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if penalty_form not in PenaltyForm.values:
        errors["penalty_form"] = _("Choose a lump sum, an amount per time unit or per violation.")
    if penalty_form == PenaltyForm.PER_TIME_UNIT and time_unit not in TimeUnit.values:
        errors["time_unit"] = _("Choose the time unit (day or week).")
    if penalty_form != PenaltyForm.PER_TIME_UNIT and time_unit:
        errors["time_unit"] = _("A time unit belongs only to a penalty per time unit.")
    parsed: dict[str, Decimal] = {}
    for name, value in (("amount", amount), ("maximum", maximum)):
        try:
            parsed[name] = parse_amount(value, name)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if len(parsed) == 2 and parsed["maximum"] < parsed["amount"]:
        errors["maximum"] = _("The maximum cannot be lower than the amount (Awb 5:32b lid 1).")
    if errors:
        raise ValidationError(errors)
    assert days is not None  # noqa: S101
    return days, parsed["amount"], parsed["maximum"]


def _check_tolerance(obj: RecreationObject, addressees: Sequence[Person], on: Any) -> None:
    if tolerances_in_force(object=obj, persons=addressees, on=on).exists():
        raise field_error("addressees", _(
            "An addressee holds a personal tolerance decision for this object that is in force: no order can "
            "be imposed on them for this object while it is."), "tolerated")


def _withdraw_rejected_drafts(actor: User, case: Case) -> None:
    """A draft whose approval was refused is withdrawn when a new one is drafted (kept, as revoked)."""
    for draft in PenaltyOrder.objects.filter(case=case, state=PenaltyOrder.State.DRAFT,
                                             approval__decision=Approval.Decision.REJECTED):
        draft.state = PenaltyOrder.State.REVOKED
        save_with_reason(draft, reason="draft withdrawn (approval rejected)", user=actor)


@transaction.atomic
def order_request_approval(
    *,
    actor: User,
    case: Case,
    addressees: Sequence[Person],
    remedy: str,
    compliance_term_days: int,
    penalty_form: str,
    amount: Decimal | str,
    maximum: Decimal | str,
    time_unit: str = "",
    object: RecreationObject | None = None,  # noqa: A002 - the domain's word
    owner_entity: bool = False,
) -> PenaltyOrder:
    """Draft the order for the file's object and ask a team lead for approval (four eyes).

    `object` defaults to the file's object; naming another object is refused. `owner_entity` names the
    object's owner when that is a legal entity (its name is copied into the order). Nothing is written
    when any check fails.
    """
    require_officer(actor, case)
    require_open(case)
    if case.status != wf.VOORNEMEN:
        raise ValidationError(_("An order follows the intention and the term for a view (status “intention "
                                "sent”)."), code="wrong_status")
    details = park_file(case)
    named = object if object is not None else (details.object if details.object_id is not None else None)
    if named is None:
        raise field_error("object", _("An order must name the recreation object."), "no_object")
    if named.pk != details.object_id:
        raise ValidationError({"object": _("The order must name this file's recreation object.")})
    days, parsed_amount, parsed_maximum = _validate_figures(compliance_term_days, penalty_form, amount,
                                                            time_unit, maximum)
    people = _addressees(case, named, addressees, owner_entity)
    if not text(remedy):
        raise ValidationError({"remedy": _("Describe what must be done to comply (the order).")})
    bounds.raise_errors(bounds.lengths({"remedy": text(remedy)}, bounds.SHORT_TEXT))
    _check_tolerance(named, people, timezone.localdate())
    _withdraw_rejected_drafts(actor, case)
    if PenaltyOrder.objects.filter(case=case, state=PenaltyOrder.State.DRAFT).exists():
        raise ValidationError(_("A draft order is already awaiting approval for this file."), code="draft_exists")
    order = PenaltyOrder(
        case=case, data_key_id=case.data_key_id, object=named, remedy=text(remedy), compliance_term_days=days,
        addressee_entity=named.owner_entity if owner_entity else None,
        penalty_form=penalty_form, amount=parsed_amount, time_unit=time_unit or "", maximum=parsed_maximum,
        created_by=actor,
    )
    save_with_reason(order, reason=f"order drafted ({penalty_form}, term {days} days)", user=actor)
    order.addressees.set(people)
    order.approval = approval_request(case=case, subject=APPROVAL_SUBJECT, requested_by=actor,
                                      payload=approval_payload(order))
    save_with_reason(order, reason="approval requested (four eyes)", user=actor)
    return order


def order_impose(*, actor: User, order: PenaltyOrder, reason: str, decided_on: Any = None,
                 expected_version: int | None = None) -> PenaltyOrder:
    """Impose the approved order: the `last_onder_dwangsom` step of the file (see `_impose`)."""
    engine.transition(case=order.case, to=wf.LAST_ONDER_DWANGSOM, by=actor, reason=reason,
                      expected_version=expected_version, order=order, decided_on=decided_on)
    order.refresh_from_db()
    return order


# --- guards -------------------------------------------------------------------------------------

def _report(details: ParkFile, data: dict[str, Any]) -> None:
    if not Inspection.objects.filter(case_id=details.case_id).exists():
        raise ValidationError(_("Record an inspection of the object first."), code="no_inspection")
    details.reported_on = parse_date(data.get("reported_on"), "reported_on") or timezone.localdate()
    if text(data.get("report_summary")):
        details.report_summary = text(data.get("report_summary"))


def _intention(details: ParkFile, data: dict[str, Any]) -> None:
    """Awb 4:8: the term for a view is the municipality's; counted with the Atw (it only gives more time)."""
    sent_on = parse_date(data.get("intention_sent_on"), "intention_sent_on") or timezone.localdate()
    weeks = details.view_term_weeks
    if data.get("view_term_weeks") not in (None, ""):
        weeks = parse_positive_int(data["view_term_weeks"], "view_term_weeks", _("Enter at least 1 week."))
    details.intention_sent_on, details.view_term_weeks = sent_on, weeks
    details.view_due_on = term_end(event=sent_on, weeks=weeks, statutory=True)


def _order_from(details: ParkFile, data: dict[str, Any]) -> PenaltyOrder:
    value = data.get("order")
    orders = PenaltyOrder.objects.filter(case_id=details.case_id)
    if value in (None, ""):
        order = orders.filter(state=PenaltyOrder.State.DRAFT).order_by("-created_at").first()
    else:
        order = orders.filter(pk=str(getattr(value, "pk", value))).first()
    if order is None:
        raise field_error("order", _("Draft the order and have it approved first."), "no_order")
    return order


def _check_approval(order: PenaltyOrder) -> Approval:
    approval = order.approval
    if approval is None or approval.decision != Approval.Decision.APPROVED:
        raise ValidationError(_("The order needs the approval of a team lead (four eyes) first."),
                              code="not_approved")
    if approval.subject != APPROVAL_SUBJECT or approval.payload != approval_payload(order):
        raise ValidationError(_("The order changed after the approval. Ask for a new approval."),
                              code="approval_stale")
    return approval


def _impose(details: ParkFile, data: dict[str, Any]) -> None:
    """Awb 5:31d, 5:32a lid 2, 5:32b: the approved order naming the object, with its compliance term."""
    order = _order_from(details, data)
    if order.state != PenaltyOrder.State.DRAFT:
        raise ValidationError({"order": _("This order was already imposed or withdrawn.")})
    if order.object_id is None or order.object_id != details.object_id:
        raise field_error("object", _("The order must name this file's recreation object."), "no_object")
    if not order.compliance_term_days or order.compliance_term_days <= 0:
        raise ValidationError({"compliance_term_days": _("A compliance term is mandatory (Awb 5:32a lid 2).")})
    _check_approval(order)
    decided_on = parse_date(data.get("decided_on"), "decided_on") or timezone.localdate()
    if decided_on > timezone.localdate():
        raise ValidationError({"decided_on": _("An order cannot be decided in the future.")})
    _check_tolerance(details.object, list(order.addressees.all()), decided_on)
    order.state, order.decided_on = PenaltyOrder.State.IMPOSED, decided_on
    # The compliance term runs per addressee from their announcement (casework/remedies/terms.py);
    # `compliance_due_on` (the latest end) is set when the order is announced.
    order.compliance_due_on = None
    save_with_reason(order, reason=f"order imposed (approval {order.approval_id})",
                     user=engine.applied_step(details.case).by)


def _reinspection(details: ParkFile, data: dict[str, Any]) -> None:
    if not PenaltyOrder.objects.filter(case_id=details.case_id, state__in=[
            PenaltyOrder.State.IMPOSED, PenaltyOrder.State.COMPLIED]).exists():
        raise ValidationError(_("A re-inspection checks an imposed order; there is none."), code="no_order")


def _open_forfeitures(details: ParkFile) -> bool:
    return Forfeiture.objects.filter(case_id=details.case_id, state=Forfeiture.State.OPEN).exists()


def _complied(details: ParkFile, data: dict[str, Any]) -> None:
    if not Inspection.objects.filter(case_id=details.case_id, order__isnull=False, compliant=True).exists():
        raise ValidationError(_("Record a re-inspection that found the order complied with first."),
                              code="not_complied")
    if _open_forfeitures(details):
        raise ValidationError(_("Forfeited penalties are still open: continue with collection."),
                              code="open_forfeitures")


def _collection(details: ParkFile, data: dict[str, Any]) -> None:
    if not Forfeiture.objects.filter(case_id=details.case_id).exists():
        raise ValidationError(_("Record a forfeiture first: collection needs a forfeited penalty."),
                              code="no_forfeiture")


def _closing(details: ParkFile, data: dict[str, Any]) -> None:
    if _open_forfeitures(details):
        raise ValidationError(_("Settle every open forfeiture (paid, collected, time-barred or waived) first."),
                              code="open_forfeitures")


GUARDS: dict[str, Callable[[ParkFile, dict[str, Any]], None]] = {
    wf.CONSTATERING: _report,
    wf.VOORNEMEN: _intention,
    wf.LAST_ONDER_DWANGSOM: _impose,
    wf.HERCONTROLE: _reinspection,
    wf.NAGELEEFD: _complied,
    wf.INVORDERING: _collection,
    wf.AFGESLOTEN: _closing,
}
# Guards that change the file's details (the others only check or change other rows).
CHANGES_DETAILS = frozenset({wf.CONSTATERING, wf.VOORNEMEN})


def guard_and_apply(case: Case, step: engine.Transition, data: dict[str, Any]) -> None:
    """Check the step's legal preconditions and copy its data onto the park details."""
    guard = GUARDS.get(step.target)
    if guard is None or step.reopens:
        return
    details = ParkFile.objects.select_related("case", "object").get(case_id=case.pk)
    guard(details, data)
    if step.target in CHANGES_DETAILS:
        save_with_reason(details, reason=f"step {step.source} -> {step.target}", user=engine.applied_step(case).by)
