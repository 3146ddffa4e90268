"""The unread count next to "Notifications" in the navigation: lazily, once per request, one COUNT query."""

from __future__ import annotations

from functools import cached_property

from django.http import HttpRequest

from casework.notifications import selectors

ATTRIBUTE = "_notification_counts"


class NotificationCounts:
    def __init__(self, request: HttpRequest) -> None:
        self.request = request

    @cached_property
    def unread(self) -> int:
        user = getattr(self.request, "user", None)
        if user is None or not user.is_authenticated:
            return 0
        return selectors.unread_count(user)


def notifications(request: HttpRequest) -> dict[str, NotificationCounts]:
    counts = getattr(request, ATTRIBUTE, None)
    if counts is None:
        counts = NotificationCounts(request)
        setattr(request, ATTRIBUTE, counts)
    return {"notification_counts": counts}
