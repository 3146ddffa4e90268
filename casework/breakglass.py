"""Break-the-glass: emergency read access to a case one cannot otherwise see.

A user with the capability states a reason and gets read access for 4 hours. The event is
flagged (action `break_glass`) so privacy officers review every use.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit import record
from audit.actions import Action
from casework import access, bounds
from casework.models import BreakGlassGrant, Case, processing_activity_of

GRANT_DURATION = timedelta(hours=4)
MIN_REASON_LENGTH = 10


@transaction.atomic
def break_glass_open(*, user, case: Case, reason: str) -> BreakGlassGrant:
    if not access.can_break_glass(user, case):
        access.record_denial(user, case, "break_glass")
        raise PermissionDenied(
            _("Emergency access is only for your own organisation's cases and roles with that capability.")
        )
    if access.case_access(user, case):
        raise ValidationError(_("You already have access to this case."))
    bounds.raise_errors(bounds.lengths({"reason": reason}, bounds.SHORT_TEXT))
    if len(reason.strip()) < MIN_REASON_LENGTH:
        raise ValidationError({"reason": _("Describe the emergency that requires access (at least 10 characters).")})
    now = timezone.now()
    grant = BreakGlassGrant.objects.create(
        case=case, data_key_id=case.data_key_id, user=user, reason=reason.strip(), granted_at=now,
        expires_at=now + GRANT_DURATION,
    )
    record(
        action=Action.BREAK_GLASS, processing_activity=processing_activity_of(case), object_type="casework.Case",
        object_id=case.pk, case_id=case.pk, subject_id=case.person_id, reason=f"grant:{grant.pk}", actor=user,
    )
    return grant
