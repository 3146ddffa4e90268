"""Two small Damocles services the web UI needed and the service modules do not (yet) offer.

- `decision_approval_request`: a handhaver asks a team lead to approve the decision (four eyes,
  casework/approvals.py), with the chosen duration in the payload so the `besluit` guard
  (decisions.py) can refuse when the duration changed after the approval;
- `closure_registration_record`: after the sealing, the order posted on the building and the
  registration in the Wkpb register (Wkpb art. 5: within 4 days; decisions.py sets the due date).

Kept apart from the other engineers' modules so either can move into them unchanged.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from audit.history import save_with_reason
from casework.approvals import approval_request
from casework.damocles import workflow as wf
from casework.damocles.assessment import require_handhaver
from casework.damocles.decisions import APPROVAL_SUBJECT
from casework.damocles.models import DamoclesCase, Sanction
from casework.models import Approval, Case

# States from which the decision (besluit) can be taken: the approval is asked for there.
DECISION_SOURCES = frozenset({
    wf.VOORNEMEN_VERZONDEN, wf.ZIENSWIJZE_ONTVANGEN, wf.HOORGESPREK, wf.SPOEDEISENDE_SLUITING,
    wf.SLUITING_UITGEVOERD,
})
SEALED_STATES = frozenset({wf.SLUITING_UITGEVOERD, wf.OPHEFFING_WIJZIGING, wf.SLUITING_BEEINDIGD})


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
    details.order_posted = bool(order_posted)
    details.wkpb_registered_on = wkpb_registered_on
    save_with_reason(details, reason=f"closure registration (order_posted={details.order_posted}, "
                                     f"wkpb={'yes' if wkpb_registered_on else 'no'})", user=actor)
    return details
