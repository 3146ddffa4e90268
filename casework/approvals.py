"""Four-eyes approval for decisions with legal effect (closure order, penalty order, destruction).

The approver must be another user than the requester, hold the team lead role and belong to the
case's controlling organisation. Case types ask for an approval before their transition and
check `is_approved` when taking it.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import roles_with
from audit import record
from audit.actions import Action
from casework import access, bounds
from casework.models import Approval, Case, processing_activity_of
from casework.notifications.kinds import Kind
from casework.notifications.services import notify


def approvers_of(case: Case) -> list[User]:
    """The active users who may decide an approval of `case`: the controller's team leads."""
    return list(User.objects.filter(organisation_id=case.controller_id, is_active=True,
                                    groups__name__in=roles_with("approve_decisions")).distinct())


def approval_request(*, case: Case, subject: str, requested_by, payload: dict[str, Any] | None = None) -> Approval:
    access.require(requested_by, access.CHANGE, case)
    if Approval.objects.filter(case=case, subject=subject, decision=Approval.Decision.PENDING).exists():
        raise ValidationError(_("An approval for this decision is already pending."))
    approval = Approval.objects.create(
        case=case, data_key_id=case.data_key_id, subject=subject, payload=payload or {},
        requested_by=requested_by, requested_at=timezone.now(),
    )
    notify(Kind.APPROVAL_REQUESTED, case=case, recipients=approvers_of(case), actor=requested_by)
    return approval


@transaction.atomic
def approval_decide(*, approval: Approval, approver, approve: bool, reason: str) -> Approval:
    # Lock the row: two team leads deciding at once must not both succeed.
    approval = Approval.objects.select_for_update().select_related("case").get(pk=approval.pk)
    if approval.decision != Approval.Decision.PENDING:
        raise ValidationError(_("This approval has already been decided."))
    if approver.pk == approval.requested_by_id:
        access.record_denial(approver, approval.case, access.APPROVE)
        raise PermissionDenied(_("Four eyes: you cannot approve your own request."))
    if approver.role not in roles_with("approve_decisions"):
        access.record_denial(approver, approval.case, access.APPROVE)
        raise PermissionDenied(_("Only a team lead can approve this decision."))
    access.require(approver, access.APPROVE, approval.case)
    if not approve and not reason.strip():
        raise ValidationError({"reason": _("State why the request is rejected.")})
    bounds.raise_errors(bounds.lengths({"reason": reason}, bounds.SHORT_TEXT))
    approval.decision = Approval.Decision.APPROVED if approve else Approval.Decision.REJECTED
    approval.decided_by, approval.decided_at, approval.reason = approver, timezone.now(), reason.strip() or None
    approval.save()
    record(
        action=Action.APPROVE, processing_activity=processing_activity_of(approval.case),
        object_type="casework.Approval", object_id=approval.pk, case_id=approval.case_id,
        subject_id=approval.case.person_id, reason=f"{approval.subject}:{approval.decision}", actor=approver,
    )
    notify(Kind.APPROVAL_DECIDED, case=approval.case, recipients=[approval.requested_by], actor=approver)
    return approval


def is_approved(*, case: Case, subject: str) -> bool:
    return Approval.objects.filter(case=case, subject=subject, decision=Approval.Decision.APPROVED).exists()
