"""Reading single sign-on configuration."""

from __future__ import annotations

from accounts.models import IdentityProvider


def sso_login_choices() -> list[IdentityProvider]:
    """The enabled providers, one "Log in via <organisation>" button each on the login page."""
    return list(IdentityProvider.objects.filter(enabled=True, organisation__is_active=True)
                .select_related("organisation").order_by("organisation__name"))
