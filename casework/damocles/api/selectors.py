"""List filters of the Damocles procedures endpoint, applied after VisibleCasesFilter.

`overdue` uses the one definition of a Damocles deadline, the handhaver's deadline overview
(casework/damocles/selectors/deadlines.py): a procedure is overdue when one of its terms (view,
Wkpb registration, decision on objection, closure end, compliance term, the written decision
after an urgent closure) has passed; a passed objection window is informational, never overdue.
That selector costs one query per kind of deadline, whatever the number of procedures.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from casework.api.selectors import ORDERINGS, DocumentedFilter, list_filtered
from casework.damocles.models import PremisesKind
from casework.damocles.selectors.deadlines import damocles_deadlines
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
    return list_filtered(
        queryset, params, user=user,
        lookups={"kind": "damocles__premises__kind", "reference": "reference"},
        choices={"kind": PremisesKind.values},
        conditions={
            "open": lambda: Q(closed_on__isnull=True),
            "overdue": lambda: overdue_condition(visible, timezone.localdate()),
            "urgent": lambda: Q(damocles__urgent=True),
        },
    )


class ProcedureListFilter(DocumentedFilter):
    """The documented filters of the procedure list (after the visibility filter)."""

    parameters = PROCEDURE_FILTERS

    def filter_queryset(self, request, queryset, view):
        return procedures_filtered(queryset, request.query_params, user=request.user)
