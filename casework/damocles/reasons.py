"""The reasons this package records, in words for the audit screens: (recorded text, template) pairs that
apps.py registers with audit.labels.register_reason_phrases. "{}" stands for a variable word (a code,
a number, a date, an id), "{*}" for variable text; "%(1)s" in the template for the first variable part.
tests/audit/test_reason_phrases.py proves that every reason the code records has one."""

from __future__ import annotations

from typing import Any

from django.utils.translation import pgettext_lazy

from audit.labels import register_key_values, register_reason_phrases

PHRASES: list[tuple[str, Any]] = [
    ("letter {damocles.Letter.kind} generated", pgettext_lazy("audit reason", "letter %(1)s generated")),
    ("closure registration (order_posted={}, wkpb=yes)",
     pgettext_lazy("audit reason", "closure registration (order_posted=%(1)s, wkpb=yes)")),
    ("closure registration (order_posted={}, wkpb=no)",
     pgettext_lazy("audit reason", "closure registration (order_posted=%(1)s, wkpb=no)")),
    ("policy version in force from {}", pgettext_lazy("audit reason", "policy version in force from %(1)s")),
    ("premises address verified in the BAG", pgettext_lazy("audit reason", "premises address verified in the BAG")),
    ("premises registered", pgettext_lazy("audit reason", "premises registered")),
    ("premises party registered ({damocles.PremisesParty.role})",
     pgettext_lazy("audit reason", "premises party registered (%(1)s)")),
    ("procedure registered", pgettext_lazy("audit reason", "procedure registered")),
    ("police report registered", pgettext_lazy("audit reason", "police report registered")),
    ("assessment recorded (policy {}, offence {}, {damocles.DamoclesCase.chosen_sanction} deviating)",
     pgettext_lazy("audit reason", "assessment recorded (policy %(1)s, offence %(2)s, %(3)s deviating)")),
    ("assessment recorded (policy {}, offence {}, {damocles.DamoclesCase.chosen_sanction})",
     pgettext_lazy("audit reason", "assessment recorded (policy %(1)s, offence %(2)s, %(3)s)")),
    ("damocles figures csv", pgettext_lazy("audit reason", "damocles figures csv")),
    ("damocles figures computed on request", pgettext_lazy("audit reason", "damocles figures computed on request")),
    ("damocles letters", pgettext_lazy("audit reason", "damocles letters")),
    ("letter {damocles.Letter.kind} pdf", pgettext_lazy("audit reason", "letter %(1)s pdf")),
    ("letter {damocles.Letter.kind} html", pgettext_lazy("audit reason", "letter %(1)s html")),
    ("police report download", pgettext_lazy("audit reason", "police report download")),
    ("damocles deadlines", pgettext_lazy("audit reason", "damocles deadlines")),
    ("announcement registered ({remedies.Announcement.role}, {remedies.Announcement.method})",
     pgettext_lazy("audit reason", "announcement registered (%(1)s, %(2)s)")),
]

# The actions a refusal names ("action:<code>"), in words.
ACTIONS = {
    "register": pgettext_lazy("audit action", "register a procedure"),
}



def register() -> None:
    register_reason_phrases(PHRASES)
    register_key_values("action", lambda: ACTIONS)
