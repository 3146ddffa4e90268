"""List filters of the Damocles procedures endpoint, applied after VisibleCasesFilter.

`overdue` means a term of the procedure has passed while the work it asks for is still open:
- the term for a view (zienswijze) ended while the case still waits in `voornemen_verzonden`;
- the Wkpb registration (within 4 days of sealing) is due and not recorded;
- a decision on an objection (Awb 7:10) is due and the objection is still undecided.
All three are SQL conditions, so the filter stays one query whatever the page size.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from rest_framework.filters import BaseFilterBackend

from casework.api.selectors import ORDERINGS, _flag
from casework.damocles import workflow as damocles
from casework.damocles.models import Objection, PremisesKind
from casework.models import Case

PROCEDURE_FILTERS = (
    ("status", "string", "Only procedures with this status (repeat for several)."),
    ("kind", "string", "Kind of premises: " + ", ".join(PremisesKind.values) + "."),
    ("owner", "string", "`me` for your own procedures, or a user's UUID."),
    ("open", "boolean", "true: open procedures only; false: closed ones only."),
    ("overdue", "boolean", "true: a term has passed (view, Wkpb registration, decision on objection)."),
    ("urgent", "boolean", "true: urgent closures (Awb 5:31) only."),
    ("reference", "string", "Exact reference, e.g. DAM-2026-0003."),
    ("ordering", "string", "One of: " + ", ".join(ORDERINGS) + " (default -opened_on)."),
)


def overdue_condition(today) -> Q:
    open_objection = Objection.objects.filter(
        case=OuterRef("pk"), decision_due_on__lt=today,
        state__in=(Objection.State.RECEIVED, Objection.State.HEARING),
    )
    return (
        Q(status=damocles.VOORNEMEN_VERZONDEN, damocles__view_due_on__lt=today)
        | Q(damocles__wkpb_due_on__lt=today, damocles__wkpb_registered_on__isnull=True)
        | Q(Exists(open_objection))
    )


def procedures_filtered(queryset: QuerySet[Case], params: Any, *, user) -> QuerySet[Case]:
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
        "overdue": overdue_condition(timezone.localdate()),
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
