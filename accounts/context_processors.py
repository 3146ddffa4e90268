"""Navigation per role, for the base layout (entries: accounts/navigation.py)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from accounts import navigation as nav_entries
from accounts.roles import roles_with


def navigation_context(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": []}
    role = user.role
    items = []
    for entry in nav_entries.entries():
        if entry.capability is not None and role not in roles_with(entry.capability):
            continue
        try:
            url = reverse(entry.url_name)
        except NoReverseMatch:
            continue
        items.append({"url": url, "label": entry.label, "current": request.path == url, "name": entry.url_name})
    return {"navigation": items, "user_role": role}


navigation = navigation_context  # the name config/settings.py refers to
