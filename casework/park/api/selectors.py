"""List filters of the park files endpoint, applied after VisibleCasesFilter (as for Damocles).

`limitation_warning` uses the one definition of a limitation warning, casework/park/limitation.py
`limitation_warnings` (an open forfeiture whose limitation date is within 3 months, or passed):
one query over the visible files, whatever their number.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from casework.api.selectors import ORDERINGS, DocumentedFilter, list_filtered
from casework.models import Case
from casework.park.limitation import limitation_warnings
from casework.park.models import ObjectKind, ParkFile, RecreationObject

FILE_FILTERS = (
    ("status", "string", "Only files with this status (repeat for several)."),
    ("object", "string", "Object number, e.g. B-017 (repeat for several)."),
    ("kind", "string", "Kind of object: " + ", ".join(ObjectKind.values) + "."),
    ("park", "string", "Only files on objects of this park (UUID)."),
    ("owner", "string", "`me` for your own files, or a user's UUID."),
    ("open", "boolean", "true: open files only; false: closed ones only."),
    ("limitationWarning", "boolean", "true: files with an open forfeiture whose limitation date is within "
                                      "3 months or has passed (as on the dashboard)."),
    ("reference", "string", "Exact reference, e.g. PRK-2026-0003."),
    ("ordering", "string", "One of: " + ", ".join(ORDERINGS) + " (default -opened_on)."),
)
OBJECT_FILTERS = (
    ("park", "string", "Only objects of this park (UUID)."),
    ("kind", "string", "Kind of object: " + ", ".join(ObjectKind.values) + "."),
    ("number", "string", "Object number, e.g. B-017."),
    ("openFile", "boolean", "true: objects with an open enforcement file; false: without one."),
)


def warning_condition(queryset: QuerySet[Case]) -> Q:
    return Q(pk__in={w.forfeiture.case_id for w in limitation_warnings(queryset, timezone.localdate())})


def files_filtered(queryset: QuerySet[Case], params: Any, *, user) -> QuerySet[Case]:
    visible = queryset
    objects = [number.strip().upper() for number in params.getlist("object") if number.strip()]
    if objects:
        queryset = queryset.filter(park__object__number__in=objects)
    return list_filtered(
        queryset, params, user=user,
        lookups={"kind": "park__object__kind", "park": "park__object__park_id", "reference": "reference"},
        uuids=("park",), choices={"kind": ObjectKind.values},
        conditions={
            "open": lambda: Q(closed_on__isnull=True),
            "limitationWarning": lambda: warning_condition(visible),
        },
    )


class ParkFileListFilter(DocumentedFilter):
    """The documented filters of the park file list (after the visibility filter)."""

    parameters = FILE_FILTERS

    def filter_queryset(self, request, queryset, view):
        return files_filtered(queryset, request.query_params, user=request.user)


def objects_filtered(queryset: QuerySet[RecreationObject], params: Any) -> QuerySet[RecreationObject]:
    for name, lookup in (("park", "park_id"), ("kind", "kind")):
        values = [v for v in params.getlist(name) if v]
        if values:
            queryset = queryset.filter(**{f"{lookup}__in": values})
    if params.get("number"):
        queryset = queryset.filter(number=params["number"].strip().upper())
    flag = (params.get("openFile") or "").strip().lower()
    if flag in ("1", "true", "yes", "0", "false", "no"):
        open_files = Exists(ParkFile.objects.filter(object=OuterRef("pk"), case__closed_on__isnull=True))
        queryset = queryset.filter(open_files) if flag in ("1", "true", "yes") else queryset.exclude(open_files)
    return queryset


class ObjectListFilter(DocumentedFilter):
    parameters = OBJECT_FILTERS

    def filter_queryset(self, request, queryset, view):
        return objects_filtered(queryset, request.query_params)
