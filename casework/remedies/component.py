"""What the legal remedies declare to the core once, for every case type that uses them.

A case type uses them by naming "remedies" in its `CaseTypeSpec.components`: the category
`remedies` is then offered in its sharing decisions, the history of these rows appears on its
timeline, and the rows are part of its inzage content. Person roles and legal-hold rules apply to
every case (casework/person_roles.py, casework/privacy/holds.py read them from the registry), and
casework/checks.py checks these models' coverage as it checks a type's.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from casework.categories import INTERNAL
from casework.registry import CREATED, EDITABLE, Category, ComponentSpec, HoldRule, PersonRole

CODE = "remedies"
REMEDIES = "remedies"

_ROW = {"id": INTERNAL, "data_key_id": INTERNAL, "decision_type": INTERNAL, "decision_id": INTERNAL,
        "moved_from": INTERNAL}


def _all(*names: str) -> dict[str, str]:
    return {**_ROW, **dict.fromkeys(names, REMEDIES)}


FIELD_CATEGORIES: dict[str, dict[str, str]] = {
    "remedies.Announcement": _all("case", "addressee_person", "addressee_name", "role", "method", "announced_on",
                                  "objection_deadline", "compliance_ends_on"),
    "remedies.Objection": {
        **_all("case", "announcement", "received_on", "posted_on", "late", "lateness_excused", "excuse_reasons",
               "advisory_committee", "suspended_from", "suspended_until", "suspension_days", "extension_weeks",
               "extension_ground", "extension_notice_sent_on", "postponement_weeks", "postponement_basis",
               "consent_on", "postponement_ground", "postponement_notice_sent_on", "decision_due_on", "state",
               "outcome", "decided_on"),
    },
    "remedies.Application": _all("case", "kind", "applicant_name", "received_on", "decision_due_on",
                                 "delay_notice_sent_on", "delayed_due_on", "state", "decided_on"),
    "remedies.InterimRelief": _all("case", "requested_on", "municipality_waits", "state", "ruled_on"),
    "remedies.Appeal": _all("case", "level", "lodged_on", "ruled_on", "annulled", "outcome"),
    "remedies.UrgentEnforcement": _all("case", "acted_at", "what", "reasons", "written_decision_due_on",
                                       "written_decision_on"),
}
# An objection has no decision reference of its own (it is about its announcement's decision), nor
# has an application (it asks for one); neither was moved here from a case type.
for _model in ("remedies.Objection", "remedies.Application"):
    for _name in ("decision_type", "decision_id") + (("moved_from",) if _model == "remedies.Application" else ()):
        FIELD_CATEGORIES[_model].pop(_name)

COMPONENT = ComponentSpec(
    code=CODE,
    label=_("Legal remedies"),
    app_label="remedies",
    categories=(Category(REMEDIES, _("Announcements and legal remedies")),),
    field_categories=FIELD_CATEGORIES,
    person_roles=(
        PersonRole("remedies.Announcement", "addressee_person", "addressee", _("addressee of the decision"),
                   row_bound=True),
    ),
    hold_rules=(
        HoldRule("remedies.Objection", Q(state__in=["received", "hearing"]), _("objection pending")),
        HoldRule("remedies.InterimRelief", Q(state="requested"), _("interim relief pending")),
        HoldRule("remedies.Appeal", Q(ruled_on__isnull=True), _("appeal pending")),
        HoldRule("remedies.Application", Q(state="pending"), _("application pending")),
    ),
    history_sources=(
        ("remedies.Announcement", "case_id", REMEDIES),
        ("remedies.Objection", "case_id", REMEDIES),
        ("remedies.InterimRelief", "case_id", REMEDIES),
        ("remedies.Appeal", "case_id", REMEDIES),
        ("remedies.UrgentEnforcement", "case_id", REMEDIES),
        ("remedies.Application", "case_id", REMEDIES),
    ),
    row_kinds={
        "remedies.Announcement": CREATED, "remedies.Objection": EDITABLE, "remedies.Application": EDITABLE,
        "remedies.InterimRelief": EDITABLE, "remedies.Appeal": EDITABLE, "remedies.UrgentEnforcement": CREATED,
    },
)
