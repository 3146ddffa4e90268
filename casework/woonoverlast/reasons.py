"""The reasons this package records, in words for the audit screens: (recorded text, template) pairs that
apps.py registers with audit.labels.register_reason_phrases. "{}" stands for a variable word (a code,
a number, a date, an id), "{*}" for variable text; "%(1)s" in the template for the first variable part.
tests/audit/test_reason_phrases.py proves that every reason the code records has one."""

from __future__ import annotations

from typing import Any

from django.utils.translation import pgettext_lazy

from audit.labels import register_key_values, register_reason_phrases

PHRASES: list[tuple[str, Any]] = [
    ("intervention recorded (care_offer, linked care case)",
     pgettext_lazy("audit reason", "intervention recorded (care_offer, linked care case)")),
    ("sharing decision (care offer from a woonoverlast file)",
     pgettext_lazy("audit reason", "sharing decision (care offer from a woonoverlast file)")),
    ("extension drafted ({} weeks, art. 174a lid 3)",
     pgettext_lazy("audit reason", "extension drafted (%(1)s weeks, art. 174a lid 3)")),
    ("closure extended by {} weeks (art. 174a lid 3)",
     pgettext_lazy("audit reason", "closure extended by %(1)s weeks (art. 174a lid 3)")),
    ("extension decided (approval {})", pgettext_lazy("audit reason", "extension decided (approval %(1)s)")),
    ("cost recovery decided (Awb 5:25)", pgettext_lazy("audit reason", "cost recovery decided (Awb 5:25)")),
    ("bestuursdwang carried out (urgent)", pgettext_lazy("audit reason", "bestuursdwang carried out (urgent)")),
    ("bestuursdwang carried out", pgettext_lazy("audit reason", "bestuursdwang carried out")),
    ("forfeiture recorded (gedragsaanwijzing)",
     pgettext_lazy("audit reason", "forfeiture recorded (gedragsaanwijzing)")),
    ("woonoverlast file opened from another case",
     pgettext_lazy("audit reason", "woonoverlast file opened from another case")),
    ("report registered ({woonoverlast.Melding.source}, {woonoverlast.Melding.kind})",
     pgettext_lazy("audit reason", "report registered (%(1)s, %(2)s)")),
    ("zwartboek recorded (identities verified)",
     pgettext_lazy("audit reason", "zwartboek recorded (identities verified)")),
    ("intervention recorded ({woonoverlast.Intervention.kind})",
     pgettext_lazy("audit reason", "intervention recorded (%(1)s)")),
    ("view received", pgettext_lazy("audit reason", "view received")),
    ("woonoverlast file opened", pgettext_lazy("audit reason", "woonoverlast file opened")),
    ("care offer from a woonoverlast file", pgettext_lazy("audit reason", "care offer from a woonoverlast file")),
    ("gedragsaanwijzing imposed (approval {})",
     pgettext_lazy("audit reason", "gedragsaanwijzing imposed (approval %(1)s)")),
    ("closure imposed (approval {})", pgettext_lazy("audit reason", "closure imposed (approval %(1)s)")),
    ("intention sent ({woonoverlast.Intention.decision}, view term {} weeks)",
     pgettext_lazy("audit reason", "intention sent (%(1)s, view term %(2)s weeks)")),
    ("compliance check (complied)", pgettext_lazy("audit reason", "compliance check (complied)")),
    ("compliance check (not complied)", pgettext_lazy("audit reason", "compliance check (not complied)")),
    ("draft withdrawn (approval rejected)", pgettext_lazy("audit reason", "draft withdrawn (approval rejected)")),
    ("gedragsaanwijzing drafted ({woonoverlast.BehaviouralOrder.enforcement}, {} weeks)",
     pgettext_lazy("audit reason", "gedragsaanwijzing drafted (%(1)s, %(2)s weeks)")),
    ("closure drafted ({} weeks, urgent)", pgettext_lazy("audit reason", "closure drafted (%(1)s weeks, urgent)")),
    ("closure drafted ({} weeks)", pgettext_lazy("audit reason", "closure drafted (%(1)s weeks)")),
    ("approval requested (four eyes)", pgettext_lazy("audit reason", "approval requested (four eyes)")),
    ("decision announced ({})", pgettext_lazy("audit reason", "decision announced (%(1)s)")),
    ("{} letter pdf", pgettext_lazy("audit reason", "%(1)s letter pdf")),
    ("woonoverlast overview", pgettext_lazy("audit reason", "woonoverlast overview")),
    ("woonoverlast overview csv", pgettext_lazy("audit reason", "woonoverlast overview csv")),
]

# The actions a refusal names ("action:<code>"), in words.
ACTIONS = {
    "woonoverlast_file_open": pgettext_lazy("audit action", "open a woonoverlast file"),
}



def register() -> None:
    register_reason_phrases(PHRASES)
    register_key_values("action", lambda: ACTIONS)
