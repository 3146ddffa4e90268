"""The legal preconditions of every woonoverlast step, run by the transition engine (the
workflow's `apply` hook) after the step row was written and before the status changes, so a
ValidationError rolls it all back:

- interventies: at least one nuisance report;
- voornemen (gedragsaanwijzing): reports, a zwartboek (the statements go into the intention only
  anonymised, Awb 4:8) and at least one lighter intervention recorded (a last resort); records the
  intention with the term for a view, counted with the Atw, and who signs its letter (and whether
  in mandate: "namens deze");
- voornemen_sluiting: likewise for a closure (art. 174a), without the interventions;
- gedragsaanwijzing (from voornemen, or urgent from interventies): the approved draft, unchanged
  since the approval (four eyes); unless urgent, the intention for it and its term for a view
  passed; the APV article in force on the decision date, the duration within its maximum; sets
  the decision date, the period the order is in force and who signs it;
- sluiting: the approved closure; unless urgent, the intention for a closure and its term passed;
- handhaving: an imposed gedragsaanwijzing and a check that found it was not complied with;
- afgesloten: no open forfeiture.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from audit.history import save_with_reason
from casework import workflow as engine
from casework.deadlines import term_end
from casework.models import Approval, Case
from casework.penalties.models import Forfeiture
from casework.woonoverlast import workflow as wf
from casework.woonoverlast.models import (
    BehaviouralOrder,
    Closure,
    ComplianceCheck,
    DecisionKind,
    DecisionState,
    Intention,
    Intervention,
    Melding,
    Zwartboek,
)
from casework.woonoverlast.services.common import parse_date, parse_positive_int, signatory_of
from casework.woonoverlast.services.orders import (
    CLOSURE_APPROVAL,
    ORDER_APPROVAL,
    apv_in_force,
    check_capacity,
    check_duration,
    closure_payload,
    order_payload,
)

DEFAULT_VIEW_WEEKS = 2
SIGNS_INTENTION = _lazy("Record who signs the intention letter (the mayor or an official in mandate).")
SIGNS_DECISION = _lazy("Record who signs the decision (the mayor or an official in mandate).")


def _decided_on(data: dict[str, Any]) -> date:
    day = parse_date(data.get("decided_on"), "decided_on") or timezone.localdate()
    if day > timezone.localdate():
        raise ValidationError({"decided_on": _("A decision cannot be taken in the future.")})
    return day


def _reports(case: Case, data: dict[str, Any]) -> None:
    if not Melding.objects.filter(case=case).exists():
        raise ValidationError(_("Register at least one nuisance report first."), code="no_reports")


def _intention(case: Case, data: dict[str, Any], decision: str) -> Intention:
    sent_on = parse_date(data.get("intention_sent_on"), "intention_sent_on") or timezone.localdate()
    if sent_on > timezone.localdate():
        raise ValidationError({"intention_sent_on": _("This date cannot lie in the future.")})
    weeks = DEFAULT_VIEW_WEEKS
    if data.get("view_term_weeks") not in (None, ""):
        weeks = parse_positive_int(data["view_term_weeks"], "view_term_weeks", _("Enter at least 1 week."))
    signatory, under_mandate = signatory_of(data, str(SIGNS_INTENTION))
    book = Zwartboek.objects.filter(case=case).order_by("-compiled_on", "-created_at").first()
    actor = engine.applied_step(case).by
    intention = Intention(case=case, data_key_id=case.data_key_id, decision=decision, sent_on=sent_on,
                          view_term_weeks=weeks, view_due_on=term_end(event=sent_on, weeks=weeks, statutory=True),
                          zwartboek=book, signatory=signatory, under_mandate=under_mandate, created_by=actor)
    save_with_reason(intention, reason=f"intention sent ({decision}, view term {weeks} weeks)", user=actor)
    return intention


def _order_intention(case: Case, data: dict[str, Any]) -> None:
    _reports(case, data)
    if not Zwartboek.objects.filter(case=case).exists():
        raise ValidationError(_("Record the zwartboek first: the reports go into the intention only anonymised, "
                                "with the verification of the reporters' identities."), code="no_zwartboek")
    if not Intervention.objects.filter(case=case).exists():
        raise ValidationError(_("A gedragsaanwijzing is a last resort: record the lighter interventions tried (or "
                                "why they are pointless) first."), code="no_interventions")
    _intention(case, data, DecisionKind.ORDER)


def _closure_intention(case: Case, data: dict[str, Any]) -> None:
    _reports(case, data)
    _intention(case, data, DecisionKind.CLOSURE)


def _draft(model: type[BehaviouralOrder] | type[Closure], case: Case, data: dict[str, Any], field: str) -> Any:
    value = data.get(field)
    rows = model.objects.filter(case=case)
    row = (rows.filter(state=DecisionState.DRAFT).order_by("-created_at").first() if value in (None, "")
           else rows.filter(pk=str(getattr(value, "pk", value))).first())
    if row is None:
        raise ValidationError({field: _("Draft the decision and have it approved first.")})
    if row.state != DecisionState.DRAFT:
        raise ValidationError({field: _("This decision was already taken or withdrawn.")})
    return row


def _check_approval(row: BehaviouralOrder | Closure, subject: str, payload: dict[str, Any]) -> None:
    approval = row.approval
    if approval is None or approval.decision != Approval.Decision.APPROVED:
        raise ValidationError(_("The decision needs the approval of a team lead (four eyes) first."),
                              code="not_approved")
    if approval.subject != subject or approval.payload != payload:
        raise ValidationError(_("The decision changed after the approval. Ask for a new approval."),
                              code="approval_stale")


def _check_view_term(case: Case, row: BehaviouralOrder | Closure, decision: str, decided_on: date) -> None:
    """Awb 4:8: the intention was sent and its term for a view has passed, unless the decision is urgent."""
    if row.urgent:
        return
    intention = (Intention.objects.filter(case=case, decision=decision, sent_on__lte=decided_on)
                 .order_by("-sent_on", "-created_at").first())
    if intention is None:
        raise ValidationError(_("Send the intention first (Awb 4:8); only an urgent decision goes without one."),
                              code="no_intention")
    if decided_on <= intention.view_due_on:
        raise ValidationError(_("The term for a view runs until %(day)s: decide after it has passed.")
                              % {"day": intention.view_due_on.strftime("%d-%m-%Y")}, code="view_term_running")
    row.intention = intention


def _impose_order(case: Case, data: dict[str, Any]) -> None:
    order = _draft(BehaviouralOrder, case, data, "order")
    if not order.urgent and case.status != wf.VOORNEMEN:
        raise ValidationError(_("Only an urgent gedragsaanwijzing goes without an intention."), code="no_intention")
    _check_approval(order, ORDER_APPROVAL, order_payload(order))
    decided_on = _decided_on(data)
    order.signatory, order.under_mandate = signatory_of(data, str(SIGNS_DECISION))
    _check_view_term(case, order, DecisionKind.ORDER, decided_on)
    apv = apv_in_force(organisation=case.controller_id, article=order.apv_article.article, on=decided_on)
    if apv is None or apv.pk != order.apv_article_id:
        raise ValidationError({"apv_article": _("The APV text named is not the one in force on the decision date.")})
    check_capacity(apv, order.addressee_capacity)
    check_duration(apv, order.duration_weeks)
    order.state, order.decided_on, order.starts_on = DecisionState.IMPOSED, decided_on, decided_on
    order.ends_on = decided_on + timedelta(weeks=order.duration_weeks)
    save_with_reason(order, reason=f"gedragsaanwijzing imposed (approval {order.approval_id})",
                     user=engine.applied_step(case).by)


def _monitoring(case: Case, data: dict[str, Any]) -> None:
    if case.status == wf.VOORNEMEN or (case.status == wf.INTERVENTIES):
        _impose_order(case, data)
    elif not BehaviouralOrder.objects.filter(case=case, state=DecisionState.IMPOSED).exists():
        raise ValidationError(_("No gedragsaanwijzing is in force."), code="no_order")


def _enforcement(case: Case, data: dict[str, Any]) -> None:
    if not ComplianceCheck.objects.filter(case=case, complied=False, order__state=DecisionState.IMPOSED).exists():
        raise ValidationError(_("Record a check that found the gedragsaanwijzing not complied with first."),
                              code="no_breach")


def _close_dwelling(case: Case, data: dict[str, Any]) -> None:
    closure = _draft(Closure, case, data, "closure")
    if not closure.urgent and case.status != wf.VOORNEMEN_SLUITING:
        raise ValidationError(_("Only an urgent closure goes without an intention."), code="no_intention")
    _check_approval(closure, CLOSURE_APPROVAL, closure_payload(closure))
    decided_on = _decided_on(data)
    closure.signatory, closure.under_mandate = signatory_of(data, str(SIGNS_DECISION))
    _check_view_term(case, closure, DecisionKind.CLOSURE, decided_on)
    closure.state, closure.decided_on, closure.starts_on = DecisionState.IMPOSED, decided_on, decided_on
    closure.ends_on = decided_on + timedelta(weeks=closure.duration_weeks)
    save_with_reason(closure, reason=f"closure imposed (approval {closure.approval_id})",
                     user=engine.applied_step(case).by)


def _closing(case: Case, data: dict[str, Any]) -> None:
    if Forfeiture.objects.filter(case=case, state=Forfeiture.State.OPEN).exists():
        raise ValidationError(_("Settle every open forfeiture (paid, collected, time-barred or waived) first."),
                              code="open_forfeitures")


GUARDS: dict[str, Callable[[Case, dict[str, Any]], None]] = {
    wf.INTERVENTIES: _reports,
    wf.VOORNEMEN: _order_intention,
    wf.VOORNEMEN_SLUITING: _closure_intention,
    wf.GEDRAGSAANWIJZING: _monitoring,
    wf.HANDHAVING: _enforcement,
    wf.SLUITING: _close_dwelling,
    wf.AFGESLOTEN: _closing,
}


def guard_and_apply(case: Case, step: engine.Transition, data: dict[str, Any]) -> None:
    """Check the step's legal preconditions and record what it decides."""
    guard = GUARDS.get(step.target)
    if guard is None or step.reopens:
        return
    guard(case, data)
