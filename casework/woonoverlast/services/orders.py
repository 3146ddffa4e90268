"""Drafting the gedragsaanwijzing (art. 151d Gemeentewet) and the closure (art. 174a Gemeentewet)
and asking a team lead to approve them (four eyes, casework/approvals.py: the requester can never
approve). The decision itself is taken by the file's step (`gedragsaanwijzing`, `sluiting`), whose
guard (services/guards.py) checks everything again inside the transition.

- The APV article is the municipality's, as data with a date of effect (`apv_in_force`); the
  duration stays within the APV maximum where the APV sets one; addressing whoever lets the
  dwelling needs an APV that provides for it (art. 151d lid 2).
- A gedragsaanwijzing is a last onder bestuursdwang or, under Awb 5:32 lid 1, a last onder dwangsom
  with its amount and maximum (5:32b); the compliance term is mandatory (5:24 lid 2, 5:32a).
- A closure names the grounds, the duration and — unless urgent — the term to end the disturbance
  given at announcement (174a lid 4); urgent decisions state their reasons. Its extension and cost
  recovery: services/closures.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from audit.history import save_with_reason
from casework import bounds
from casework.approvals import approval_request
from casework.models import Approval, Case, Person
from casework.woonoverlast import workflow as wf
from casework.woonoverlast.models import (
    AddresseeCapacity,
    ApvArticle,
    BehaviouralOrder,
    Closure,
    DecisionState,
    Enforcement,
    Melding,
    PenaltyForm,
    TimeUnit,
)
from casework.woonoverlast.services.common import (
    field_error,
    parse_amount,
    parse_positive_int,
    require_officer_on_open,
    text,
)

ORDER_APPROVAL = "woonoverlast.gedragsaanwijzing"
CLOSURE_APPROVAL = "woonoverlast.sluiting"


def apv_in_force(*, organisation: Organisation | Any, article: str, on: date) -> ApvArticle | None:
    """The text of `article` of the municipality's APV in force on `on` (the latest date of effect)."""
    return (ApvArticle.objects.filter(organisation=organisation, article=article, effective_from__lte=on)
            .order_by("-effective_from").first())


def _euros(value: Decimal | None) -> str | None:
    return None if value is None else str(Decimal(value).quantize(Decimal("0.01")))


def order_payload(order: BehaviouralOrder) -> dict[str, Any]:
    """What the team lead approves (ids and figures only; the behaviour is bound by the row's history)."""
    return {
        "order": str(order.pk), "apv_article": str(order.apv_article_id),
        "addressees": sorted(str(pk) for pk in order.addressees.values_list("pk", flat=True)),
        "capacity": order.addressee_capacity, "enforcement": order.enforcement,
        "duration_weeks": order.duration_weeks, "compliance_term_days": order.compliance_term_days,
        "penalty_form": order.penalty_form, "amount": _euros(order.amount), "time_unit": order.time_unit,
        "maximum": _euros(order.maximum), "urgent": order.urgent,
    }


def closure_payload(closure: Closure) -> dict[str, Any]:
    return {
        "closure": str(closure.pk),
        "addressees": sorted(str(pk) for pk in closure.addressees.values_list("pk", flat=True)),
        "duration_weeks": closure.duration_weeks, "disturbance_term_days": closure.disturbance_term_days,
        "urgent": closure.urgent,
    }


def check_duration(apv: ApvArticle, weeks: int) -> None:
    """The duration within the APV maximum, where the APV sets one."""
    if apv.max_duration_weeks is not None and weeks > apv.max_duration_weeks:
        raise field_error("duration_weeks", _("The duration exceeds the maximum of %(max)d weeks in %(article)s.")
                          % {"max": apv.max_duration_weeks, "article": apv.article}, "too_long")


def check_capacity(apv: ApvArticle, capacity: str) -> None:
    if capacity not in AddresseeCapacity.values:
        raise ValidationError({"addressee_capacity": _("Choose in which capacity the addressees are addressed.")})
    if capacity == AddresseeCapacity.LANDLORD and not apv.landlord_addressable:
        raise ValidationError({"addressee_capacity": _(
            "This APV article does not provide for addressing whoever lets the dwelling (art. 151d lid 2).")})


def _penalty(enforcement: str, penalty_form: str, amount: Any, time_unit: str, maximum: Any,
             errors: dict[str, Any]) -> tuple[Decimal | None, Decimal | None]:
    if enforcement == Enforcement.BESTUURSDWANG:
        if penalty_form or time_unit or amount not in (None, "") or maximum not in (None, ""):
            errors["penalty_form"] = _("An amount and maximum belong only to a last onder dwangsom.")
        return None, None
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
    return parsed.get("amount"), parsed.get("maximum")


def _people(case: Case, addressees: Sequence[Person], errors: dict[str, Any]) -> list[Person]:
    people = list(dict.fromkeys(addressees))
    if not people:
        errors["addressees"] = _("Name at least one addressee.")
    elif any(person.controller_id != case.controller_id for person in people):
        errors["addressees"] = _("Every addressee must be registered under the file's organisation.")
    elif Melding.objects.filter(case=case, melder__in=people).exists():
        # A reporter is shielded: naming them in a decision would put them in its letters.
        errors["addressees"] = _("A reporter of this file cannot be an addressee.")
    return people


def _urgency(urgent: bool, urgency_reason: str, errors: dict[str, Any]) -> str | None:
    reason = text(urgency_reason)
    if urgent and len(reason) < 20:
        errors["urgency_reason"] = _("State the reasons for the urgency (at least a sentence).")
    if not urgent and reason:
        errors["urgency_reason"] = _("Reasons for urgency belong only to an urgent decision.")
    errors.update(bounds.lengths({"urgency_reason": reason}, bounds.SHORT_TEXT))
    return reason or None


def _withdraw_rejected(actor: User, model: type[BehaviouralOrder] | type[Closure], case: Case) -> None:
    for draft in model.objects.filter(case=case, state=DecisionState.DRAFT,
                                      approval__decision=Approval.Decision.REJECTED):
        draft.state = DecisionState.REVOKED
        save_with_reason(draft, reason="draft withdrawn (approval rejected)", user=actor)


def _positive(value: Any, field: str, message: str, errors: dict[str, Any]) -> int:
    try:
        return parse_positive_int(value, field, message)
    except ValidationError as exc:
        errors.update(exc.message_dict)
        return 0


@transaction.atomic
def order_request_approval(*, actor: User, case: Case, article: str, addressees: Sequence[Person],
                           addressee_capacity: str, behaviour: str, enforcement: str, duration_weeks: Any,
                           compliance_term_days: Any, penalty_form: str = "", amount: Any = None,
                           time_unit: str = "", maximum: Any = None, urgent: bool = False,
                           urgency_reason: str = "", on: date | None = None) -> BehaviouralOrder:
    """Draft the gedragsaanwijzing and ask a team lead for approval. Nothing is written when a check fails."""
    require_officer_on_open(actor, case)
    if case.status not in (wf.VOORNEMEN, wf.INTERVENTIES) or (case.status == wf.INTERVENTIES and not urgent):
        raise ValidationError(_("A gedragsaanwijzing follows the intention and the term for a view (an urgent one "
                                "follows the lighter interventions)."), code="wrong_status")
    errors: dict[str, Any] = {}
    apv = apv_in_force(organisation=case.controller_id, article=text(article), on=on or timezone.localdate())
    if apv is None:
        errors["article"] = _("No text of this APV article is in force for the municipality.")
    if enforcement not in Enforcement.values:
        errors["enforcement"] = _("Choose a last onder bestuursdwang or a last onder dwangsom.")
    weeks = _positive(duration_weeks, "duration_weeks", _("Enter the duration in whole weeks, at least 1."), errors)
    days = _positive(compliance_term_days, "compliance_term_days",
                     _("Enter the compliance term in whole days, at least 1 (Awb 5:24, 5:32a)."), errors)
    value, ceiling = _penalty(enforcement, penalty_form, amount, time_unit, maximum, errors)
    people = _people(case, addressees, errors)
    if not text(behaviour):
        errors["behaviour"] = _("Name the behaviour ordered or forbidden.")
    errors.update(bounds.lengths({"behaviour": text(behaviour)}, bounds.SHORT_TEXT))
    reason = _urgency(urgent, urgency_reason, errors)
    if apv is not None:
        try:
            check_capacity(apv, addressee_capacity)
            if weeks:
                check_duration(apv, weeks)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    assert apv is not None  # noqa: S101
    _withdraw_rejected(actor, BehaviouralOrder, case)
    if BehaviouralOrder.objects.filter(case=case, state=DecisionState.DRAFT).exists():
        raise ValidationError(_("A draft gedragsaanwijzing is already awaiting approval."), code="draft_exists")
    order = BehaviouralOrder(
        case=case, data_key_id=case.data_key_id, apv_article=apv, addressee_capacity=addressee_capacity,
        behaviour=text(behaviour), enforcement=enforcement, duration_weeks=weeks, compliance_term_days=days,
        penalty_form=penalty_form if enforcement == Enforcement.DWANGSOM else "", amount=value,
        time_unit=time_unit if enforcement == Enforcement.DWANGSOM else "", maximum=ceiling, urgent=bool(urgent),
        urgency_reason=reason, created_by=actor)
    save_with_reason(order, reason=f"gedragsaanwijzing drafted ({enforcement}, {weeks} weeks)", user=actor)
    order.addressees.set(people)
    order.approval = approval_request(case=case, subject=ORDER_APPROVAL, requested_by=actor,
                                      payload=order_payload(order))
    save_with_reason(order, reason="approval requested (four eyes)", user=actor)
    return order


@transaction.atomic
def closure_request_approval(*, actor: User, case: Case, addressees: Sequence[Person], grounds: str,
                             duration_weeks: Any, disturbance_term_days: Any = None, urgent: bool = False,
                             urgency_reason: str = "") -> Closure:
    """Draft the closure under art. 174a Gemeentewet and ask a team lead for approval."""
    require_officer_on_open(actor, case)
    if case.status == wf.AFGESLOTEN:
        raise ValidationError(_("This file is closed."), code="closed")
    errors: dict[str, Any] = {}
    weeks = _positive(duration_weeks, "duration_weeks", _("Enter the duration in whole weeks, at least 1."), errors)
    term: int | None = None
    if urgent:
        if disturbance_term_days not in (None, ""):
            errors["disturbance_term_days"] = _("An urgent closure gives no term to end the disturbance "
                                                "(art. 174a lid 4).")
    else:
        term = _positive(disturbance_term_days, "disturbance_term_days",
                         _("Give the term to end the disturbance in whole days (art. 174a lid 4)."), errors)
    people = _people(case, addressees, errors)
    if not text(grounds):
        errors["grounds"] = _("State how public order is seriously disturbed from the dwelling.")
    errors.update(bounds.lengths({"grounds": text(grounds)}, bounds.SHORT_TEXT))
    reason = _urgency(urgent, urgency_reason, errors)
    if errors:
        raise ValidationError(errors)
    _withdraw_rejected(actor, Closure, case)
    if Closure.objects.filter(case=case, state=DecisionState.DRAFT).exists():
        raise ValidationError(_("A draft closure is already awaiting approval."), code="draft_exists")
    closure = Closure(case=case, data_key_id=case.data_key_id, grounds=text(grounds), duration_weeks=weeks,
                      disturbance_term_days=term, urgent=bool(urgent), urgency_reason=reason, created_by=actor)
    save_with_reason(closure, reason=f"closure drafted ({weeks} weeks{', urgent' if urgent else ''})", user=actor)
    closure.addressees.set(people)
    closure.approval = approval_request(case=case, subject=CLOSURE_APPROVAL, requested_by=actor,
                                        payload=closure_payload(closure))
    save_with_reason(closure, reason="approval requested (four eyes)", user=actor)
    return closure
