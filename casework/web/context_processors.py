"""The count next to "Mijn werk" in the navigation: the user's open cases with an overdue term.

Computed lazily (only when the navigation shows the entry) and once per request (kept on the
request): one COUNT query at most (casework/worklist.py `overdue_count`).
"""

from __future__ import annotations

from functools import cached_property

from django.http import HttpRequest

from casework import worklist

ATTRIBUTE = "_my_work_counts"


class MyWorkCounts:
    def __init__(self, request: HttpRequest) -> None:
        self.request = request

    @cached_property
    def overdue(self) -> int:
        user = getattr(self.request, "user", None)
        if user is None or not user.is_authenticated:
            return 0
        return worklist.overdue_count(user)


def my_work(request: HttpRequest) -> dict[str, MyWorkCounts]:
    counts = getattr(request, ATTRIBUTE, None)
    if counts is None:
        counts = MyWorkCounts(request)
        setattr(request, ATTRIBUTE, counts)
    return {"my_work": counts}
