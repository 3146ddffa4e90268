"""The reasons this package records, in words for the audit screens: (recorded text, template) pairs that
apps.py registers with audit.labels.register_reason_phrases. "{}" stands for a variable word (a code,
a number, a date, an id), "{*}" for variable text; "%(1)s" in the template for the first variable part.
tests/audit/test_reason_phrases.py proves that every reason the code records has one."""

from __future__ import annotations

from typing import Any

from django.utils.translation import pgettext_lazy

from audit.labels import register_key_values, register_reason_phrases

PHRASES: list[tuple[str, Any]] = [
    ("action:view:personalia", pgettext_lazy("audit reason", "action:view:personalia")),
    ("bag {} ({*}): {*}", pgettext_lazy("audit reason", "bag %(1)s (%(2)s): %(3)s")),
    ("brp refused: {*}", pgettext_lazy("audit reason", "brp refused: %(1)s")),
    ("brp {} {} ({*}): {*}, {} found", pgettext_lazy("audit reason", "brp %(1)s %(2)s (%(3)s): %(4)s, %(5)s found")),
    ("brp {} {} ({*}): {*}", pgettext_lazy("audit reason", "brp %(1)s %(2)s (%(3)s): %(4)s")),
    ("ok", pgettext_lazy("audit reason", "ok")),
    ("not municipal staff", pgettext_lazy("audit reason", "not municipal staff")),
    ("activity not authorised for the BRP", pgettext_lazy("audit reason", "activity not authorised for the BRP")),
    ("token refused", pgettext_lazy("audit reason", "token refused")),
    ("status {}", pgettext_lazy("audit reason", "status %(1)s")),
    ("bad json", pgettext_lazy("audit reason", "bad json")),
    ("not an object", pgettext_lazy("audit reason", "not an object")),
    ("disabled", pgettext_lazy("audit reason", "disabled")),
    ("no bewoning url", pgettext_lazy("audit reason", "no bewoning url")),
    ("bad date", pgettext_lazy("audit reason", "bad date")),
    ("person without burgerservicenummer", pgettext_lazy("audit reason", "person without burgerservicenummer")),
    ("naam, geboorte or adressering not an object",
     pgettext_lazy("audit reason", "naam, geboorte or adressering not an object")),
    ("no personen", pgettext_lazy("audit reason", "no personen")),
    ("no bewoningen", pgettext_lazy("audit reason", "no bewoningen")),
    ("bewoning without periode", pgettext_lazy("audit reason", "bewoning without periode")),
    ("bad periode", pgettext_lazy("audit reason", "bad periode")),
    ("bad period", pgettext_lazy("audit reason", "bad period")),
    ("bad bsn", pgettext_lazy("audit reason", "bad bsn")),
    ("bad object id", pgettext_lazy("audit reason", "bad object id")),
    ("bad id", pgettext_lazy("audit reason", "bad id")),
    ("not found", pgettext_lazy("audit reason", "not found")),
    ("timeout", pgettext_lazy("audit reason", "timeout")),
    ("connection", pgettext_lazy("audit reason", "connection")),
    ("token", pgettext_lazy("audit reason", "token")),
    ("no response.docs", pgettext_lazy("audit reason", "no response.docs")),
    ("query length", pgettext_lazy("audit reason", "query length")),
    ("suggestion without id or weergavenaam", pgettext_lazy("audit reason", "suggestion without id or weergavenaam")),
    ("ids are not 16 digits", pgettext_lazy("audit reason", "ids are not 16 digits")),
    ("incomplete address", pgettext_lazy("audit reason", "incomplete address")),
    ("action:{action}; restricted (AVG 18)", pgettext_lazy("audit reason", "action:%(1)s; restricted (AVG 18)")),
    ("equated day {} added", pgettext_lazy("audit reason", "equated day %(1)s added")),
    ("equated day {} removed", pgettext_lazy("audit reason", "equated day %(1)s removed")),
    ("person verified in the BRP", pgettext_lazy("audit reason", "person verified in the BRP")),
    ("person registered", pgettext_lazy("audit reason", "person registered")),
    ("case created ({case_type})", pgettext_lazy("audit reason", "case created (%(1)s)")),
    ("handover {} -> {}", pgettext_lazy("audit reason", "handover %(1)s -> %(2)s")),
    ("{case_type}.{}:{casework.Approval.decision}", pgettext_lazy("audit reason", "%(1)s.%(2)s:%(3)s")),
    ("sharing revoked", pgettext_lazy("audit reason", "sharing revoked")),
    ("sharing expired", pgettext_lazy("audit reason", "sharing expired")),
    ("sharing decision", pgettext_lazy("audit reason", "sharing decision")),
    ("case list", pgettext_lazy("audit reason", "case list")),
    ("case list export", pgettext_lazy("audit reason", "case list export")),
    ("dashboard", pgettext_lazy("audit reason", "dashboard viewed")),
    ("person overview", pgettext_lazy("audit reason", "person overview")),
    ("my work", pgettext_lazy("audit reason", "my work")),
    ("meetings shown on my work:{}", pgettext_lazy("audit reason", "meetings shown on my work:%(1)s")),
    ("seed_scale", pgettext_lazy("audit reason", "seed_scale")),
    ("bench appends", pgettext_lazy("audit reason", "bench appends")),
]


def _case_types() -> dict[str, Any]:
    """The registered case types by name ("case created (<code>)")."""
    from casework import registry

    return {spec.code: spec.label for spec in registry.types()}


def register() -> None:
    register_reason_phrases(PHRASES)
    register_key_values("case_type", _case_types)
