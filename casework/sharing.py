"""Sharing decisions (gegevensdeling): create, revoke, expire — each an audit event.

"Informeer, motiveer, documenteer": a decision names the partner, the categories of data, the
processing activity (which carries the legal basis), the purpose, a written weighing of
proportionality and subsidiarity, and an end date. Access follows from the row itself
(casework.access), so revocation ends access at once and an expired decision needs no clean-up;
`expire_shares` only records that expiry in the audit trail.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation
from audit import record
from audit.actions import Action
from audit.activities import CHAIN_SHARING, KNOWN_ACTIVITIES
from audit.history import save_with_reason
from audit.models import ProcessingActivity
from casework import access, bounds
from casework import categories as case_categories
from casework.categories import METADATA
from casework.models import Case, SharingDecision


def record_share_event(action: str, share: SharingDecision, actor) -> None:
    """The audit event of a sharing decision (also used by casework/links.py for a referral's share)."""
    record(
        action=action, processing_activity=CHAIN_SHARING, object_type="casework.SharingDecision",
        object_id=share.pk, case_id=share.case_id, subject_id=share.case.person_id,
        reason=f"partner:{share.partner_id} categories:{','.join(share.categories)}", actor=actor,
    )


def validate_share(*, case: Case, partner: Organisation, categories: list[str], processing_activity: str,
                   purpose: str, weighing: str, starts_on: date, ends_on: date,
                   shielded_weighing: str = "") -> list[str]:
    """The rules every sharing decision meets (also a referral's); returns the categories.

    A category of shielded parties (melders, sources) is never shared by default: it needs a
    weighing of its own (`shielded_weighing`), on top of the decision's weighing.
    """
    errors: dict[str, str] = {}
    allowed = case_categories.for_case_type(case.case_type)
    chosen = [c for c in dict.fromkeys(categories) if c]
    if not chosen or any(c not in allowed for c in chosen):
        errors["categories"] = _("Choose one or more categories of data that exist for this case type.")
    if partner.pk == case.controller_id:
        errors["partner"] = _("The controller's own organisation needs no sharing decision.")
    if processing_activity not in KNOWN_ACTIVITIES:
        errors["processing_activity"] = _("Choose a processing activity from the register.")
    if not purpose.strip():
        errors["purpose"] = _("State the purpose of sharing.")
    if len(weighing.strip()) < 20:
        errors["weighing"] = _("Write down the weighing of proportionality and subsidiarity (at least a sentence).")
    if any(case_categories.is_shielded(c) for c in chosen) and len((shielded_weighing or "").strip()) < 20:
        errors["shielded_weighing"] = _("Sharing who reported or gave a signal needs a weighing of its own: why must "
                                        "this partner know the source (at least a sentence)?")
    if ends_on < timezone.localdate():
        errors["ends_on"] = _("The end date lies in the past.")
    for field, message in {**bounds.share_period(starts_on, ends_on),
                           **bounds.lengths({"purpose": purpose, "weighing": weighing,
                                             "shielded_weighing": shielded_weighing}, bounds.SHORT_TEXT)}.items():
        errors.setdefault(field, message)
    if errors:
        raise ValidationError(errors)
    return [METADATA, *[c for c in chosen if c != METADATA]]


@transaction.atomic
def share_create(*, actor, case: Case, partner: Organisation, categories: list[str], processing_activity: str,
                 purpose: str, weighing: str, ends_on: date, starts_on: date | None = None,
                 shielded_weighing: str = "") -> SharingDecision:
    """A sharing decision on `case` by someone who may share it (403 and a recorded refusal otherwise)."""
    access.require(actor, access.SHARE, case)
    return share_record(actor=actor, case=case, partner=partner, categories=categories,
                        processing_activity=processing_activity, purpose=purpose, weighing=weighing,
                        ends_on=ends_on, starts_on=starts_on, shielded_weighing=shielded_weighing)


@transaction.atomic
def share_record(
    *,
    actor,
    case: Case,
    partner: Organisation,
    categories: list[str],
    processing_activity: str,
    purpose: str,
    weighing: str,
    ends_on: date,
    starts_on: date | None = None,
    shielded_weighing: str = "",
    history_reason: str = "sharing decision",
) -> SharingDecision:
    """The write of a sharing decision: its rules (`validate_share`), the row and the audit event. Callers
    check the actor's right first: `share_create`, or a service that creates `case` for the decision
    in the same transaction (a care offer's new PGA case, which its author cannot open)."""
    starts_on = starts_on or timezone.localdate()
    categories = validate_share(case=case, partner=partner, categories=categories,
                                processing_activity=processing_activity, purpose=purpose, weighing=weighing,
                                starts_on=starts_on, ends_on=ends_on, shielded_weighing=shielded_weighing)
    activity = ProcessingActivity.objects.filter(code=processing_activity).first()
    share = SharingDecision(
        case=case, data_key_id=case.data_key_id, partner=partner, categories=categories,
        processing_activity=processing_activity, legal_basis=activity.legal_basis[:300] if activity else "",
        purpose=purpose.strip(), weighing=weighing.strip(), starts_on=starts_on, ends_on=ends_on,
        shielded_weighing=(shielded_weighing or "").strip() or None, decided_by=actor, decided_at=timezone.now(),
    )
    save_with_reason(share, reason=history_reason, user=actor)
    record_share_event(Action.SHARE, share, actor)
    return share


@transaction.atomic
def share_revoke(*, actor, share: SharingDecision, reason: str) -> SharingDecision:
    access.require(actor, access.SHARE, share.case)
    if share.revoked_at is not None:
        raise ValidationError(_("This sharing decision was already revoked."))
    if not reason.strip():
        raise ValidationError({"reason": _("State why the sharing is revoked.")})
    bounds.raise_errors(bounds.lengths({"reason": reason}, bounds.SHORT_TEXT))
    share.revoked_at, share.revoked_by, share.revoke_reason = timezone.now(), actor, reason.strip()
    save_with_reason(share, reason="sharing revoked", user=actor)
    record_share_event(Action.SHARE_REVOKED, share, actor)
    return share


def expire_shares(*, today: date | None = None) -> int:
    """Record an expiry event once for every decision whose end date has passed."""
    today = today or timezone.localdate()
    expired = SharingDecision.objects.filter(
        ends_on__lt=today, revoked_at__isnull=True, expiry_recorded_at__isnull=True,
    ).select_related("case")
    count = 0
    for share in expired:
        with transaction.atomic():
            record_share_event(Action.SHARE_EXPIRED, share, None)
            share.expiry_recorded_at = timezone.now()
            save_with_reason(share, reason="sharing expired")
        count += 1
    return count
