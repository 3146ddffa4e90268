"""PGA services: a chain partner reports back on a shared case (docs/adr/0031).

A partner (role with the `report_back` capability) who reads the case through a sharing decision may,
on an agreement owned by its own organisation and only while a decision in force shares the
agreements' category with that organisation:
- report it done with a note (`partner_agreement_done`: the agreement's status becomes done; an update
  of the case, so the caller runs it under `versions.case_update`);
- add a monitoring note (`partner_agreement_note`: a new row, no version).
Each contribution stores the organisation, the sharing decision and its processing activity, is sealed
with the case's data key and recorded in the audit trail under that activity. Everything else is
refused with 403 and an `access_denied` event. The process director marks a contribution seen
(`partner_contribution_review`).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import roles_with
from audit import record
from audit.actions import Action
from audit.history import save_with_reason
from casework import access, bounds
from casework.live_shares import choose_share, require_live_share
from casework.models import SharingDecision, processing_activity_of
from casework.pga.casetype import PGA_CONFERENCES
from casework.pga.models import Agreement, PartnerContribution

DONE, NOTE = PartnerContribution.Kind.DONE, PartnerContribution.Kind.NOTE


def _refuse(actor: User, agreement: Agreement, why: str, message: str) -> None:
    access.record_denial(actor, agreement.case, f"partner_{why}:{PGA_CONFERENCES}")
    raise PermissionDenied(message)


def check_partner(actor: User, agreement: Agreement) -> None:
    """The partner may act on this agreement: reads the case through a share, its own organisation's
    agreement, the case open. Refusals are 403 and recorded (the live share is checked by the caller)."""
    case = agreement.case
    case_access = access.require(actor, access.VIEW, case)  # 403 recorded for who cannot read the case at all
    if actor.role not in roles_with("report_back") or case_access.via != "share":
        _refuse(actor, agreement, "role", _("Only a chain partner reports back on a shared case."))
    if agreement.owner_organisation_id != actor.organisation_id:
        _refuse(actor, agreement, "other_organisation", _("This agreement belongs to another organisation."))
    if case.is_closed:
        raise PermissionDenied(_("This case is closed and read-only. Reopen it first."))


def _text_errors(text: str) -> dict[str, str]:
    if not text.strip():
        return {"text": _("Write a note for the process director.")}
    return bounds.lengths({"text": text}, bounds.SHORT_TEXT)


def partner_shares(actor: User, agreement: Agreement, kind: str) -> list[SharingDecision]:
    """Every check before a contribution (403 recorded): `check_partner`, then the live decisions that share
    the agreements' category with the partner's organisation."""
    check_partner(actor, agreement)
    return require_live_share(actor, agreement.case, PGA_CONFERENCES, action=f"partner_{kind}")


def _contribute(*, actor: User, agreement: Agreement, kind: str, text: str, processing_activity: str,
                reason: str, shares: list[SharingDecision] | None = None) -> PartnerContribution:
    shares = shares if shares is not None else partner_shares(actor, agreement, kind)
    bounds.raise_errors(_text_errors(text))
    share = choose_share(shares, processing_activity)
    case = agreement.case
    row = PartnerContribution(
        case=case, data_key_id=case.data_key_id, agreement=agreement, kind=kind, text=text.strip(),
        organisation_id=share.partner_id, sharing_decision=share,
        processing_activity=share.processing_activity, written_by=actor,
    )
    save_with_reason(row, user=actor, reason=(
        f"{reason} category:{PGA_CONFERENCES} organisation:{actor.organisation_id} share:{share.pk}"))
    return row


@transaction.atomic
def partner_agreement_done(*, actor: User, agreement: Agreement, text: str,
                           processing_activity: str = "") -> PartnerContribution:
    """The partner reports its agreement done with a note; the agreement's status becomes done."""
    shares = partner_shares(actor, agreement, DONE)
    if agreement.status == Agreement.Status.DONE:
        raise ValidationError({"text": _("This agreement is already done.")})
    row = _contribute(actor=actor, agreement=agreement, kind=DONE, text=text, shares=shares,
                      processing_activity=processing_activity, reason="partner reported agreement done")
    agreement.status = Agreement.Status.DONE
    save_with_reason(agreement, reason=f"agreement status done (partner report {row.pk})", user=actor)
    return row


@transaction.atomic
def partner_agreement_note(*, actor: User, agreement: Agreement, text: str,
                           processing_activity: str = "") -> PartnerContribution:
    """The partner adds a monitoring note on its agreement."""
    return _contribute(actor=actor, agreement=agreement, kind=NOTE, text=text,
                       processing_activity=processing_activity, reason="partner monitoring note")


@transaction.atomic
def partner_contribution_review(*, actor: User, contribution: PartnerContribution) -> PartnerContribution:
    """The process director (who may change the case) marks a partner's contribution seen."""
    access.require(actor, access.CHANGE, contribution.case)
    if contribution.reviewed_at is not None:
        raise ValidationError(_("This contribution was already marked as seen."))
    contribution.reviewed_at, contribution.reviewed_by = timezone.now(), actor
    save_with_reason(contribution, reason="partner contribution seen", user=actor)
    record(action=Action.REVIEW, processing_activity=processing_activity_of(contribution.case),
           object_type="pga.PartnerContribution", object_id=contribution.pk, case_id=contribution.case_id,
           subject_id=contribution.case.person_id, actor=actor,
           reason=f"category:{PGA_CONFERENCES} organisation:{contribution.organisation_id}")
    return contribution
