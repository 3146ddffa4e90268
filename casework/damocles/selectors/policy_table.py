"""Reading the policy table (beleidsregels): the versions with their tiers and the one in force.

Enforcement officers and team leads read it (`require_policy_read`); adding a version is the
write side, casework/damocles/services/policy_table.py. Policy data holds no personal data.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import roles_with
from casework.damocles.models import PolicyVersion

READ_ROLES = roles_with("damocles_policy_read")  # the capability table in accounts/roles.py


def require_policy_read(user) -> None:
    """Enforcement officers and team leads read the table; the 403 is recorded by the audit middleware."""
    if not getattr(user, "is_authenticated", False) or user.role not in READ_ROLES:
        raise PermissionDenied(_("Only enforcement officers and team leads see the policy rules."))


def versions_with_tiers() -> list[PolicyVersion]:
    return list(PolicyVersion.objects.prefetch_related("tiers").order_by("-effective_from"))


def version_in_force_on(day: date, versions: list[PolicyVersion]) -> PolicyVersion | None:
    """From an already-loaded list: the version with the latest date of effect on or before `day`."""
    return max((v for v in versions if v.effective_from <= day), key=lambda v: v.effective_from, default=None)


def current_version(today: date | None = None) -> PolicyVersion | None:
    """The version in force today (None when every version starts later)."""
    day = today or timezone.localdate()
    return PolicyVersion.objects.filter(effective_from__lte=day).order_by("-effective_from").first()
