"""What the penalty components declare to the core once, for every case type that uses them.

A case type uses them by naming "penalties" in its `CaseTypeSpec.components`: the category
`penalties` is then offered in its sharing decisions, the history of these rows appears on its
timeline, and the rows are part of its inzage content. Person roles apply to every case
(casework/person_roles.py reads them from the registry), and casework/checks.py checks these
models' coverage as it checks a type's.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from casework.categories import INTERNAL
from casework.registry import CREATED, EDITABLE, Category, ComponentSpec, PersonRole

CODE = "penalties"
PENALTIES = "penalties"

_ROW = {"id": INTERNAL, "data_key_id": INTERNAL, "order_type": INTERNAL, "order_id": INTERNAL,
        "moved_from": INTERNAL}


def _all(*names: str) -> dict[str, str]:
    return {**_ROW, **dict.fromkeys(names, PENALTIES)}


FIELD_CATEGORIES: dict[str, dict[str, str]] = {
    "penalties.Forfeiture": {**_all("case", "forfeited_on", "amount", "payment_due_on", "limitation_date",
                                    "limitation_paused_since", "state", "closed_on"),
                             "basis_type": INTERNAL, "basis_id": PENALTIES},
    "penalties.CollectionIntention": _all("case", "forfeitures", "sent_on", "view_term_weeks", "view_due_on",
                                          "view_received_on", "view_summary", "created_by"),
    "penalties.CollectionRequest": _all("case", "requester_person", "requester_name", "requested_on",
                                        "decision_due_on", "delay_notice_sent_on", "delayed_due_on", "state",
                                        "decided_on"),
    "penalties.CollectionDecision": _all("case", "forfeitures", "request", "decided_on", "announced_on", "amount",
                                         "notes", "created_by"),
    "penalties.LimitationEvent": _all("case", "forfeiture", "kind", "started_on", "ended_on", "note", "created_by"),
    "penalties.Payment": {"id": INTERNAL, "data_key_id": INTERNAL, "moved_from": INTERNAL,
                          **dict.fromkeys(("case", "forfeiture", "paid_on", "amount", "created_by"), PENALTIES)},
}
MODELS = tuple(FIELD_CATEGORIES)

COMPONENT = ComponentSpec(
    code=CODE,
    label=_("Penalties"),
    app_label="penalties",
    categories=(Category(PENALTIES, _("Forfeitures and their collection")),),
    field_categories=FIELD_CATEGORIES,
    person_roles=(
        PersonRole("penalties.CollectionRequest", "requester_person", "requester",
                   _("person who asked for a collection decision")),
    ),
    history_sources=tuple((label, "case_id", PENALTIES) for label in MODELS),
    row_kinds={
        "penalties.Forfeiture": EDITABLE, "penalties.CollectionIntention": EDITABLE,
        "penalties.CollectionRequest": EDITABLE, "penalties.CollectionDecision": CREATED,
        "penalties.LimitationEvent": EDITABLE, "penalties.Payment": CREATED,
    },
)
