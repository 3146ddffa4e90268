"""The reasons this package records, in words for the audit screens: (recorded text, template) pairs that
apps.py registers with audit.labels.register_reason_phrases. "{}" stands for a variable word (a code,
a number, a date, an id), "{*}" for variable text; "%(1)s" in the template for the first variable part.
tests/audit/test_reason_phrases.py proves that every reason the code records has one."""

from __future__ import annotations

from typing import Any

from django.utils.translation import pgettext_lazy

from audit.labels import register_reason_phrases

PHRASES: list[tuple[str, Any]] = [
    ("goal {} {} set to {*}", pgettext_lazy("audit reason", "goal %(1)s %(2)s set to %(3)s")),
    ("goal {} {} removed", pgettext_lazy("audit reason", "goal %(1)s %(2)s removed")),
    ("external figure {} {} set to {*}", pgettext_lazy("audit reason", "external figure %(1)s %(2)s set to %(3)s")),
    ("annual figures {}-{} {}", pgettext_lazy("audit reason", "annual figures %(1)s-%(2)s %(3)s")),
    ("annual figures {}-{} computed on request",
     pgettext_lazy("audit reason", "annual figures %(1)s-%(2)s computed on request")),
]



def register() -> None:
    register_reason_phrases(PHRASES)
