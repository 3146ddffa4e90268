"""The assessment (beoordeling): the policy's proposal, the officer's choice, the proportionality test.

Since RvS 2022 (ECLI:NL:RVS:2022:285) every closure passes a three-step test — suitable,
necessary, balanced (geschikt, noodzakelijk, evenwichtig) — recorded as three separate fields,
always. The officer may deviate from the policy (another sanction or another duration) only with
written reasons; when the policy gives no automatic proposal (GHB, lid 1 sub b) the choice itself
is a deviation and needs reasons. A dwelling is closed at most one year.
The free text is encrypted; the history and audit reason is structured.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from accounts.roles import HANDHAVER
from audit.history import save_with_reason
from casework import access, bounds
from casework.damocles import workflow as wf
from casework.damocles.casetype import CASE_TYPE
from casework.damocles.models import DamoclesCase, PremisesKind, Sanction
from casework.damocles.policy import Proposal, propose_sanction
from casework.models import Case

MAX_DWELLING_CLOSURE_DAYS = 365
ASSESSABLE_STATES = wf.ASSESSABLE_STATES


def require_handhaver(actor: User, case: Case, action: str = access.CHANGE) -> None:
    """Access to the case (403 + event otherwise), and the enforcement officer's role."""
    if case.case_type != CASE_TYPE:
        raise ValidationError(_("This is not a Damocles procedure."))
    access.require(actor, action, case)
    if actor.role != HANDHAVER:
        access.record_denial(actor, case, action)
        raise PermissionDenied(_("Only an enforcement officer may do this."))


def is_deviation(proposal: Proposal, chosen_sanction: str, chosen_days: int | None) -> bool:
    if chosen_sanction != proposal.sanction:
        return True
    return chosen_sanction == Sanction.CLOSURE and chosen_days != proposal.days


def sanction_text(sanction: str, days: int | None) -> str:
    """A sanction in words: "closure, 91 days", "warning"."""
    if sanction == Sanction.CLOSURE and days:
        return ngettext("closure, %(days)s day", "closure, %(days)s days", days) % {"days": days}
    if sanction == Sanction.CLOSURE:
        return _("closure")
    if sanction == Sanction.WARNING:
        return _("warning")
    return _("no automatic proposal")


def deviation_message(proposal: Proposal, chosen_sanction: str, chosen_days: int | None) -> str:
    """Why reasons are asked: the choice against the proposal, both in words."""
    if proposal.sanction == Sanction.NONE:
        return _("The policy gives no automatic proposal: state the reasons for your choice in writing.")
    return _("Your choice (%(choice)s) differs from the policy's proposal (%(proposal)s): state your reasons "
             "for deviating in writing, or choose the proposal.") % {
        "choice": sanction_text(chosen_sanction, chosen_days), "proposal": sanction_text(proposal.sanction,
                                                                                         proposal.days)}


def _validate_choice(details: DamoclesCase, chosen_sanction: str, chosen_days: int | None) -> dict[str, str]:
    errors: dict[str, str] = {}
    if chosen_sanction not in (Sanction.WARNING, Sanction.CLOSURE):
        errors["chosen_sanction"] = _("Choose a warning or a closure.")
    elif chosen_sanction == Sanction.CLOSURE:
        if not chosen_days or chosen_days <= 0:
            errors["chosen_days"] = _("Enter the duration of the closure in days.")
        elif details.premises.kind == PremisesKind.WONING and chosen_days > MAX_DWELLING_CLOSURE_DAYS:
            errors["chosen_days"] = _("A dwelling is closed for at most one year (365 days).")
    elif chosen_days:
        errors["chosen_days"] = _("A warning has no closure duration.")
    return errors


@transaction.atomic
def assessment_record(
    *,
    actor: User,
    case: Case,
    chosen_sanction: str,
    chosen_days: int | None = None,
    geschikt: str,
    noodzakelijk: str,
    evenwichtig: str,
    deviation_reasons: str = "",
) -> DamoclesCase:
    """Store the policy's proposal (version, offence number, proposed sanction) and the officer's choice."""
    require_handhaver(actor, case)
    if case.status not in ASSESSABLE_STATES:
        raise ValidationError(_("The assessment can only be recorded before the decision."), code="state")
    details = case.damocles
    errors = _validate_choice(details, chosen_sanction, chosen_days)
    tests = {"geschikt": geschikt, "noodzakelijk": noodzakelijk, "evenwichtig": evenwichtig}
    for name, text in tests.items():
        if not (text or "").strip():
            errors[name] = _("Record this step of the proportionality test.")
    errors.update(bounds.lengths({**tests, "deviation_reasons": deviation_reasons}, bounds.LONG_TEXT))
    if errors:
        raise ValidationError(errors)
    proposal = propose_sanction(case=case)
    chosen_days = chosen_days if chosen_sanction == Sanction.CLOSURE else None
    deviates = is_deviation(proposal, chosen_sanction, chosen_days)
    if deviates and not (deviation_reasons or "").strip():
        raise ValidationError({"deviation_reasons": deviation_message(proposal, chosen_sanction, chosen_days)})
    details.policy_version = proposal.policy_version
    details.offence_number = proposal.offence_number
    details.proposed_sanction = proposal.sanction
    details.proposed_days = proposal.days
    details.chosen_sanction, details.chosen_days = chosen_sanction, chosen_days
    details.geschikt, details.noodzakelijk, details.evenwichtig = (text.strip() for text in tests.values())
    details.deviation_reasons = (deviation_reasons or "").strip() or None
    reason = (f"assessment recorded (policy {proposal.policy_version.pk}, offence {proposal.offence_number}, "
              f"{chosen_sanction}{' deviating' if deviates else ''})")
    save_with_reason(details, reason=reason, user=actor)
    return details
