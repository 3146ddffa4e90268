"""The reasons this package records, in words for the audit screens: (recorded text, template) pairs that
apps.py registers with audit.labels.register_reason_phrases. "{}" stands for a variable word (a code,
a number, a date, an id), "{*}" for variable text; "%(1)s" in the template for the first variable part.
tests/audit/test_reason_phrases.py proves that every reason the code records has one."""

from __future__ import annotations

from typing import Any

from django.utils.translation import pgettext_lazy

from audit.labels import register_key_values, register_reason_phrases

PHRASES: list[tuple[str, Any]] = [
    ("signal source registered ({signals.SignalSource.kind})",
     pgettext_lazy("audit reason", "signal source registered (%(1)s)")),
    ("person named in signal ({signals.SignalPerson.informing})",
     pgettext_lazy("audit reason", "person named in signal (%(1)s)")),
    ("signal registered", pgettext_lazy("audit reason", "signal registered")),
    ("signal registered ({signals.Signal.category})", pgettext_lazy("audit reason", "signal registered (%(1)s)")),
    ("sharing decision (own signal of the registering partner)",
     pgettext_lazy("audit reason", "sharing decision (own signal of the registering partner)")),
    ("sharing decision (routed from a signal)",
     pgettext_lazy("audit reason", "sharing decision (routed from a signal)")),
    ("sharing decision (signal routed: {signals.Triage.outcome})",
     pgettext_lazy("audit reason", "sharing decision (signal routed: %(1)s)")),
    ("signal triaged ({signals.Triage.outcome})", pgettext_lazy("audit reason", "signal triaged (%(1)s)")),
    ("triage outcome ({signals.Signal.outcome})", pgettext_lazy("audit reason", "triage outcome (%(1)s)")),
    ("signals list", pgettext_lazy("audit reason", "signals list")),
]

# The actions a refusal names ("action:<code>"), in words.
ACTIONS = {
    "signals_register": pgettext_lazy("audit action", "register a signal"),
}



def register() -> None:
    register_reason_phrases(PHRASES)
    register_key_values("action", lambda: ACTIONS)
