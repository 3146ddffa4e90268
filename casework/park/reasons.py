"""The reasons this package records, in words for the audit screens: (recorded text, template) pairs that
apps.py registers with audit.labels.register_reason_phrases. "{}" stands for a variable word (a code,
a number, a date, an id), "{*}" for variable text; "%(1)s" in the template for the first variable part.
tests/audit/test_reason_phrases.py proves that every reason the code records has one."""

from __future__ import annotations

from typing import Any

from django.utils.translation import pgettext_lazy

from audit.labels import register_key_values, register_reason_phrases

PHRASES: list[tuple[str, Any]] = [
    ("forfeiture recorded ({})", pgettext_lazy("audit reason", "forfeiture recorded (%(1)s)")),
    ("park enforcement file opened from another case",
     pgettext_lazy("audit reason", "park enforcement file opened from another case")),
    ("park enforcement file opened", pgettext_lazy("audit reason", "park enforcement file opened")),
    ("referral from a park inspection", pgettext_lazy("audit reason", "referral from a park inspection")),
    ("inspection recorded (compliant={})", pgettext_lazy("audit reason", "inspection recorded (compliant=%(1)s)")),
    ("re-inspection recorded (compliant={})",
     pgettext_lazy("audit reason", "re-inspection recorded (compliant=%(1)s)")),
    ("{} recorded (compliant={})", pgettext_lazy("audit reason", "%(1)s recorded (compliant=%(2)s)")),
    ("order complied with (re-inspection {})",
     pgettext_lazy("audit reason", "order complied with (re-inspection %(1)s)")),
    ("complied with (re-inspection)", pgettext_lazy("audit reason", "complied with (re-inspection)")),
    ("inspection photo added", pgettext_lazy("audit reason", "inspection photo added")),
    ("park file opened for object {}", pgettext_lazy("audit reason", "park file opened for object %(1)s")),
    ("sharing decision (referral from a park inspection)",
     pgettext_lazy("audit reason", "sharing decision (referral from a park inspection)")),
    ("recreation object registered ({park.RecreationObject.kind})",
     pgettext_lazy("audit reason", "recreation object registered (%(1)s)")),
    ("occupant registered (brp={park.Occupant.brp_status})",
     pgettext_lazy("audit reason", "occupant registered (brp=%(1)s)")),
    ("occupant updated (brp={park.Occupant.brp_status})",
     pgettext_lazy("audit reason", "occupant updated (brp=%(1)s)")),
    ("occupant left", pgettext_lazy("audit reason", "occupant left")),
    ("order drafted ({}, term {} days)", pgettext_lazy("audit reason", "order drafted (%(1)s, term %(2)s days)")),
    ("order imposed (approval {})", pgettext_lazy("audit reason", "order imposed (approval %(1)s)")),
    ("draft withdrawn (approval rejected)", pgettext_lazy("audit reason", "draft withdrawn (approval rejected)")),
    ("approval requested (four eyes)", pgettext_lazy("audit reason", "approval requested (four eyes)")),
    ("BRP residence check stored", pgettext_lazy("audit reason", "BRP residence check stored")),
    ("occupant BRP status from the BRP (brp={park.Occupant.brp_status})",
     pgettext_lazy("audit reason", "occupant BRP status from the BRP (brp=%(1)s)")),
    ("BRP checked during the inspection", pgettext_lazy("audit reason", "BRP checked during the inspection")),
    ("tolerance decision granted (reference date {})",
     pgettext_lazy("audit reason", "tolerance decision granted (reference date %(1)s)")),
    ("tolerance decision ended ({park.ToleranceDecision.end_reason})",
     pgettext_lazy("audit reason", "tolerance decision ended (%(1)s)")),
    ("order announced ({})", pgettext_lazy("audit reason", "order announced (%(1)s)")),
    ("compliance term of an addressee started (announcement)",
     pgettext_lazy("audit reason", "compliance term of an addressee started (announcement)")),
    ("park object", pgettext_lazy("audit reason", "park object")),
    ("park residence check evidence", pgettext_lazy("audit reason", "park residence check evidence")),
    ("inspection photo download", pgettext_lazy("audit reason", "inspection photo download")),
    ("park overview", pgettext_lazy("audit reason", "park overview")),
    ("park overview csv", pgettext_lazy("audit reason", "park overview csv")),
    ("park deadlines", pgettext_lazy("audit reason", "park deadlines")),
]

# The actions a refusal names ("action:<code>"), in words.
ACTIONS = {
    "park_file_open": pgettext_lazy("audit action", "open a park file"),
    "object_register": pgettext_lazy("audit action", "register a recreation object"),
    "object_view": pgettext_lazy("audit action", "view a recreation object"),
    "occupant_register": pgettext_lazy("audit action", "register an occupant"),
    "occupant_leave": pgettext_lazy("audit action", "record that an occupant left"),
    "tolerance_grant": pgettext_lazy("audit action", "grant a tolerance decision"),
    "tolerance_end": pgettext_lazy("audit action", "end a tolerance decision"),
    "residence_check": pgettext_lazy("audit action", "check residence in the BRP"),
}



def register() -> None:
    register_reason_phrases(PHRASES)
    register_key_values("action", lambda: ACTIONS)
