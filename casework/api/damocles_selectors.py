"""List filters of the Damocles procedures endpoint, applied after VisibleCasesFilter.

`overdue` uses the one definition of a Damocles deadline, the handhaver's deadline overview
(casework/damocles/deadline_overview.py): a procedure is overdue when one of its terms (view,
Wkpb registration, decision on objection, closure end, compliance term, the written decision
after an urgent closure) has passed; a passed objection window is informational, never overdue.
That selector costs one query per kind of deadline, whatever the number of procedures.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from rest_framework.filters import BaseFilterBackend

from casework.api.selectors import ORDERINGS, _flag
from casework.damocles.deadline_overview import damocles_deadlines
from casework.damocles.models import PremisesKind
from casework.models import Case

PROCEDURE_FILTERS = (
    ("status", "string", "Only procedures with this status (repeat for several)."),
    ("kind", "string", "Kind of premises: " + ", ".join(PremisesKind.values) + "."),
    ("owner", "string", "`me` for your own procedures, or a user's UUID."),
    ("open", "boolean", "true: open procedures only; false: closed ones only."),
    ("overdue", "boolean", "true: a term of the procedure has passed (as in the deadline overview)."),
    ("urgent", "boolean", "true: urgent closures (Awb 5:31) only."),
    ("reference", "string", "Exact reference, e.g. DAM-2026-0003."),
    ("ordering", "string", "One of: " + ", ".join(ORDERINGS) + " (default -opened_on)."),
)


def overdue_condition(queryset: QuerySet[Case], today: date) -> Q:
    """Q for the procedures of `queryset` with a passed deadline (see the module docstring)."""
    passed = damocles_deadlines(cases=queryset, until=today - timedelta(days=1), today=today)
    return Q(pk__in={deadline.case.pk for deadline in passed if deadline.overdue})


def procedures_filtered(queryset: QuerySet[Case], params: Any, *, user) -> QuerySet[Case]:
    visible = queryset
    statuses = [s for s in params.getlist("status") if s]
    if statuses:
        queryset = queryset.filter(status__in=statuses)
    kinds = [k for k in params.getlist("kind") if k]
    if kinds:
        queryset = queryset.filter(damocles__premises__kind__in=kinds)
    if params.get("reference"):
        queryset = queryset.filter(reference=params["reference"])
    owner = params.get("owner")
    if owner:
        queryset = queryset.filter(owner_id=user.pk if owner == "me" else owner)
    conditions = {
        "open": Q(closed_on__isnull=True),
        "overdue": overdue_condition(visible, timezone.localdate()) if params.get("overdue") else Q(),
        "urgent": Q(damocles__urgent=True),
    }
    for name, condition in conditions.items():
        flag = _flag(params.get(name))
        if flag is not None:
            queryset = queryset.filter(condition if flag else ~condition)
    ordering = params.get("ordering")
    return queryset.order_by(ordering if ordering in ORDERINGS else "-opened_on", "reference")


class ProcedureListFilter(BaseFilterBackend):
    """The documented filters of the procedure list (after the visibility filter)."""

    def filter_queryset(self, request, queryset, view):
        return procedures_filtered(queryset, request.query_params, user=request.user)

    def get_schema_operation_parameters(self, view) -> list[dict[str, Any]]:
        return [
            {"name": name, "required": False, "in": "query", "description": description, "schema": {"type": kind}}
            for name, kind, description in PROCEDURE_FILTERS
        ]
