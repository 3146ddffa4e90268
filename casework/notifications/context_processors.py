"""The unread count next to "Notifications" in the navigation: lazily, once per request, kept in the session
for a minute and forgotten after the user's own writes (casework/web/context_processors.py)."""

from __future__ import annotations

from functools import cached_property

from django.http import HttpRequest

from casework.notifications import selectors
from casework.web.context_processors import UNREAD_KEY, kept_count

ATTRIBUTE = "_notification_counts"


class NotificationCounts:
    def __init__(self, request: HttpRequest) -> None:
        self.request = request

    @cached_property
    def unread(self) -> int:
        return kept_count(self.request, UNREAD_KEY, selectors.unread_count)


def notifications(request: HttpRequest) -> dict[str, NotificationCounts]:
    counts = getattr(request, ATTRIBUTE, None)
    if counts is None:
        counts = NotificationCounts(request)
        setattr(request, ATTRIBUTE, counts)
    return {"notification_counts": counts}
