"""The legal preconditions of Damocles steps and the data they put on the case details.

`guard_and_apply` runs inside `casework.workflow.transition` (through the workflow's `apply`
hook), after the step row was written and before the status changes: a ValidationError here rolls
the whole transition back. The transition table itself (who, from where to where) stays in
casework/damocles/workflow.py; this module holds the rules that need data:

- waarschuwing / voornemen_verzonden need a recorded assessment choosing that sanction;
- voornemen_verzonden sets the view term (Awb 4:8; the municipality sets its length) and records who
  signs the intention letter and whether in mandate (the decision's rule: casework/letters/clauses.py);
- spoedeisende_sluiting (Awb 5:31) needs the reason for urgency (Awb 4:11 sub a);
- besluit needs an approved four-eyes approval ("damocles.besluit") and records the signatory and
  whether they sign in mandate;
- bekendgemaakt needs an announcement of the decision to at least one addressee;
- sluiting_uitgevoerd needs the sealing date, sets the Wkpb due date and the closure's end, and is
  refused while a judge has suspended the decision (Awb 8:81) and before the compliance term has
  ended for every addressee (casework/remedies/terms.py) — except an urgent closure without a written
  decision yet (Awb 5:31; art. 174a lid 4 Gemeentewet), which is recorded as urgent enforcement with
  its reasons; the written decision that follows (besluit) ends that follow-up deadline;
- afgesloten after an urgent closure needs the written decision, announced (Awb 5:31 lid 2).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.history import save_with_reason
from casework import workflow as engine
from casework.approvals import approval_request, is_approved
from casework.damocles import workflow as wf
from casework.damocles.models import DamoclesCase, Sanction
from casework.damocles.services.assessment import require_handhaver
from casework.damocles.services.tracks import decision_of, decision_suspended
from casework.deadlines import term_end, wkpb_deadline
from casework.models import Approval, Case
from casework.remedies import terms
from casework.remedies.models import Announcement
from casework.values import parse_date
from casework.workflow import Transition

# What the urgent enforcement record says was done when an urgent closure is carried out (`_record_urgent`).
URGENT_MEASURE = "closure (art. 13b Opiumwet)"

APPROVAL_SUBJECT = wf.APPROVAL_SUBJECT


def _int(value: Any, field: str, *, minimum: int = 0) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValidationError({field: _("Enter a whole number.")}) from None
    if number < minimum:
        raise ValidationError({field: _("Enter at least %(min)s.") % {"min": minimum}})
    return number


def _require_assessment(details: DamoclesCase, sanction: str) -> None:
    if not details.chosen_sanction:
        raise ValidationError(_("Record the assessment (policy proposal and proportionality test) first."),
                              code="no_assessment")
    if details.chosen_sanction != sanction:
        raise ValidationError(
            _("The recorded assessment chose “%(chosen)s”; this step needs “%(needed)s”.")
            % {"chosen": Sanction(details.chosen_sanction).label, "needed": Sanction(sanction).label},
            code="other_sanction",
        )


def decision_announced(details: DamoclesCase) -> bool:
    """The written decision was announced to at least one addressee (on or after the decision date)."""
    if details.decided_on is None:
        return False
    return Announcement.objects.filter(case_id=details.case_id, announced_on__gte=details.decided_on).exists()


def _warning(details: DamoclesCase, data: dict[str, Any]) -> None:
    _require_assessment(details, Sanction.WARNING)


def _intention(details: DamoclesCase, data: dict[str, Any]) -> None:
    """The view term is the municipality's (Awb 4:8 sets none). It is still computed with the Atw,
    so it never ends on a weekend or holiday: a citizen who reads "within two weeks" must not lose
    a day to a Sunday, and the extension only ever gives more time.
    """
    _require_assessment(details, Sanction.CLOSURE)
    sent_on = parse_date(data.get("intention_sent_on"), "intention_sent_on") or timezone.localdate()
    weeks = _int(data.get("view_term_weeks"), "view_term_weeks", minimum=1) or details.view_term_weeks
    details.intention_sent_on, details.view_term_weeks = sent_on, weeks
    details.view_due_on = term_end(event=sent_on, weeks=weeks, statutory=True)
    details.intention_signatory, details.intention_under_mandate = _signatory(
        data, _("Record who signs the intention letter (the mayor or in mandate)."))


def _signatory(data: dict[str, Any], missing: str) -> tuple[str, bool]:
    """(signatory, under mandate) of a letter-bearing step: the name is required; "namens deze" only
    when the box says mandate (casework/letters/clauses.py `signature`)."""
    signatory = str(data.get("signatory") or "").strip()
    if not signatory:
        raise ValidationError({"signatory": missing})
    return signatory, data.get("under_mandate") in (True, "true", "True", "on", "1", 1)


def _urgent(details: DamoclesCase, data: dict[str, Any]) -> None:
    reason = str(data.get("urgency_reason") or "").strip()
    if not reason:
        raise ValidationError({"urgency_reason": _("State why the closure is urgent (Awb 4:11 sub a).")})
    details.urgent, details.urgency_reason = True, reason


def _approved(case: Case) -> Approval:
    approval = (Approval.objects.filter(case=case, subject=APPROVAL_SUBJECT, decision=Approval.Decision.APPROVED)
                .order_by("-decided_at").first())
    if approval is None or not is_approved(case=case, subject=APPROVAL_SUBJECT):
        raise ValidationError(_("The decision needs the approval of a team lead (four eyes) first."),
                              code="not_approved")
    return approval


def _decision(details: DamoclesCase, data: dict[str, Any]) -> None:
    _require_assessment(details, Sanction.CLOSURE)
    approval = _approved(details.case)
    payload = approval.payload or {}
    if payload.get("chosen_days") not in (None, details.chosen_days):
        raise ValidationError(_("The closure duration changed after the approval. Ask for a new approval."),
                              code="approval_stale")
    signatory, under_mandate = _signatory(data, _("Record who signs the decision (the mayor or in mandate)."))
    compliance = _int(data.get("compliance_term_days"), "compliance_term_days")
    if compliance is None:
        raise ValidationError({"compliance_term_days": _("Enter the compliance term in days (0 for none).")})
    details.approval, details.signatory, details.compliance_term_days = approval, signatory, compliance
    details.under_mandate = under_mandate
    details.decided_on = parse_date(data.get("decided_on"), "decided_on") or timezone.localdate()
    details.deciding_authority = str(data.get("deciding_authority") or "").strip() or "burgemeester"
    if details.urgent:  # the written decision after the urgent closure (Awb 5:31 lid 2)
        terms.urgent_enforcement_followed(actor=engine.applied_step(details.case).by,
                                          decision=decision_of(details.case), decided_on=details.decided_on)


def _announced(details: DamoclesCase, data: dict[str, Any]) -> None:
    if not decision_announced(details):
        raise ValidationError(_("Register the announcement of the decision to at least one addressee first."),
                              code="not_announced")


def _sealed(details: DamoclesCase, data: dict[str, Any]) -> None:
    if decision_suspended(details.case):
        raise ValidationError(_("The judge suspended the decision: the closure cannot be carried out."),
                              code="suspended")
    _require_assessment(details, Sanction.CLOSURE)
    sealed_on = cast(date, parse_date(data.get("sealed_on"), "sealed_on", required=True))
    urgent = details.urgent and details.decided_on is None  # an urgent closure, no written decision yet
    terms.refuse_before_compliance_end(decision=decision_of(details.case), on=sealed_on, what=_("The sealing"),
                                       urgent=urgent, field="sealed_on")
    if urgent:
        _record_urgent(details, sealed_on)
    details.sealed_on = sealed_on
    details.order_posted = bool(data.get("order_posted", details.order_posted))
    details.wkpb_due_on = wkpb_deadline(effective_on=sealed_on)
    details.closure_ends_on = sealed_on + timedelta(days=cast(int, details.chosen_days))


def _record_urgent(details: DamoclesCase, sealed_on: date) -> None:
    """The urgent closure, carried out: the reasons recorded at the urgent step, and the written decision due."""
    now = timezone.now()
    acted_at = now if sealed_on == timezone.localdate(now) else timezone.make_aware(
        datetime.combine(sealed_on, time.min))
    terms.urgent_enforcement_record(
        actor=engine.applied_step(details.case).by, authorise=require_handhaver, decision=decision_of(details.case),
        acted_at=acted_at, what=URGENT_MEASURE, reasons=details.urgency_reason or "",
    )


def _changed(details: DamoclesCase, data: dict[str, Any]) -> None:
    ends_on = parse_date(data.get("closure_ends_on"), "closure_ends_on")
    if ends_on is not None:
        details.closure_ends_on = ends_on


def _reopened(details: DamoclesCase, data: dict[str, Any]) -> None:
    details.reopened_on = parse_date(data.get("reopened_on"), "reopened_on") or timezone.localdate()


def _costs(details: DamoclesCase, data: dict[str, Any]) -> None:
    if data.get("costs_recovered") in (None, ""):
        return
    try:
        details.costs_recovered = Decimal(str(data["costs_recovered"]))
    except InvalidOperation:
        raise ValidationError({"costs_recovered": _("Enter an amount in euros.")}) from None


def _closing(details: DamoclesCase, data: dict[str, Any]) -> None:
    if details.urgent and not decision_announced(details):
        raise ValidationError(
            _("After an urgent closure the written decision must follow and be announced before the "
              "procedure can be closed (Awb 5:31 lid 2)."),
            code="urgent_without_decision",
        )


GUARDS: dict[str, Callable[[DamoclesCase, dict[str, Any]], None]] = {
    wf.WAARSCHUWING: _warning,
    wf.VOORNEMEN_VERZONDEN: _intention,
    wf.SPOEDEISENDE_SLUITING: _urgent,
    wf.BESLUIT: _decision,
    wf.BEKENDGEMAAKT: _announced,
    wf.SLUITING_UITGEVOERD: _sealed,
    wf.OPHEFFING_WIJZIGING: _changed,
    wf.PAND_HEROPEND: _reopened,
    wf.KOSTENVERHAAL: _costs,
    wf.AFGESLOTEN: _closing,
}
# Guards that only check: the details do not change, so no history row is written.
CHECK_ONLY = frozenset({wf.WAARSCHUWING, wf.BEKENDGEMAAKT, wf.AFGESLOTEN})


def guard_and_apply(case: Case, step: Transition, data: dict[str, Any]) -> None:
    """Check the step's legal preconditions and copy its data onto the Damocles details."""
    guard = GUARDS.get(step.target)
    if guard is None:
        return
    details = DamoclesCase.objects.select_related("case", "premises").get(case_id=case.pk)
    guard(details, data)
    applied = engine.applied_step(case)
    counted = mark_decisive(details, step.target, applied.at)
    if step.target in CHECK_ONLY and not counted:
        return
    save_with_reason(details, reason=f"step {step.source} -> {step.target}", user=applied.by)


def mark_decisive(details: DamoclesCase, target: str, at: datetime) -> bool:
    """Keep on the details what the figures count by (ADR 0052): the local date of the first step into
    a warning, decision or urgent closure, and that a warning was given. True if anything changed."""
    changed = False
    if target in wf.DECISIVE_STATES and details.decisive_step_on is None:
        details.decisive_step_on = timezone.localdate(at)
        changed = True
    if target == wf.WAARSCHUWING and not details.warned:
        details.warned = True
        changed = True
    return changed


DECISION_SOURCES, SEALED_STATES = wf.DECISION_SOURCES, wf.SEALED_STATES


@transaction.atomic
def decision_approval_request(*, actor: User, case: Case) -> Approval:
    """Ask for the four-eyes approval of a closure decision (the requester can never approve it)."""
    require_handhaver(actor, case)
    details: DamoclesCase = case.damocles
    if case.status not in DECISION_SOURCES:
        raise ValidationError(_("Approval of the decision can be asked for once the intention was sent."),
                              code="state")
    if details.chosen_sanction != Sanction.CLOSURE:
        raise ValidationError(_("Record an assessment that chooses a closure first."), code="no_assessment")
    return approval_request(case=case, subject=APPROVAL_SUBJECT, requested_by=actor,
                            payload={"chosen_sanction": details.chosen_sanction,
                                     "chosen_days": details.chosen_days})


@transaction.atomic
def closure_registration_record(
    *, actor: User, case: Case, order_posted: bool, wkpb_registered_on: date | None,
) -> DamoclesCase:
    """Record that the closure order is posted and when the closure was registered (Wkpb)."""
    require_handhaver(actor, case)
    details: DamoclesCase = case.damocles
    if case.status not in SEALED_STATES or details.sealed_on is None:
        raise ValidationError(_("Record the sealing (status “Closure carried out”) first."), code="state")
    if wkpb_registered_on is not None and wkpb_registered_on < details.sealed_on:
        raise ValidationError({"wkpb_registered_on": _("The registration cannot precede the sealing.")})
    if wkpb_registered_on is not None and wkpb_registered_on > timezone.localdate():  # a record of what was done
        raise ValidationError({"wkpb_registered_on": _("This date cannot lie in the future.")})
    details.order_posted = bool(order_posted)
    details.wkpb_registered_on = wkpb_registered_on
    save_with_reason(details, reason=f"closure registration (order_posted={details.order_posted}, "
                                     f"wkpb={'yes' if wkpb_registered_on else 'no'})", user=actor)
    return details
