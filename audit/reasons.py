"""The reasons this package records, in words for the audit screens: (recorded text, template) pairs that
apps.py registers with audit.labels.register_reason_phrases. "{}" stands for a variable word (a code,
a number, a date, an id), "{*}" for variable text; "%(1)s" in the template for the first variable part.
tests/audit/test_reason_phrases.py proves that every reason the code records has one."""

from __future__ import annotations

from typing import Any

from django.utils.translation import pgettext_lazy

from audit.labels import register_reason_phrases

PHRASES: list[tuple[str, Any]] = [
    ("{audit.AuditCheckpoint.kind} checkpoint at {}", pgettext_lazy("audit reason", "%(1)s checkpoint at %(2)s")),
    ("audit retention {} years: events up to {} deleted (cut checkpoint of {})",
     pgettext_lazy("audit reason", "audit retention %(1)s years: events up to %(2)s deleted (cut "
                   "checkpoint of %(3)s)")),
    ("role {accounts.GroupRoleMapping.role}", pgettext_lazy("audit reason", "role %(1)s")),
    ("{} data keys re-wrapped", pgettext_lazy("audit reason", "%(1)s data keys re-wrapped")),
    ("data key {} replaced by {}", pgettext_lazy("audit reason", "data key %(1)s replaced by %(2)s")),
    ("data key {} destroyed: {*}", pgettext_lazy("audit reason", "data key %(1)s destroyed: %(2)s")),
    ("{} orphan data keys destroyed (no row referred to them)",
     pgettext_lazy("audit reason", "%(1)s orphan data keys destroyed (no row referred to them)")),
    ("unknown username", pgettext_lazy("audit reason", "unknown username")),
    ("single sign-on re-check: {*}", pgettext_lazy("audit reason", "single sign-on re-check: %(1)s")),
    ("single sign-on: {*}", pgettext_lazy("audit reason", "single sign-on: %(1)s")),
    ("passkey {} registered", pgettext_lazy("audit reason", "passkey %(1)s registered")),
    ("passkey {} removed", pgettext_lazy("audit reason", "passkey %(1)s removed")),
    ("subjects opened from {} until {}", pgettext_lazy("audit reason", "subjects opened from %(1)s until %(2)s")),
    ("re-encrypted under a new data key", pgettext_lazy("audit reason", "re-encrypted under a new data key")),
]



def register() -> None:
    register_reason_phrases(PHRASES)
