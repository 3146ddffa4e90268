"""Navigation per role, for the base layout."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from accounts.roles import roles_with

# (url name, label, roles that see it; None = every role). Names that do not resolve are skipped.
# The roles come from the capability table (accounts/roles.py CAPABILITIES), like the views' checks.
NAVIGATION = [
    ("dashboard", _("Dashboard"), None),
    ("casework:case_list", _("My cases"), roles_with("find_cases")),
    ("casework:case_search", _("Search cases"), roles_with("find_cases")),
    ("casework:referral_create", _("Register a referral"), roles_with("register_referral")),
    ("casework:damocles_register", _("Register a Damocles procedure"), roles_with("damocles_register")),
    ("casework:damocles_deadlines", _("Damocles deadlines"), roles_with("damocles_deadlines")),
    ("casework:damocles_figures", _("Damocles figures"), roles_with("damocles_figures")),
    ("casework:damocles_policy_list", _("Policy rules"), roles_with("damocles_policy_read")),
    ("casework:park_overview", _("Park overview"), roles_with("park_overview")),
    ("casework:park_deadlines", _("Park deadlines"), roles_with("park_deadlines")),
    ("casework:park_file_open", _("Open a park file"), roles_with("park_register")),
    ("accounts:user_list", _("Users"), roles_with("manage_users")),
    ("audit:search", _("Audit trail"), roles_with("audit_workspace")),
    ("casework:privacy_subject_search", _("Find a data subject"), roles_with("privacy_subject_search")),
    ("casework:privacy_inzage", _("Inzage report"), roles_with("privacy_inzage")),
    ("casework:privacy_requests", _("Data-subject requests"), roles_with("privacy_requests")),
    ("casework:privacy_sharing_register", _("Sharing register"), roles_with("privacy_sharing_register")),
    ("casework:privacy_reviews", _("Reviews"), roles_with("privacy_reviews")),
    ("casework:privacy_retention", _("Retention and destruction"), roles_with("privacy_retention")),
    ("audit:status", _("Chain status"), roles_with("audit_workspace")),
]


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": []}
    role = user.role
    items = []
    for name, label, roles in NAVIGATION:
        if roles is not None and role not in roles:
            continue
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        items.append({"url": url, "label": label, "current": request.path == url})
    return {"navigation": items, "user_role": role}
