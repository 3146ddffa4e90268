"""The reasons this package records, in words for the audit screens: (recorded text, template) pairs that
apps.py registers with audit.labels.register_reason_phrases. "{}" stands for a variable word (a code,
a number, a date, an id), "{*}" for variable text; "%(1)s" in the template for the first variable part.
tests/audit/test_reason_phrases.py proves that every reason the code records has one."""

from __future__ import annotations

from typing import Any

from django.utils.translation import pgettext_lazy

from audit.labels import register_reason_phrases

PHRASES: list[tuple[str, Any]] = [
    ("application registered ({remedies.Application.kind})",
     pgettext_lazy("audit reason", "application registered (%(1)s)")),
    ("application delayed to {} (Awb 4:14)", pgettext_lazy("audit reason", "application delayed to %(1)s (Awb 4:14)")),
    ("application {remedies.Application.state}", pgettext_lazy("audit reason", "application %(1)s")),
    ("notice of extension (Awb 7:10 lid 5) printed",
     pgettext_lazy("audit reason", "notice of extension (Awb 7:10 lid 5) printed")),
    ("objection registered (committee={}, late={})",
     pgettext_lazy("audit reason", "objection registered (committee=%(1)s, late=%(2)s)")),
    ("interim relief registered (waits={})", pgettext_lazy("audit reason", "interim relief registered (waits=%(1)s)")),
    ("interim relief updated (state={remedies.InterimRelief.state})",
     pgettext_lazy("audit reason", "interim relief updated (state=%(1)s)")),
    ("appeal registered ({remedies.Appeal.level})", pgettext_lazy("audit reason", "appeal registered (%(1)s)")),
    ("appeal updated (ruled, annulled={})", pgettext_lazy("audit reason", "appeal updated (ruled, annulled=%(1)s)")),
    ("appeal updated", pgettext_lazy("audit reason", "appeal updated")),
    ("announcement registered ({remedies.Announcement.role}, {remedies.Announcement.method})",
     pgettext_lazy("audit reason", "announcement registered (%(1)s, %(2)s)")),
    ("urgent enforcement recorded ({*})", pgettext_lazy("audit reason", "urgent enforcement recorded (%(1)s)")),
    ("objection updated (state={remedies.Objection.state}, suspension={}d, extension={}w) "
     "postponement={}w ({*}) late, excused={}",
     pgettext_lazy("audit reason", "objection updated (state=%(1)s, suspension=%(2)sd, extension=%(3)sw) "
                   "postponement=%(4)sw (%(5)s) late, excused=%(6)s")),
    ("objection updated (state={remedies.Objection.state}, suspension={}d, extension={}w) postponement={}w ({*})",
     pgettext_lazy("audit reason", "objection updated (state=%(1)s, suspension=%(2)sd, extension=%(3)sw) "
                   "postponement=%(4)sw (%(5)s)")),
    ("objection updated (state={remedies.Objection.state}, suspension={}d, extension={}w) late, excused={}",
     pgettext_lazy("audit reason", "objection updated (state=%(1)s, suspension=%(2)sd, extension=%(3)sw) "
                   "late, excused=%(4)s")),
    ("objection updated (state={remedies.Objection.state}, suspension={}d, extension={}w)",
     pgettext_lazy("audit reason", "objection updated (state=%(1)s, suspension=%(2)sd, extension=%(3)sw)")),
    ("written decision after urgent enforcement taken",
     pgettext_lazy("audit reason", "written decision after urgent enforcement taken")),
]



def register() -> None:
    register_reason_phrases(PHRASES)
