"""Permission and filter classes around casework/access.py (pitfall 3).

DRF's DjangoObjectPermissions does not check reads and model permissions never grant rows here,
so neither is used. Instead:
- `CasePermission` checks every object access, reads included, with `access.require`, which
  records `access_denied` (case and subject) before the 403.
- `VisibleCasesFilter` narrows every list to `access.visible_cases(user)` in SQL.
- `CaseScopedMixin.filter_queryset` refuses to run when a subclass's `filter_backends` lost the
  visibility filter, so overriding `filter_backends` cannot silently drop it.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet
from rest_framework.filters import BaseFilterBackend
from rest_framework.permissions import SAFE_METHODS, BasePermission

from casework import access
from casework.models import Case


class CasePermission(BasePermission):
    """Authenticated users only; per object, the case action the view names for the method.

    A view sets `case_actions` (method → access action); safe methods default to VIEW and
    unsafe ones to CHANGE. The object is a `Case`, or anything with a `case` attribute.
    """

    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated)

    def has_object_permission(self, request, view, obj: Any) -> bool:
        case = obj if isinstance(obj, Case) else obj.case
        action = getattr(view, "case_actions", {}).get(
            request.method, access.VIEW if request.method in SAFE_METHODS else access.CHANGE,
        )
        view.case_access = access.require(request.user, action, case)  # raises 403 (recorded)
        return True


class VisibleCasesFilter(BaseFilterBackend):
    """Only rows of cases the user may see. `view.visibility_path` names the case: "" for `Case`
    itself, "case" for child rows."""

    def filter_queryset(self, request, queryset: QuerySet, view) -> QuerySet:
        visible = access.visible_cases(request.user)
        path = getattr(view, "visibility_path", "")
        if not path:
            if queryset.model is not Case:
                raise ImproperlyConfigured(f"{type(view).__name__}: set visibility_path for {queryset.model}")
            return queryset & visible
        return queryset.filter(**{f"{path}__in": visible.values("pk")})


class CaseScopedMixin:
    """For every API view over case data: permission + visibility filter that cannot be dropped."""

    permission_classes = (CasePermission,)
    filter_backends: tuple = (VisibleCasesFilter,)
    visibility_path = ""
    case_actions: dict[str, str] = {}

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        if VisibleCasesFilter not in self.filter_backends:
            raise ImproperlyConfigured(f"{type(self).__name__}.filter_backends must keep VisibleCasesFilter")
        return super().filter_queryset(queryset)  # type: ignore[misc]
