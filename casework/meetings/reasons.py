"""The reasons this package records, in words for the audit screens: (recorded text, template) pairs that
apps.py registers with audit.labels.register_reason_phrases. "{}" stands for a variable word (a code,
a number, a date, an id), "{*}" for variable text; "%(1)s" in the template for the first variable part.
tests/audit/test_reason_phrases.py proves that every reason the code records has one."""

from __future__ import annotations

from typing import Any

from django.utils.translation import pgettext_lazy

from audit.labels import field_choices, register_key_values, register_reason_phrases

PHRASES: list[tuple[str, Any]] = [
    ("items", pgettext_lazy("audit reason", "items")),
    ("agenda of {}; minutes shown where the category is shared",
     pgettext_lazy("audit reason", "agenda of %(1)s; minutes shown where the category is shared")),
    ("agenda item added to {}", pgettext_lazy("audit reason", "agenda item added to %(1)s")),
    ("minutes recorded; attending {*}", pgettext_lazy("audit reason", "minutes recorded; attending %(1)s")),
    ("meetings", pgettext_lazy("audit reason", "meetings")),
    ("moved", pgettext_lazy("audit reason", "moved")),
    ("cancelled", pgettext_lazy("audit reason", "cancelled")),
]

# The actions a refusal names ("action:<code>"), in words.
ACTIONS = {
    "create": pgettext_lazy("audit action", "create a meeting"),
    "organise": pgettext_lazy("audit action", "organise a meeting"),
}



def register() -> None:
    register_reason_phrases(PHRASES)
    register_key_values("action", lambda: ACTIONS)
    register_key_values("kind", lambda: field_choices("meetings.Meeting.kind"))
    register_key_values("recurrence", lambda: field_choices("meetings.Meeting.recurrence"))
