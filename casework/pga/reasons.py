"""The reasons this package records, in words for the audit screens: (recorded text, template) pairs that
apps.py registers with audit.labels.register_reason_phrases. "{}" stands for a variable word (a code,
a number, a date, an id), "{*}" for variable text; "%(1)s" in the template for the first variable part.
tests/audit/test_reason_phrases.py proves that every reason the code records has one."""

from __future__ import annotations

from typing import Any

from django.utils.translation import pgettext_lazy

from audit.labels import register_reason_phrases

PHRASES: list[tuple[str, Any]] = [
    ("conference planned", pgettext_lazy("audit reason", "conference planned")),
    ("conference minutes recorded", pgettext_lazy("audit reason", "conference minutes recorded")),
    ("agreement recorded", pgettext_lazy("audit reason", "agreement recorded")),
    ("agreement status done (partner report {})",
     pgettext_lazy("audit reason", "agreement status done (partner report %(1)s)")),
    ("agreement status {pga.Agreement.status}", pgettext_lazy("audit reason", "agreement status %(1)s")),
    ("partner reported agreement done", pgettext_lazy("audit reason", "partner reported agreement done")),
    ("partner monitoring note", pgettext_lazy("audit reason", "partner monitoring note")),
    ("partner contribution seen", pgettext_lazy("audit reason", "partner contribution seen")),
    ("self-reliance measured", pgettext_lazy("audit reason", "self-reliance measured")),
    ("monitoring note added", pgettext_lazy("audit reason", "monitoring note added")),
    ("plan version {}", pgettext_lazy("audit reason", "plan version %(1)s")),
    ("escalation set", pgettext_lazy("audit reason", "escalation set")),
    ("escalation lifted", pgettext_lazy("audit reason", "escalation lifted")),
    ("referral registered", pgettext_lazy("audit reason", "referral registered")),
    ("referred from another case type", pgettext_lazy("audit reason", "referred from another case type")),
    ("demo data: backdated decision", pgettext_lazy("audit reason", "demo data: backdated decision")),
    ("demo data: backdated closure", pgettext_lazy("audit reason", "demo data: backdated closure")),
]



def register() -> None:
    register_reason_phrases(PHRASES)
