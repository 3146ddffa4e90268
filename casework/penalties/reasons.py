"""The reasons this package records, in words for the audit screens: (recorded text, template) pairs that
apps.py registers with audit.labels.register_reason_phrases. "{}" stands for a variable word (a code,
a number, a date, an id), "{*}" for variable text; "%(1)s" in the template for the first variable part.
tests/audit/test_reason_phrases.py proves that every reason the code records has one."""

from __future__ import annotations

from typing import Any

from django.utils.translation import pgettext_lazy

from audit.labels import register_reason_phrases

PHRASES: list[tuple[str, Any]] = [
    ("limitation date recomputed ({*})", pgettext_lazy("audit reason", "limitation date recomputed (%(1)s)")),
    ("forfeiture time-barred (limitation date {})",
     pgettext_lazy("audit reason", "forfeiture time-barred (limitation date %(1)s)")),
    ("forfeiture waived", pgettext_lazy("audit reason", "forfeiture waived")),
    ("intention to collect recorded ({} forfeitures)",
     pgettext_lazy("audit reason", "intention to collect recorded (%(1)s forfeitures)")),
    ("view on the intention to collect received",
     pgettext_lazy("audit reason", "view on the intention to collect received")),
    ("request for a collection decision recorded",
     pgettext_lazy("audit reason", "request for a collection decision recorded")),
    ("collection request delayed to {} (Awb 4:14)",
     pgettext_lazy("audit reason", "collection request delayed to %(1)s (Awb 4:14)")),
    ("collection request granted", pgettext_lazy("audit reason", "collection request granted")),
    ("collection request {penalties.CollectionRequest.state}",
     pgettext_lazy("audit reason", "collection request %(1)s")),
    ("collection decision recorded ({} forfeitures)",
     pgettext_lazy("audit reason", "collection decision recorded (%(1)s forfeitures)")),
    ("limitation event recorded ({penalties.LimitationEvent.kind})",
     pgettext_lazy("audit reason", "limitation event recorded (%(1)s)")),
    ("limitation event ended ({penalties.LimitationEvent.kind})",
     pgettext_lazy("audit reason", "limitation event ended (%(1)s)")),
    ("payment recorded", pgettext_lazy("audit reason", "payment recorded")),
    ("forfeiture {penalties.Forfeiture.state}", pgettext_lazy("audit reason", "forfeiture %(1)s")),
]



def register() -> None:
    register_reason_phrases(PHRASES)
