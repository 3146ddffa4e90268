"""Navigation per role, for the base layout."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from accounts.roles import HANDHAVER, KETENPARTNER, PRIVACY_OFFICER, PROCESREGISSEUR, TEAMLEIDER

# (url name, label, roles that see it; None = every role). Names that do not resolve are skipped.
NAVIGATION = [
    ("dashboard", _("Dashboard"), None),
    ("casework:case_list", _("My cases"), {PROCESREGISSEUR, HANDHAVER, TEAMLEIDER, KETENPARTNER}),
    ("casework:case_search", _("Search cases"), {PROCESREGISSEUR, HANDHAVER, TEAMLEIDER, KETENPARTNER}),
    ("casework:referral_create", _("Register a referral"), {PROCESREGISSEUR, KETENPARTNER}),
    ("casework:damocles_register", _("Register a Damocles procedure"), {HANDHAVER}),
    ("casework:damocles_deadlines", _("Damocles deadlines"), {HANDHAVER}),
    ("casework:damocles_figures", _("Damocles figures"), {HANDHAVER, TEAMLEIDER}),
    ("casework:damocles_policy_list", _("Policy rules"), {HANDHAVER, TEAMLEIDER}),
    ("casework:park_overview", _("Park overview"), {HANDHAVER, TEAMLEIDER}),
    ("casework:park_deadlines", _("Park deadlines"), {HANDHAVER}),
    ("accounts:user_list", _("Users"), {TEAMLEIDER}),
    ("audit:search", _("Audit trail"), {PRIVACY_OFFICER}),
    ("casework:privacy_subject_search", _("Find a data subject"), {PRIVACY_OFFICER}),
    ("casework:privacy_inzage", _("Inzage report"), {PRIVACY_OFFICER}),
    ("casework:privacy_requests", _("Data-subject requests"), {PRIVACY_OFFICER}),
    ("casework:privacy_sharing_register", _("Sharing register"), {PRIVACY_OFFICER}),
    ("casework:privacy_reviews", _("Reviews"), {PRIVACY_OFFICER}),
    ("casework:privacy_retention", _("Retention and destruction"), {PRIVACY_OFFICER}),
    ("audit:status", _("Chain status"), {PRIVACY_OFFICER}),
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
