"""The live sharing decisions of a partner organisation for one case and one category.

A partner contributes to a shared case (reports an agreement done, adds a monitoring note, uploads a
document) only within a category that a sharing decision in force today names for the partner's
organisation; the contribution records the processing activity of that decision, under which the
partner supplies it (docs/adr/0031-partner-contributions-under-the-live-share.md). These selectors
are the one place that answers "which decision lets this organisation act on this part of this case
now"; casework/access.py decides reads, this module the partner's writes. They know no case type.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from casework import access
from casework.models import Case, SharingDecision


def live_shares(*, organisation_id: Any, case: Case, category: str, today: date | None = None) -> list[SharingDecision]:
    """The decisions in force `today` that share `category` of `case` with the organisation, newest first
    (one query; not revoked, started, not ended)."""
    today = today or timezone.localdate()
    shares = SharingDecision.objects.filter(
        case=case, partner_id=organisation_id, starts_on__lte=today, ends_on__gte=today, revoked_at__isnull=True,
    ).order_by("-decided_at")
    return [share for share in shares if category in share.categories]


def live_share(*, organisation_id: Any, case: Case, category: str, today: date | None = None) -> SharingDecision | None:
    """The newest decision in force that shares `category` of `case` with the organisation, or None."""
    found = live_shares(organisation_id=organisation_id, case=case, category=category, today=today)
    return found[0] if found else None


def activities_of(shares: list[SharingDecision]) -> list[str]:
    """The distinct processing activities of these decisions (in their order)."""
    return list(dict.fromkeys(share.processing_activity for share in shares))


def require_live_share(user: Any, case: Case, category: str, *, action: str) -> list[SharingDecision]:
    """The live decisions that let `user`'s organisation act on `category` of `case`; else 403 and an
    `access_denied` event naming `action` and the category (no decision, ended, revoked, other category)."""
    shares = live_shares(organisation_id=user.organisation_id, case=case, category=category) \
        if getattr(user, "organisation_id", None) else []
    if not shares:
        access.record_denial(user, case, f"{action}:{category}")
        raise PermissionDenied(_("Your organisation has no sharing decision in force for this part of the case."))
    return shares


def choose_share(shares: list[SharingDecision], processing_activity: str = "") -> SharingDecision:
    """The decision a contribution is supplied under: the one of the chosen processing activity, or, when the
    live decisions name only one activity, that one. Several activities and no choice: a field error."""
    activities = activities_of(shares)
    if not processing_activity:
        if len(activities) > 1:
            raise ValidationError({"processing_activity": _(
                "Choose the processing activity under which your organisation supplies this.")})
        processing_activity = activities[0]
    chosen = next((share for share in shares if share.processing_activity == processing_activity), None)
    if chosen is None:
        raise ValidationError({"processing_activity": _(
            "Choose a processing activity of a sharing decision in force for your organisation.")})
    return chosen
