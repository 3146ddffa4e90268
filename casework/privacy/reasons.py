"""The reasons this package records, in words for the audit screens: (recorded text, template) pairs that
apps.py registers with audit.labels.register_reason_phrases. "{}" stands for a variable word (a code,
a number, a date, an id), "{*}" for variable text; "%(1)s" in the template for the first variable part.
tests/audit/test_reason_phrases.py proves that every reason the code records has one."""

from __future__ import annotations

from typing import Any

from django.utils.translation import pgettext_lazy

from audit.labels import field_choices, register_key_values, register_reason_phrases

PHRASES: list[tuple[str, Any]] = [
    ("via:break_glass", pgettext_lazy("audit reason", "via:break_glass")),
    ("destruction batch {} proposed: {} cases",
     pgettext_lazy("audit reason", "destruction batch %(1)s proposed: %(2)s cases")),
    ("four eyes: only another privacy officer of the same organisation decides a batch",
     pgettext_lazy("audit reason", "four eyes: only another privacy officer of the same organisation decides a batch")),
    ("destruction batch {} approved", pgettext_lazy("audit reason", "destruction batch %(1)s approved")),
    ("destruction batch {} rejected", pgettext_lazy("audit reason", "destruction batch %(1)s rejected")),
    ("retention period ended (destruction batch {})",
     pgettext_lazy("audit reason", "retention period ended (destruction batch %(1)s)")),
    ("draft destruction list of batch {}", pgettext_lazy("audit reason", "draft destruction list of batch %(1)s")),
    ("legal hold lifted", pgettext_lazy("audit reason", "legal hold lifted")),
    ("legal hold placed ({privacy.LegalHold.ground})", pgettext_lazy("audit reason", "legal hold placed (%(1)s)")),
    ("inzage report (AVG 15): {*}; records in scope {}, referred {}",
     pgettext_lazy("audit reason", "inzage report (AVG 15): %(1)s; records in scope %(2)s, referred %(3)s")),
    ("answer a data-subject request (AVG 15)", pgettext_lazy("audit reason", "answer a data-subject request (AVG 15)")),
    ("prepare a decision on a data-subject request",
     pgettext_lazy("audit reason", "prepare a decision on a data-subject request")),
    ("inquiry of the supervisory authority", pgettext_lazy("audit reason", "inquiry of the supervisory authority")),
    ("inzage review (AVG 15(4)) of request {}, review {}: field {}; withheld {} of {} passages",
     pgettext_lazy("audit reason", "inzage review (AVG 15(4)) of request %(1)s, review %(2)s: field "
                   "%(3)s; withheld %(4)s of %(5)s passages")),
    ("sharing register", pgettext_lazy("audit reason", "sharing register")),
    ("sharing register csv: {*}", pgettext_lazy("audit reason", "sharing register csv: %(1)s")),
    ("request list", pgettext_lazy("audit reason", "request list")),
    ("processing restricted (AVG 18)", pgettext_lazy("audit reason", "processing restricted (AVG 18)")),
    ("restricted", pgettext_lazy("audit reason", "restricted")),
    ("restriction lifted (AVG 18(3))", pgettext_lazy("audit reason", "restriction lifted (AVG 18(3))")),
    ("lifted", pgettext_lazy("audit reason", "lifted")),
    ("retention {}: {} years from {}, from {}",
     pgettext_lazy("audit reason", "retention %(1)s: %(2)s years from %(3)s, from %(4)s")),
    ("destruction statement {} downloaded", pgettext_lazy("audit reason", "destruction statement %(1)s downloaded")),
    ("archive transfer list", pgettext_lazy("audit reason", "archive transfer list")),
    ("retention selection", pgettext_lazy("audit reason", "retention selection")),
    ("audit events by person: further page", pgettext_lazy("audit reason", "audit events by person: further page")),
    ("audit events by person ({}): {} record(s)",
     pgettext_lazy("audit reason", "audit events by person (%(1)s): %(2)s record(s)")),
    ("request {privacy.DataSubjectRequest.kind} registered", pgettext_lazy("audit reason", "request %(1)s registered")),
    ("changed: nothing", pgettext_lazy("audit reason", "changed: nothing")),
    ("changed: {*}", pgettext_lazy("audit reason", "changed: %(1)s")),
    ("term extended to {}", pgettext_lazy("audit reason", "term extended to %(1)s")),
    ("status {privacy.DataSubjectRequest.status} -> {privacy.DataSubjectRequest.status}",
     pgettext_lazy("audit reason", "status %(1)s -> %(2)s")),
    ("decided: {privacy.DataSubjectRequest.outcome}; objection until {}",
     pgettext_lazy("audit reason", "decided: %(1)s; objection until %(2)s")),
    ("restriction lifted", pgettext_lazy("audit reason", "restriction lifted")),
    ("request viewed", pgettext_lazy("audit reason", "request viewed")),
    ("erasure request {} (AVG art. 17)", pgettext_lazy("audit reason", "erasure request %(1)s (AVG art. 17)")),
    ("subject search by {}: {} record(s)", pgettext_lazy("audit reason", "subject search by %(1)s: %(2)s record(s)")),
]

# The actions a refusal names ("action:<code>"), in words.
ACTIONS = {
    "review": pgettext_lazy("audit action", "review an event"),
    "review_list": pgettext_lazy("audit action", "view the reviews"),
    "review_detail": pgettext_lazy("audit action", "view a review"),
    "anomaly_setting": pgettext_lazy("audit action", "change a setting of the anomaly rules"),
    "anomaly_settings": pgettext_lazy("audit action", "view the settings of the anomaly rules"),
    "sharing_register": pgettext_lazy("audit action", "view the sharing register"),
    "sharing_register_detail": pgettext_lazy("audit action", "view a sharing decision in the register"),
    "sharing_register_export": pgettext_lazy("audit action", "export the sharing register"),
}



def register() -> None:
    register_reason_phrases(PHRASES)
    register_key_values("action", lambda: ACTIONS)
    register_key_values("decision", lambda: field_choices("privacy.Review.decision"))
