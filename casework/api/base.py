"""Base classes of the API views: authentication, pagination, the case in the URL, read events and
the version rule for updates.

Every view over case data derives from `CaseApiView`. Views about one case take it as
`case_id` in the URL (audit.middleware reads that name), load it unfiltered and then run the
object permission check, so a case the caller cannot reach answers 403 with an `access_denied`
event rather than a silent 404; a case of another type than the view's `case_type` is a 404.
Lists go through `filter_queryset`, which always applies `VisibleCasesFilter`
(casework/api/permissions.py), and are paginated one way (casework/api/pagination.py). Errors
become problem details (casework/api/errors.py).

Every POST accepts an `Idempotency-Key` header (casework/idempotency.py, ADR 0014): the first
request with a key runs; a repeat with the same key and body answers with the object the first one
created — rendered afresh by a GET of its address (`Location`), so access is checked again and a
read event recorded — marked `Idempotent-Replayed: true`; the same key with another body is a 422,
a key whose first request is still running a 409.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpResponseBase
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from audit import record, record_batch
from audit.actions import Action
from casework import idempotency, selectors
from casework.access import CaseAccess, require_category
from casework.api.auth import API_AUTHENTICATION
from casework.api.pagination import Pagination
from casework.api.permissions import CaseScopedMixin
from casework.api.replay import (
    IDEMPOTENCY_HEADER,
    REPLAYED_HEADER,
    InvalidIdempotencyKey,
    KeyInProgress,
    KeyReusedForAnotherRequest,
    replay_get,
)
from casework.disclosures import case_targets
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
    # Only the collections that grow without bound are paged (ADR 0010 rule 5): their views set
    # `pagination_class = Pagination`. The rows of one case come as one array.
    pagination_class: type[Pagination] | None = None
    # A POST that creates nothing (a lookup) answers afresh every time: an Idempotency-Key changes nothing.
    creates: bool = True
    _submission: idempotency.Claim | None = None

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        key = request.headers.get(IDEMPOTENCY_HEADER)
        if request.method != "POST" or key is None or not self.creates:
            return
        if not idempotency.valid_key(key):
            raise InvalidIdempotencyKey
        self._submission = idempotency.claim(
            user=request.user, channel="api", key=key,
            request_fingerprint=idempotency.fingerprint(method="POST", path=request.path,
                                                        body=self.fingerprint_body(request)))

    def fingerprint_body(self, request: Request) -> bytes:
        """What an Idempotency-Key is matched on besides method and path: the body (a multipart upload
        view matches its fields and the file's digest instead: casework/documents/api/views.py)."""
        return request.body

    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, idempotency.Replay):
            return self.replay(exc.row)
        if isinstance(exc, idempotency.InProgress):
            exc = KeyInProgress()
        elif isinstance(exc, idempotency.KeyReused):
            exc = KeyReusedForAnotherRequest()
        return super().handle_exception(exc)

    def finalize_response(self, request: Request, response: HttpResponseBase, *args: Any,
                          **kwargs: Any) -> HttpResponseBase:
        response = super().finalize_response(request, response, *args, **kwargs)
        submission, self._submission = self._submission, None
        if submission is not None:
            if 200 <= response.status_code < 300:
                data = getattr(response, "data", None)
                created_id = str(data.get("id") or "") if isinstance(data, dict) else ""
                idempotency.complete(submission, location=str(response.get("Location", "")), created_id=created_id)
            else:
                idempotency.release(submission)
        return response

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            return super().dispatch(request, *args, **kwargs)
        finally:  # an unhandled error (a 500) frees the key too
            if self._submission is not None:
                idempotency.release(self._submission)
                self._submission = None

    def replay(self, row: Any) -> Response:
        """The answer to a repeated POST: the created object, rendered afresh."""
        response = replay_get(self.request, row.location) if row.location else self.replay_created(row.created_id)
        response[REPLAYED_HEADER] = "true"
        return response

    def replay_created(self, created_id: str) -> Response:
        """A created row without an address of its own (no GET of one row): its id, after the access
        check of this view (for a view about one case: the case, checked again)."""
        if isinstance(self, CaseApiView):
            self.get_case()
        return Response({"id": created_id}, status=200)


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
            case = selectors.case_with_parties(self.kwargs["case_id"])
            if case is None or self.case_type and case.case_type != self.case_type:
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


def validated_body(serializer_class, request) -> dict:
    """The request body checked by `serializer_class` (400 problem+json with field errors when invalid)."""
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def named_row(queryset: QuerySet, member: str, pk: Any, message: Any = None, **filters: Any) -> Any:
    """The row a body member names by its id, or a 400 pointing at that member (with `message`, or a general one):
    an id in the body is input, not the path's resource (a 404 would tell the client its path is wrong;
    docs/adr/0010-api-rules.md)."""
    row = queryset.filter(pk=pk, **filters).first()
    if row is None:
        raise ValidationError({member: message or _("Unknown id, or one you may not name here.")})
    return row


def record_case_list(cases: list[Case], *, user) -> None:
    """A list page: one event per case shown (one data subject per event), in one insert."""
    targets = case_targets(cases)
    if targets:  # one insert (and one chain lock) for the page, each event under its case's activity
        record_batch(action=Action.LIST, processing_activity=targets[0].processing_activity, targets=targets,
                     actor=user)
