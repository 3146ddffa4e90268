"""Base classes of the API views: authentication, pagination, the case in the URL, read events and
the version rule for updates.

Every view over case data derives from `CaseApiView`. Views about one case take it as
`case_id` in the URL (audit.middleware reads that name), load it unfiltered and then run the
object permission check, so a case the caller cannot reach answers 403 with an `access_denied`
event rather than a silent 404; a case of another type than the view's `case_type` is a 404.
Lists go through `filter_queryset`, which always applies `VisibleCasesFilter`
(casework/api/permissions.py), and are paginated one way (casework/api/pagination.py). Errors
become problem details (casework/api/errors.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse
from rest_framework.generics import GenericAPIView

from audit import record, record_batch
from audit.actions import Action
from audit.services import Target
from casework.access import CaseAccess
from casework.api.auth import API_AUTHENTICATION
from casework.api.pagination import Pagination
from casework.api.permissions import CaseScopedMixin
from casework.api.selectors import require_category
from casework.models import Case, processing_activity_of
from casework.versions import case_update

# Error responses a view documents; the OpenAPI hook (casework/api/schema.py) gives each the
# problem details shape and adds the ones every operation can answer.
ERRORS = {400: OpenApiResponse(description="Invalid input; translated messages per field in `errors`."),
          403: OpenApiResponse(description="No access (recorded as access_denied)."),
          404: OpenApiResponse(description="No such case or row (or one of another case type).")}
CONFLICT = {409: OpenApiResponse(description="The case changed since you read its `version`: read it again.")}


class ApiView(GenericAPIView):
    authentication_classes = API_AUTHENTICATION
    pagination_class = Pagination


class CaseApiView(CaseScopedMixin, ApiView):
    """A view about one case (`case_id` in the URL) or a list of cases."""

    # The sharing category a read of this view discloses (checked after the case access).
    category: str = ""
    # The case type the view serves; a case of another type in the URL is a 404.
    case_type: str = ""
    case_access: CaseAccess

    def get_case(self) -> Case:
        """The case in the URL, after the permission check for this request's method (403 recorded)."""
        if not hasattr(self, "_case"):
            case = get_object_or_404(
                Case.objects.select_related("person", "owner", "team", "controller", "referring_organisation"),
                pk=self.kwargs["case_id"],
            )
            if self.case_type and case.case_type != self.case_type:
                raise Http404
            self.check_object_permissions(self.request, case)  # sets self.case_access
            if self.category and self.request.method == "GET":
                require_category(self.request.user, case, self.case_access, self.category)
            self._case = case
        return self._case

    @contextmanager
    def case_update(self, version: int) -> Iterator[Case]:
        """An update of the case or one of its rows, for the `version` the client read (409 when stale)."""
        with case_update(case=self.get_case(), expected_version=version) as case:
            yield case

    def record_read(self, *, action: str, object_type: str, object_id: Any = "") -> None:
        """One event about the case's subject, before the response is built (fail closed)."""
        case = self.get_case()
        record(action=action, processing_activity=processing_activity_of(case), object_type=object_type,
               object_id=object_id or case.pk, case_id=case.pk, subject_id=case.person_id,
               actor=self.request.user)


def record_case_list(cases: list[Case], *, user) -> None:
    """A list page: one event per case shown (one data subject per event), in one insert."""
    by_activity: dict[str, list[Target]] = {}
    for case in cases:
        by_activity.setdefault(processing_activity_of(case), []).append(Target(
            object_type="casework.Case", object_id=case.pk, case_id=case.pk, subject_id=case.person_id,
        ))
    for activity, targets in by_activity.items():
        record_batch(action=Action.LIST, processing_activity=activity, targets=targets, actor=user)
